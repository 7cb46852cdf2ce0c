// The only place that touches ipcMain: one handler per contract operation, each checking its sender (our app://
// origin, main frame only — security checklist #17) before dispatch validates the payload against the contract.

import { dispatch } from '../core/engine';
import type { Handlers } from '../shared/contract';
import type { Result } from '../shared/errors';
import { channelOf, OPERATION_NAMES } from '../shared/operations';
import { isAppUrl } from '../shared/url-policy';

/** What we read from an IpcMainInvokeEvent's sender frame; null after navigation or destruction (then rejected). */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: SenderFrame | null }, input: unknown) => Promise<unknown>): void;
}

export const isTrustedSender = (frame: SenderFrame | null): boolean =>
  frame !== null && frame.parent === null && isAppUrl(frame.url);

const UNTRUSTED: Result<never> = {
  ok: false,
  error: { code: 'UNAUTHORIZED', message: 'Request refused: it did not come from the Sinch Keys window.' },
};

export function registerIpcHandlers(ipcMain: IpcMainLike, handlers: Handlers): string[] {
  return OPERATION_NAMES.map((op) => {
    const channel = channelOf(op);
    ipcMain.handle(channel, async (event, input) =>
      isTrustedSender(event.senderFrame) ? dispatch(handlers, op, input) : UNTRUSTED,
    );
    return channel;
  });
}
