// The UI receives one Api and never learns where it came from: Electron's preload exposes it as window.sinchKeys;
// without it the page is in browser mode and talks to the loopback server.
import type { Api } from '../../shared/contract';
import { createHttpApi } from './http-api';
import { takeLaunchToken } from './launch-token';

declare global {
  interface Window {
    sinchKeys?: Api;
  }
}

export function selectApi(win: Window): Api {
  if (win.sinchKeys) return win.sinchKeys;
  return createHttpApi({ token: takeLaunchToken(win.location, win.history) ?? '' });
}
