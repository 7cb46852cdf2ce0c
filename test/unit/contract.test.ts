// The one contract: every operation is validated before it runs, every door exposes exactly its operations,
// and the IPC adapter refuses requests from anything but the app's own main frame.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { dispatch } from '../../core/engine';
import { isTrustedSender, registerIpcHandlers } from '../../electron/ipc';
import { bindApi } from '../../shared/bind-api';
import { CALLBACK_KINDS, type CallbackKind, callbackInputSchema, type Handlers, operations } from '../../shared/contract';
import { channelOf, OPERATION_NAMES } from '../../shared/operations';

const root = join(import.meta.dirname, '..', '..');

/** Handlers that record what reached them: dispatch must only ever pass validated input. */
function recordingHandlers() {
  const calls: Array<{ op: string; args: unknown }> = [];
  const handlers = Object.fromEntries(
    OPERATION_NAMES.map((op) => [
      op,
      async (args: unknown) => {
        calls.push({ op, args });
        return { ok: op };
      },
    ]),
  ) as unknown as Handlers;
  return { calls, handlers };
}

describe('dispatch validates every request against the contract', () => {
  it('rejects an unknown operation without running anything', async () => {
    const { calls, handlers } = recordingHandlers();
    const result = await dispatch(handlers, 'secrets.dumpAll', {});
    expect(result).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'Unknown operation.' } });
    expect(calls).toEqual([]);
  });

  it('does not treat inherited object keys as operations', async () => {
    const { calls, handlers } = recordingHandlers();
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect((await dispatch(handlers, name, {})).ok).toBe(false);
    }
    expect(calls).toEqual([]);
  });

  it('rejects a wrong payload with a sentence naming the field', async () => {
    const { calls, handlers } = recordingHandlers();
    const result = await dispatch(handlers, 'credentials.add', {
      profileId: 'p1',
      credential: { kind: 'accessKey', keyId: 'nope', secret: 's' },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^credential\.keyId: Key ID must look like a UUID/);
    expect(calls).toEqual([]);
  });

  it('passes the parsed (defaulted, trimmed) input to the handler', async () => {
    const { calls, handlers } = recordingHandlers();
    await dispatch(handlers, 'snippets.env', { profileId: 'p1', syntax: 'posix' });
    expect(calls[0]?.args).toEqual({ profileId: 'p1', syntax: 'posix', set: 'sdk', includeSecrets: false });
  });

  it('turns a thrown non-AppError into a generic message that cannot leak what it held', async () => {
    const handlers = {
      ...recordingHandlers().handlers,
      'app.info': async () => Promise.reject(new Error('secret=abc123')),
    } as Handlers;
    const result = await dispatch(handlers, 'app.info', {});
    expect(JSON.stringify(result)).not.toContain('abc123');
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('the IPC door', () => {
  const fakeIpc = () => {
    const registered = new Map<
      string,
      (event: { senderFrame: { url: string; parent: unknown } | null }, input: unknown) => Promise<unknown>
    >();
    return { registered, ipcMain: { handle: (channel: string, fn: never) => registered.set(channel, fn) } };
  };

  it('registers exactly one channel per contract operation', () => {
    const { registered, ipcMain } = fakeIpc();
    const channels = registerIpcHandlers(ipcMain, recordingHandlers().handlers);
    expect([...registered.keys()].sort()).toEqual(OPERATION_NAMES.map(channelOf).sort());
    expect(channels).toHaveLength(Object.keys(operations).length);
  });

  it.each([
    ['app://sinch-keys/index.html', null, true],
    ['app://sinch-keys/', null, true],
    ['https://evil.example/', null, false],
    ['file:///tmp/x.html', null, false],
    ['app://bundle.evil/', null, false],
    ['app://sinch-keys@evil/', null, false],
    ['app://sinch-keys.evil/', null, false],
    ['app://sinch-keys/index.html', { url: 'app://sinch-keys/' }, false],
  ])('sender %s (parent %o) trusted: %s', (url, parent, trusted) => {
    expect(isTrustedSender({ url, parent })).toBe(trusted);
  });

  it('refuses a request whose frame is gone (null senderFrame) and never runs the handler', async () => {
    const { registered, ipcMain } = fakeIpc();
    const { calls, handlers } = recordingHandlers();
    registerIpcHandlers(ipcMain, handlers);
    const handler = registered.get(channelOf('secrets.reveal'));
    const reply = await handler?.({ senderFrame: null }, { profileId: 'p', credentialId: 'c' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(calls).toEqual([]);
  });

  it('the preload exposes named functions from the contract and never ipcRenderer itself', () => {
    const source = readFileSync(join(root, 'electron', 'preload.ts'), 'utf8');
    expect(source).toMatch(/contextBridge\.exposeInMainWorld\('sinchKeys', api\)/);
    expect(source.match(/exposeInMainWorld/g)).toHaveLength(1);
    expect(source).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(source).toContain('bindApi({');
    // The listener gets the payload only: the IpcRendererEvent (whose sender leaks ipcRenderer) stays in the preload.
    expect(source).toMatch(/\(_event: IpcRendererEvent, payload[^)]*\) => listener\(payload\)/);
  });

  it('the bound API has one function per operation, passing its name and input, and nothing else but the two subscriptions', async () => {
    const calls: [string, unknown][] = [];
    const listeners = new Set<(payload: unknown) => void>();
    const api = bindApi({
      invoke: async (op, input) => {
        calls.push([op, input]);
        return { ok: true, value: null };
      },
      subscribeTokenChanges: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      subscribeSettingsChanges: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
    expect(Object.keys(api).sort()).toEqual([...OPERATION_NAMES, 'onSettingsChanged', 'onTokenChanged'].sort());
    await api['profiles.list']({ query: 'x' });
    expect(calls).toEqual([['profiles.list', { query: 'x' }]]);
    const seen: unknown[] = [];
    const stop = api.onTokenChanged((event) => seen.push(event));
    for (const listener of listeners) listener({ keyId: 'k' });
    expect(seen).toEqual([{ keyId: 'k' }]);
    stop();
    expect(listeners.size).toBe(0);
  });

  it('no file but electron/ipc.ts and the preload touches ipcMain or ipcRenderer', () => {
    const files = [
      'electron/main.ts',
      'electron/window.ts',
      'electron/navigation.ts',
      'electron/menu.ts',
      'electron/app-protocol.ts',
    ];
    for (const file of files) expect(readFileSync(join(root, file), 'utf8')).not.toMatch(/ipcMain\.(handle|on)\(|ipcRenderer/);
  });
});

describe('requests that are not plain JSON', () => {
  it('refuses a Date, Map, Error or array as a request, and keeps messages short for huge inputs', async () => {
    const { calls, handlers } = recordingHandlers();
    for (const input of [new Date(), new Map(), new Error('x'), ['a']]) {
      expect(await dispatch(handlers, 'profiles.create', input)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    const huge = await dispatch(handlers, 'profiles.update', {
      profileId: 'p',
      patch: { regions: { ['x'.repeat(100_000)]: 'us' } },
    });
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error.message.length).toBeLessThan(500);
    expect(calls).toEqual([]);
  });
});

describe('each enum is declared once', () => {
  it('the callback schema has exactly one branch per callback kind (the CLI offers CALLBACK_KINDS)', () => {
    // Also a compile-time check: tsc fails here when a branch is added without its kind, or the reverse.
    expectTypeOf<(typeof callbackInputSchema)['_zod']['output']['kind']>().toEqualTypeOf<CallbackKind>();
    expect(callbackInputSchema.options.map((o) => o.shape.kind.value)).toEqual([...CALLBACK_KINDS]);
  });
});
