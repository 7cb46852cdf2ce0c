// Browser mode's transport against a real loopback server: the same Api as the Electron preload, over
// POST /api/<operation> with the launch token, and token events over a server-sent event stream.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { readEvents } from '../../renderer/api/event-stream';
import { createHttpApi, TOKEN_HEADER } from '../../renderer/api/http-api';
import { takeLaunchToken } from '../../renderer/api/launch-token';
import type { TokenState } from '../../shared/views';
import { type LocalServer, type RecordedRequest, sendJson, startLocalServer } from '../support/local-server';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const VALID: TokenState = { status: 'valid', issuedAt: 1_000, expiresAt: 3_601_000, expirySource: 'jwt' };
const waitFor = async (check: () => boolean, ms = 3000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('browser-mode transport', () => {
  it('sends each operation as a POST to /api/<operation> with the launch token, and returns the reply envelope', async () => {
    server = await startLocalServer((_req, res) => sendJson(res, 200, { ok: true, value: [{ id: 'p1', name: 'Acme' }] }));
    const api = createHttpApi({ token: 'launch-123', baseUrl: server.url });
    const reply = await api['profiles.list']({ query: 'acme' });
    expect(reply).toEqual({ ok: true, value: [{ id: 'p1', name: 'Acme' }] });
    const [request] = server.requests as [RecordedRequest];
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/profiles.list');
    expect(request.headers[TOKEN_HEADER.toLowerCase()]).toBe('launch-123');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ query: 'acme' });
  });

  it('passes an error envelope through unchanged, so the UI shows the engine’s own words', async () => {
    const error = { code: 'KEYCHAIN_LOCKED', message: 'The login keyring is locked.', hint: 'Unlock it, then try again.' };
    server = await startLocalServer((_req, res) => sendJson(res, 200, { ok: false, error }));
    const reply = await createHttpApi({ token: 't', baseUrl: server.url })['secrets.reveal']({
      profileId: 'p',
      credentialId: 'c',
    });
    expect(reply).toEqual({ ok: false, error });
  });

  it('a refusal without an envelope becomes an error value, never a thrown exception', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('no');
    });
    const reply = await createHttpApi({ token: 'wrong', baseUrl: server.url })['app.info']({});
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('NETWORK');
  });

  it('a server that has stopped gives a NETWORK error value', async () => {
    const gone = await startLocalServer((_req, res) => sendJson(res, 200, {}));
    const url = gone.url;
    await gone.close();
    const reply = await createHttpApi({ token: 't', baseUrl: url })['keychain.status']({});
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('NETWORK');
  });

  it('delivers token.changed events to every listener and closes the stream when the last one leaves', async () => {
    const streams: ServerResponse[] = [];
    let closed = 0;
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': connected\n\n');
      res.on('close', () => closed++);
      streams.push(res);
    });
    const api = createHttpApi({ token: 'launch 456', baseUrl: server.url });
    const first: unknown[] = [];
    const second: unknown[] = [];
    const offFirst = api.onTokenChanged((e) => first.push(e));
    const offSecond = api.onTokenChanged((e) => second.push(e));
    await waitFor(() => streams.length === 1);
    expect(server.requests[0]?.url).toBe('/api/events?token=launch%20456');
    expect(server.requests[0]?.headers[TOKEN_HEADER.toLowerCase()]).toBe('launch 456');
    const stream = streams[0] as ServerResponse;
    // Split mid-event: the client must wait for the blank line that ends it.
    stream.write('event: token.changed\ndata: {"keyId":"k1",');
    stream.write(`"state":${JSON.stringify(VALID)}}\n\nevent: other\ndata: {}\n\n`);
    await waitFor(() => first.length === 1 && second.length === 1);
    expect(first).toEqual([{ keyId: 'k1', state: VALID }]);
    offFirst();
    stream.write('event: token.changed\ndata: {"keyId":"k2","state":{"status":"none"}}\n\n');
    await waitFor(() => second.length === 2);
    expect(first).toHaveLength(1);
    expect(streams).toHaveLength(1);
    offSecond();
    await waitFor(() => closed === 1);
  });

  it('reconnects after the server drops the stream', async () => {
    let connections = 0;
    server = await startLocalServer((_req, res) => {
      connections++;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(`event: token.changed\ndata: {"keyId":"k${connections}","state":{"status":"none"}}\n\n`);
    });
    const api = createHttpApi({ token: 't', baseUrl: server.url, retryMs: 10 });
    const seen: string[] = [];
    const off = api.onTokenChanged((e) => seen.push(e.keyId));
    await waitFor(() => seen.length >= 2);
    off();
    expect(seen.slice(0, 2)).toEqual(['k1', 'k2']);
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

describe('launch token', () => {
  it('is taken out of the address bar and history, and kept for the requests', () => {
    const replaced: Array<string | undefined> = [];
    const token = takeLaunchToken(
      { href: 'http://127.0.0.1:4173/?token=abc123&lang=zh#top' },
      { replaceState: (_d, _u, url) => replaced.push(url) },
    );
    expect(token).toBe('abc123');
    expect(replaced).toEqual(['/?lang=zh#top']);
  });

  it('leaves the address alone when there is no token', () => {
    const replaced: unknown[] = [];
    expect(takeLaunchToken({ href: 'http://127.0.0.1:4173/' }, { replaceState: () => replaced.push(1) })).toBeUndefined();
    expect(replaced).toEqual([]);
  });
});
