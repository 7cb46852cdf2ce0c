// Browser mode's transport against real loopback servers: the same Api as the Electron preload, over
// POST /api/<operation>, sent only once the server has proved (on the event stream) that it is the one that launched
// the page; and the launch itself: a single-use token traded for a proof key kept for reloads.
import type { ServerResponse } from 'node:http';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../../renderer/api/event-stream';
import { createHttpApi } from '../../renderer/api/http-api';
import { PROOF_KEY_ITEM, startLaunch } from '../../renderer/api/launch';
import { takeLaunchToken } from '../../renderer/api/launch-token';
import { proofOf } from '../../renderer/api/server-link';
import { INTERPOLATION } from '../../renderer/i18n/options';
import en from '../../shared/locales/en.json';
import type { TokenState } from '../../shared/views';
import { proofOf as serverProofOf } from '../../web/launch-sessions';
import { type Handler, type LocalServer, type RecordedRequest, sendJson, startLocalServer } from '../support/local-server';

beforeAll(async () => {
  await i18next.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: INTERPOLATION });
});

const servers: LocalServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const VALID: TokenState = { status: 'valid', issuedAt: 1_000, expiresAt: 3_601_000, expirySource: 'jwt' };
const KEY = 'proof-key-of-this-tab';
const waitFor = async (check: () => boolean, ms = 3000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

/**
 * A stand-in for browser mode's server: the event stream opens with the nonce signed under `signingKey` (the real
 * server's proofOf), and every other request goes to `handler`. Open streams are kept so a test can write events.
 */
async function door(handler: Handler, { signingKey = KEY, port = 0 } = {}) {
  const streams: ServerResponse[] = [];
  const server = await startLocalServer(
    (req, res) => {
      const url = new URL(req.url, 'http://x');
      const proof = serverProofOf(signingKey, url.searchParams.get('nonce') ?? '');
      if (url.pathname === '/api/hello') return sendJson(res, 200, { ok: true, value: { proof } });
      if (url.pathname !== '/api/events') return handler(req, res);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`event: hello\ndata: ${JSON.stringify({ proof })}\n\n`);
      streams.push(res);
    },
    120_000,
    port,
  );
  servers.push(server);
  return {
    server,
    streams,
    calls: () => server.requests.filter((r) => r.method === 'POST'),
  };
}

const apiFor = (url: string, proofKey: string | undefined = KEY) =>
  createHttpApi({ proofKey: Promise.resolve(proofKey), baseUrl: url, retryMs: 20 });

describe('browser-mode transport', () => {
  it('sends each operation as a POST to /api/<operation> once the server has proved itself, and returns the envelope', async () => {
    const { server, calls } = await door((_req, res) => sendJson(res, 200, { ok: true, value: [{ id: 'p1', name: 'Acme' }] }));
    const reply = await apiFor(server.url)['profiles.list']({ query: 'acme' });
    expect(reply).toEqual({ ok: true, value: [{ id: 'p1', name: 'Acme' }] });
    const [request] = calls() as [RecordedRequest];
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/profiles.list');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ query: 'acme' });
    // The check before the call carries a fresh nonce and nothing secret: the browser adds the HttpOnly cookie itself.
    expect(server.requests.map((r) => r.url.replace(/nonce=[A-Za-z0-9_-]{32}$/, 'nonce=N'))).toEqual([
      '/api/hello?nonce=N',
      '/api/profiles.list',
    ]);
  });

  it('the page checks the proof exactly as the server makes it', async () => {
    expect(await proofOf(KEY, 'a-nonce-of-the-page-0123456789')).toBe(serverProofOf(KEY, 'a-nonce-of-the-page-0123456789'));
  });

  it('passes an error envelope through unchanged, so the UI shows the engine’s own words', async () => {
    const error = { code: 'KEYCHAIN_LOCKED', message: 'The login keyring is locked.', hint: 'Unlock it, then try again.' };
    const { server } = await door((_req, res) => sendJson(res, 200, { ok: false, error }));
    expect(await apiFor(server.url)['secrets.reveal']({ profileId: 'p', credentialId: 'c' })).toEqual({ ok: false, error });
  });

  it('a refusal without an envelope becomes an error value, never a thrown exception', async () => {
    const { server } = await door((_req, res) => {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('nope');
    });
    const reply = await apiFor(server.url)['profiles.list']({});
    expect(reply.ok).toBe(false);
  });

  it('a server that signs the nonce with another key gets no call at all, now or later', async () => {
    const { server, calls } = await door((_req, res) => sendJson(res, 200, { ok: true, value: null }), { signingKey: 'other' });
    const api = apiFor(server.url);
    const reply = await api['credentials.update']({ profileId: 'p', credentialId: 'c', secret: 'typed-secret' } as never);
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/not the Sinch Keys/) },
    });
    expect(await api['profiles.list']({})).toMatchObject({ ok: false });
    expect(calls()).toEqual([]);
    expect(server.requests.map((r) => r.body).join('')).not.toContain('typed-secret');
  });

  it('a server that does not know this tab’s session (a new run) ends the link and asks for a fresh launch address', async () => {
    const server = await startLocalServer((_req, res) =>
      sendJson(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'x' } }),
    );
    servers.push(server);
    const reply = await apiFor(server.url)['profiles.list']({});
    expect(reply).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/restarted/), hint: expect.stringMatching(/launch address/) },
    });
    expect(server.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('without a launch, nothing is sent anywhere', async () => {
    const { server } = await door((_req, res) => sendJson(res, 200, { ok: true, value: [] }));
    const reply = await createHttpApi({ proofKey: Promise.resolve(undefined), baseUrl: server.url })['profiles.list']({});
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(server.requests).toEqual([]);
  });

  it('a server that has stopped gives a NETWORK error value, and the call is never sent', async () => {
    const gone = await startLocalServer((_req, res) => sendJson(res, 200, {}));
    const url = gone.url;
    await gone.close();
    const reply = await apiFor(url)['keychain.status']({});
    expect(reply).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
  });

  it('when the server goes away and another process takes its port, the next secret is not sent to it', async () => {
    const real = await door((_req, res) => sendJson(res, 200, { ok: true, value: [] }));
    const api = apiFor(real.server.url);
    expect(await api['profiles.list']({})).toEqual({ ok: true, value: [] });
    const { port } = new URL(real.server.url);
    await real.server.close();
    // The impostor answers everything as the real server would, but cannot sign with this tab's proof key.
    const impostor = await door((_req, res) => sendJson(res, 200, { ok: true, value: null }), {
      signingKey: 'guessed',
      port: Number(port),
    });
    const reply = await api['credentials.update']({ profileId: 'p', credentialId: 'c', secret: 'typed-secret' } as never);
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(impostor.calls()).toEqual([]);
    expect(impostor.server.requests.map((r) => r.url + r.body).join('')).not.toContain('typed-secret');
  });

  it('after a dropped stream, reconnects with a fresh nonce and takes events once the server proves itself again', async () => {
    const real = await door((_req, res) => sendJson(res, 200, { ok: true, value: [] }));
    const seen: string[] = [];
    apiFor(real.server.url).onTokenChanged((e) => seen.push(e.credentialId));
    await waitFor(() => real.streams.length === 1);
    real.streams[0]?.end();
    await waitFor(() => real.streams.length === 2);
    real.streams[1]?.write('event: token.changed\ndata: {"profileId":"p","credentialId":"k2","state":{"status":"none"}}\n\n');
    await waitFor(() => seen.length === 1);
    const nonces = real.server.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('nonce'));
    expect(new Set(nonces).size).toBe(2);
  });

  it('an event stream whose hello is signed with another key delivers nothing and ends the link', async () => {
    const { server, streams } = await door((_req, res) => sendJson(res, 200, { ok: true, value: [] }), { signingKey: 'other' });
    const seen: unknown[] = [];
    const api = apiFor(server.url);
    api.onTokenChanged((e) => seen.push(e));
    await waitFor(() => streams.length === 1);
    streams[0]?.write('event: token.changed\ndata: {"profileId":"p","credentialId":"k1","state":{"status":"none"}}\n\n');
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([]);
    expect(await api['profiles.list']({})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('delivers token.changed events to every listener after the proof, and stops one that leaves', async () => {
    const { server, streams } = await door((_req, res) => sendJson(res, 200, { ok: true, value: [] }));
    const api = apiFor(server.url);
    const first: unknown[] = [];
    const second: unknown[] = [];
    const offFirst = api.onTokenChanged((e) => first.push(e));
    api.onTokenChanged((e) => second.push(e));
    await waitFor(() => streams.length === 1);
    await new Promise((r) => setTimeout(r, 20));
    const stream = streams[0] as ServerResponse;
    // Split mid-event: the client must wait for the blank line that ends it.
    stream.write('event: token.changed\ndata: {"profileId":"p","credentialId":"k1",');
    stream.write(`"state":${JSON.stringify(VALID)}}\n\nevent: other\ndata: {}\n\n`);
    await waitFor(() => first.length === 1 && second.length === 1);
    expect(first).toEqual([{ profileId: 'p', credentialId: 'k1', state: VALID }]);
    offFirst();
    stream.write('event: token.changed\ndata: {"profileId":"p","credentialId":"k2","state":{"status":"none"}}\n\n');
    await waitFor(() => second.length === 2);
    expect(first).toHaveLength(1);
    expect(streams).toHaveLength(1);
  });
});

describe('event stream parsing', () => {
  const streamOf = (...chunks: string[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });

  it('joins multi-line data, skips comments and accepts CRLF line ends', async () => {
    const events: Array<[string, string]> = [];
    await readEvents(streamOf(': hello\r\n\r\nevent: a\r\ndata: one\r\ndata:two\r\n\r\n', 'data: plain\n\n'), (name, data) =>
      events.push([name, data]),
    );
    expect(events).toEqual([
      ['a', 'one\ntwo'],
      ['message', 'plain'],
    ]);
  });

  it('decodes characters split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: 简体中文\n\n');
    const events: string[] = [];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 8));
        controller.enqueue(bytes.slice(8));
        controller.close();
      },
    });
    await readEvents(stream, (_name, data) => events.push(data));
    expect(events).toEqual(['简体中文']);
  });
});

describe('launch', () => {
  const memoryStorage = () => {
    const items = new Map<string, string>();
    return { items, getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
  };

  it('takes the launch token out of the address bar and history', () => {
    const replaced: Array<string | undefined> = [];
    const token = takeLaunchToken(
      { href: 'http://127.0.0.1:4173/?launch=abc123&lang=zh#top' },
      { replaceState: (_d, _u, url) => replaced.push(url) },
    );
    expect(token).toBe('abc123');
    expect(replaced).toEqual(['/?lang=zh#top']);
  });

  it('leaves the address alone when there is no launch token', () => {
    const replaced: unknown[] = [];
    expect(takeLaunchToken({ href: 'http://127.0.0.1:4173/' }, { replaceState: () => replaced.push(1) })).toBeUndefined();
    expect(replaced).toEqual([]);
  });

  it('trades the token for a proof key kept in this tab, so a reload still knows its server', async () => {
    const server = await startLocalServer((req, res) =>
      JSON.parse(req.body).launchToken === 'abc123'
        ? sendJson(res, 200, { ok: true, value: { proofKey: 'key-1' } })
        : sendJson(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'used' } }),
    );
    servers.push(server);
    const storage = memoryStorage();
    const launch = (href: string) =>
      startLaunch({ location: { href }, history: { replaceState: () => undefined }, storage, fetch, baseUrl: server.url });
    expect(await launch(`${server.url}/?launch=abc123`)).toBe('key-1');
    expect(storage.items.get(PROOF_KEY_ITEM)).toBe('key-1');
    expect(server.requests[0]?.url).toBe('/launch');
    // Reload: no token in the address any more, the key from this tab's launch holds.
    expect(await launch(`${server.url}/`)).toBe('key-1');
    // A spent address opened in a new tab (empty storage) has no key, so that page will send nothing.
    expect(
      await startLaunch({
        location: { href: `${server.url}/?launch=spent` },
        history: { replaceState: () => undefined },
        storage: memoryStorage(),
        fetch,
        baseUrl: server.url,
      }),
    ).toBeUndefined();
  });
});
