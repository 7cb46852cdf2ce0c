// The UI receives one Api and never learns where it came from: Electron's preload exposes it as window.sinchKeys;
// without it the page is in browser mode and talks to the loopback server.
import type { Api } from '../../shared/contract';
import { createHttpApi } from './http-api';
import { startLaunch } from './launch';

declare global {
  interface Window {
    sinchKeys?: Api;
  }
}

export function selectApi(win: Window): Api {
  if (win.sinchKeys) return win.sinchKeys;
  const fetch = (input: string, init?: RequestInit) => win.fetch(input, init);
  return createHttpApi({
    proofKey: startLaunch({ location: win.location, history: win.history, storage: win.sessionStorage, fetch }),
    fetch,
  });
}
