// The renderer's API as a value: one named function per operation, each handed to the transport by name, and a token
// subscription that returns its own unsubscribe (never a generic pass-through, never the transport's event object).
// The preload builds it over ipcRenderer; its type is the Api every part of the renderer holds. No zod in here: the
// preload bundle must stay small (test/unit/preload-bundle.test.ts).
import type { Events, OperationInput, Replies } from './contract';
import type { Result } from './errors';
import { OPERATION_NAMES, type Operation } from './operations';

/** How calls travel (the preload: ipcRenderer on channelOf(op)); the transport owns its channel names. */
export interface Transport {
  invoke(op: Operation, input: unknown): Promise<unknown>;
  /** Calls listener with each token change pushed by main until the returned function is called. */
  subscribeTokenChanges(listener: (payload: unknown) => void): () => void;
  /** Calls listener each time another process changed the settings file, until the returned function is called. */
  subscribeSettingsChanges(listener: () => void): () => void;
}

type Operations = { [O in Operation]: (input: OperationInput<O>) => Promise<Result<Replies[O]>> };

export function bindApi(transport: Transport) {
  // The transport answers with the contract's Result envelope (main's dispatch), which is what the cast states.
  const operations = Object.fromEntries(
    OPERATION_NAMES.map((op) => [op, (input: unknown) => transport.invoke(op, input)]),
  ) as Operations;
  return {
    ...operations,
    onTokenChanged(listener: (event: Events['token.changed']) => void): () => void {
      return transport.subscribeTokenChanges((payload) => listener(payload as Events['token.changed']));
    },
    onSettingsChanged(listener: () => void): () => void {
      return transport.subscribeSettingsChanges(() => listener());
    },
  };
}

export type Api = ReturnType<typeof bindApi>;
