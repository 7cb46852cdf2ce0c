// Browser mode's HTTP door: the single-use launch token and the session cookie, the proof on the event stream,
// DNS-rebinding and cross-origin defences, and the same contract as IPC.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeEngine } from '../../core/composition';
import { MemorySecretStore } from '../../core/keychain';
import { SettingsStore } from '../../core/settings-store';
import { proofOf } from '../../web/launch-sessions';
import { startWebServer, type WebServer } from '../../web/server';
import { openWebSession, type WebSession } from '../support/web-session';

let dir: string;
let server: WebServer;
let session: WebSession;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch, because a test must be able to forge the Host header as a rebinding attacker would. */
function send(
  path: string,
  { method = 'POST', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The first event of a stream, read until its blank line; the stream is then closed. */
function firstEvent(path: string, cookie: string): Promise<string> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { cookie } }, (res) => {
      let text = '';
      res.on('data', (d) => {
        text += d;
        const end = text.indexOf('\n\n');
        if (end >= 0) {
          resolve(text.slice(0, end));
          req.destroy();
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const api = (op: string, input: unknown = {}, headers: Record<string, string> = {}) =>
  send(`/api/${op}`, {
    headers: { 'content-type': 'application/json', cookie: session.cookie, ...headers },
    body: JSON.stringify(input),
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sinch-keys-web-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Sinch Keys</title>');
  // The keychain is not what this file tests (see profiles-keychain.test.ts); a memory store keeps it focused.
  const engine = composeEngine({
    settings: SettingsStore.at(dir),
    secrets: new MemorySecretStore(),
    version: 'test',
  });
  server = await startWebServer({ engine, rendererDir: renderer });
  session = await openWebSession(server);
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('browser mode', () => {
  it('prints a launch address on 127.0.0.1 carrying a long random launch token', () => {
    expect(server.launchUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?launch=[A-Za-z0-9_-]{43}$/);
  });

  const launchWith = (launchToken: unknown) =>
    send('/launch', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ launchToken }) });
  const tokenOf = (launchUrl: string) => new URL(launchUrl).searchParams.get('launch') ?? '';

  it('trades a launch token, once, for an HttpOnly, SameSite=Strict session cookie scoped to /api', async () => {
    const token = tokenOf(server.newLaunchUrl());
    const first = await launchWith(token);
    expect(first.status).toBe(200);
    const [cookie] = first.headers['set-cookie'] ?? [];
    expect(cookie).toMatch(new RegExp(`^${server.cookieName}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/api$`));
    expect(JSON.parse(first.body)).toEqual({ ok: true, value: { proofKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) } });
    // The address left in browser history is spent: opening it again gets nothing.
    const again = await launchWith(token);
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(JSON.parse(again.body).error.message).toMatch(/already used/);
  });

  it.each([
    ['a prefix of a launch token', (t: string) => t.slice(0, 8)],
    ['a launch token one character short', (t: string) => t.slice(0, -1)],
    ['a launch token with one character more', (t: string) => `${t}A`],
    ['an empty launch token', () => ''],
    ['a launch token that is not a string', () => ['x']],
  ])('refuses %s and leaves the real one usable', async (_what, variant) => {
    const token = tokenOf(server.newLaunchUrl());
    expect((await launchWith(variant(token))).status).toBe(401);
    expect((await launchWith(token)).status).toBe(200);
  });

  it('answers a contract operation that carries the session cookie', async () => {
    const reply = await api('profiles.create', { name: 'Web' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { name: 'Web', environment: 'prod' } });
  });

  it('validates the payload exactly as the IPC door does', async () => {
    const reply = await api('profiles.create', { name: '' });
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'name: Profile name is required.' },
    });
  });

  it.each([
    ['no cookie', () => ({})],
    ['the launch token instead of a session', () => ({ cookie: `${server.cookieName}=${tokenOf(server.newLaunchUrl())}` })],
    ['the session one character short', () => ({ cookie: session.cookie.slice(0, -1) })],
    ['a prefix of the session', () => ({ cookie: session.cookie.slice(0, server.cookieName.length + 9) })],
    ['the session with one character more', () => ({ cookie: `${session.cookie}A` })],
    [
      'the session under another port’s cookie name',
      () => ({ cookie: session.cookie.replace(/^[^=]+/, 'sinch-keys-session-1') }),
    ],
    ['the session value in the old token header', () => ({ 'x-sinch-keys-token': session.cookie.split('=')[1] ?? '' })],
  ])('refuses a request with %s', async (_what, headers) => {
    const reply = await send('/api/profiles.list', { headers: { 'content-type': 'application/json', ...headers() }, body: '{}' });
    expect(reply.status).toBe(401);
  });

  it('takes the session only from the cookie: not from the event stream’s query string', async () => {
    const value = session.cookie.split('=')[1] ?? '';
    const reply = await send(`/api/events?nonce=${'n'.repeat(32)}&token=${value}&session=${value}`, { method: 'GET' });
    expect(reply.status).toBe(401);
  });

  it('answers the hello before each call with the page’s nonce signed under this session’s proof key', async () => {
    const nonce = 'abcdefghijklmnopqrstuvwxyz012345';
    const hello = await send(`/api/hello?nonce=${nonce}`, { method: 'GET', headers: { cookie: session.cookie } });
    expect(JSON.parse(hello.body)).toEqual({ ok: true, value: { proof: proofOf(session.proofKey, nonce) } });
    expect((await send(`/api/hello?nonce=${nonce}`, { method: 'GET' })).status).toBe(401);
    expect((await send('/api/hello?nonce=x', { method: 'GET', headers: { cookie: session.cookie } })).status).toBe(400);
  });

  it('opens the event stream with the page’s nonce signed under its proof key, and needs a nonce', async () => {
    const nonce = 'abcdefghijklmnopqrstuvwxyz012345';
    const hello = await firstEvent(`/api/events?nonce=${nonce}`, session.cookie);
    expect(hello).toBe(`event: hello\ndata: ${JSON.stringify({ proof: proofOf(session.proofKey, nonce) })}`);
    const other = await openWebSession(server);
    expect(await firstEvent(`/api/events?nonce=${nonce}`, other.cookie)).not.toBe(hello);
    for (const bad of ['', 'short', `${'n'.repeat(32)}%0a`])
      expect((await send(`/api/events?nonce=${bad}`, { method: 'GET', headers: { cookie: session.cookie } })).status).toBe(400);
  });

  it('refuses a foreign Host header even with the right token (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${new URL(server.url).port}`, '127.0.0.1:1', 'localhost']) {
      const reply = await api('profiles.list', {}, { host });
      expect(reply.status, host).toBe(421);
    }
  });

  it('refuses a foreign Origin even with the right token', async () => {
    for (const origin of [
      'http://evil.example',
      'null',
      'https://127.0.0.1',
      `http://127.0.0.1:${Number(new URL(server.url).port) + 1}`,
    ]) {
      const reply = await api('profiles.list', {}, { origin });
      expect(reply.status, origin).toBe(403);
    }
  });

  it('refuses form-encoded posts and never sends CORS headers', async () => {
    const reply = await send('/api/profiles.list', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
      body: 'a=1',
    });
    expect(reply.status).toBe(415);
    const ok = await api('profiles.list');
    for (const r of [reply, ok]) expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('serves the UI with the strict Content-Security-Policy', async () => {
    const page = await send('/', { method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Sinch Keys');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });
});
