// Browser mode's HTTP door: the launch token, DNS-rebinding and cross-origin defences, and the same contract as IPC.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeEngine } from '../../core/composition';
import { MemorySecretStore } from '../../core/keychain';
import { openConf, SettingsStore } from '../../core/settings-store';
import { startWebServer, TOKEN_HEADER, type WebServer } from '../../web/server';

let dir: string;
let server: WebServer;

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

const api = (op: string, input: unknown = {}, headers: Record<string, string> = {}) =>
  send(`/api/${op}`, {
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token, ...headers },
    body: JSON.stringify(input),
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sinch-keys-web-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Sinch Keys</title>');
  // The keychain is not what this file tests (see profiles-keychain.test.ts); a memory store keeps it focused.
  const engine = composeEngine({
    settings: new SettingsStore(() => openConf(dir)),
    secrets: new MemorySecretStore(),
    version: 'test',
  });
  server = await startWebServer({ engine, rendererDir: renderer });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('browser mode', () => {
  it('prints a launch address on 127.0.0.1 carrying a long random token', () => {
    expect(server.launchUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  });

  it('answers a contract operation that carries the token', async () => {
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
    ['no token', {}],
    ['a wrong token', { [TOKEN_HEADER]: 'x'.repeat(43) }],
    ['a short token', { [TOKEN_HEADER]: 'short' }],
  ])('refuses a request with %s', async (_what, headers) => {
    const reply = await send('/api/profiles.list', { headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect(reply.status).toBe(401);
  });

  it.each([
    ['the token one character short', (t: string) => t.slice(0, -1)],
    ['a prefix of the token', (t: string) => t.slice(0, 8)],
    ['the token with one character more', (t: string) => `${t}A`],
    ['the token without its first character', (t: string) => t.slice(1)],
  ])('refuses %s', async (_what, variant) => {
    const headers = { 'content-type': 'application/json', [TOKEN_HEADER]: variant(server.token) };
    const reply = await send('/api/profiles.list', { headers, body: '{}' });
    expect(reply.status).toBe(401);
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
      headers: { 'content-type': 'application/x-www-form-urlencoded', [TOKEN_HEADER]: server.token },
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
