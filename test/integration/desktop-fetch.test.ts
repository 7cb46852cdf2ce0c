// The desktop app sends requests through Chromium (electron/net-fetch.ts), not Node's fetch. So that every guard
// test covers that door too, this file runs the test-request and token-exchange suites again with fetch replaced
// by the desktop adapter over a stand-in for Electron's net.request (test/support/chromium-net-stand-in.ts: what it
// models and what it cannot). The same assertions hold: cross-origin redirects not followed, same-origin ones
// followed up to 5, timeouts, cancellation, refused connections, untrusted certificates, capped bodies.
import type { ClientRequestConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { safeFetch } from '../../core/http-client';
import { fetchOverNetRequest, type NetRequest } from '../../electron/net-fetch';
import { standInNetRequest } from '../support/chromium-net-stand-in';
import { sendJson, startLocalServer } from '../support/local-server';
import { rejection } from '../support/rejection';

const desktopFetch = fetchOverNetRequest(standInNetRequest);
// The engine only ever passes a URL string (FetchLike); a Request object here would be a new caller to support.
globalThis.fetch = (input, init) => {
  if (input instanceof Request) throw new TypeError('the desktop fetch takes a URL, not a Request');
  return desktopFetch(input, init);
};

describe('through the desktop fetch: test requests', async () => {
  await import('./test-request.test');
});

describe('through the desktop fetch: token exchange', async () => {
  await import('./token-service.test');
});

describe('the desktop fetch', () => {
  it('times out a server that sends its headers and then never finishes the body', async () => {
    const server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
    });
    try {
      const err = await rejection(safeFetch(`${server.url}/slow`, {}, { fetch: desktopFetch, timeoutMs: 300 }));
      expect(err.code).toBe('TIMEOUT');
    } finally {
      await server.close();
    }
  });

  it('asks Chromium for manual redirects, and for no cookies, cached HTTP auth or HTTP cache (nothing on disk)', async () => {
    const server = await startLocalServer((_req, res) => sendJson(res, 200, { ok: true }));
    const asked: ClientRequestConstructorOptions[] = [];
    const recording: NetRequest = (options) => {
      asked.push(options);
      return standInNetRequest(options);
    };
    try {
      const response = await fetchOverNetRequest(recording)(`${server.url}/x`, { method: 'post', body: 'a=1' });
      expect(await response.json()).toEqual({ ok: true });
      expect(asked).toEqual([
        expect.objectContaining({
          method: 'POST',
          redirect: 'manual',
          credentials: 'omit',
          useSessionCookies: false,
          cache: 'no-store',
        }),
      ]);
      expect(server.requests.map((r) => [r.method, r.body])).toEqual([['POST', 'a=1']]);
    } finally {
      await server.close();
    }
  });
});
