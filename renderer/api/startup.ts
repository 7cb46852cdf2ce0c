// The window's three start-up calls, begun while the rest of the bundle is still being evaluated. main.tsx imports
// this module first, so the engine reads the settings file (and probes the keychain) while the page evaluates React
// and the screens, instead of after React has mounted; a reply that is back by the first render is shown by it.
import type { Replies } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { selectApi } from './select-api';
import { settle } from './settle';

/** A call already on its way, and its reply once it has arrived. */
export interface StartupReply<T> {
  readonly reply: Promise<Result<T>>;
  settled?: Result<T>;
}

function track<T>(pending: Promise<Result<T>>): StartupReply<T> {
  const call: StartupReply<T> = { reply: settle(pending) };
  void call.reply.then((result) => {
    call.settled = result;
  });
  return call;
}

export interface StartupCalls {
  info: StartupReply<Replies['app.info']>;
  keychain: StartupReply<Replies['keychain.status']>;
  profiles: StartupReply<Replies['profiles.list']>;
}

export const startupApi = selectApi(window);

export const startupCalls: StartupCalls = {
  // profiles.list first: it is the one the first useful frame waits for.
  profiles: track(startupApi['profiles.list']({})),
  info: track(startupApi['app.info']({})),
  keychain: track(startupApi['keychain.status']({})),
};
