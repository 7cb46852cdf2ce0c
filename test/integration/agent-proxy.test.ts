// `sinch-keys proxy`: a local door that adds the profile's auth to plain HTTP requests. Upstream are a fake Sinch
// (OAuth2 + project API) and a Voice/Verification stand-in that checks every request's signature with the official
// @sinch/sdk-client validator. The engine is the real one over a temp settings folder and the session's keychain.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateAuthenticationHeader } from '@sinch/sdk-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROXY_TOKEN_HEADER, startProxy } from '../../agent/proxy';
import { openDefaultEngine, readBootConfig } from '../../core/bootstrap';
import type { ComposedEngine } from '../../core/composition';
import { dispatch } from '../../core/engine';
import type { AuditEntry, ProxyHandle } from '../../shared/agent';
import type { Operation, OperationInput, Replies } from '../../shared/contract';
import { BIN, cleanEnv, runCli } from '../support/cli';
import { type FakeSinch, startFakeSinch } from '../support/fake-sinch';
import { type LocalServer, sendJson, startLocalServer } from '../support/local-server';

const PROJECT = '0f6d3c52-8a51-4f0c-9a55-6a1c2b9e7d10';
const KEY_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const KEY_SECRET = 'kS3cr3t-proxy_42';
const APP_KEY = '669e367e-6bba-48ab-af15-266871c28135';
const APP_SECRET = 'BeIukql3pTKJ8RGL5zo0DA==';

let home: string;
let env: NodeJS.ProcessEnv;
let engine: ComposedEngine;
let sinch: FakeSinch;
let voice: LocalServer;
let proxy: ProxyHandle;
let appProxy: ProxyHandle;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so Host and Origin can be anything a browser or another program might send. */
function send(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const withToken = (handle: ProxyHandle, headers: Record<string, string> = {}) => ({
  [PROXY_TOKEN_HEADER]: handle.token,
  ...headers,
});

/** An engine call through the contract, as every door makes it. */
async function op<O extends Operation>(name: O, input: OperationInput<O>): Promise<Replies[O]> {
  const result = await dispatch(engine.handlers, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as Replies[O];
}

async function profileWith(name: string, credential: OperationInput<'credentials.add'>['credential']) {
  const profile = await op('profiles.create', { name, projectId: PROJECT });
  await op('credentials.add', { profileId: profile.id, credential });
  return profile;
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'sinch-keys-proxy-'));
  env = cleanEnv({ SINCH_KEYS_HOME: home, SINCH_KEYS_KEYCHAIN_SERVICE: `sinch-keys-proxy-test-${process.pid}` });
  engine = openDefaultEngine(readBootConfig(env), 'test');
  sinch = await startFakeSinch({ keys: [{ keyId: KEY_ID, keySecret: KEY_SECRET, projectId: PROJECT }] });
  // docs/protocol.md#signing: the stand-in accepts a request only if the official validator accepts its signature.
  voice = await startLocalServer((req, res) => {
    const path = req.url.split('?')[0] ?? '';
    // The validator is made for callbacks, which always carry a Content-Type; a GET without one is signed with an
    // empty Content-Type (docs/protocol.md#signing), which the validator would read as the text "undefined".
    const headers = { 'content-type': '', ...Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])) };
    const valid = validateAuthenticationHeader(APP_KEY, APP_SECRET, headers, req.body, path, req.method);
    sendJson(res, valid ? 200 : 401, { valid, path });
  });

  const acme = await profileWith('Acme', { kind: 'accessKey', keyId: KEY_ID, secret: KEY_SECRET });
  await op('profiles.setOverride', {
    profileId: acme.id,
    target: 'numbers',
    url: sinch.url,
    allowForeignHost: true,
  });
  await op('profiles.setOverride', {
    profileId: acme.id,
    target: 'auth',
    url: sinch.tokenUrl,
    allowForeignHost: true,
  });
  await op('agent.setAccess', { profileId: acme.id, patch: { enabled: true } });

  const calls = await profileWith('Calls', { kind: 'applicationKey', applicationKey: APP_KEY, secret: APP_SECRET });
  for (const target of ['voice', 'verification'] as const)
    await op('profiles.setOverride', { profileId: calls.id, target, url: voice.url, allowForeignHost: true });
  await op('agent.setAccess', { profileId: calls.id, patch: { enabled: true, allowWrites: true } });

  proxy = await startProxy({ engine, profile: 'Acme' });
  appProxy = await startProxy({ engine, profile: 'Calls' });
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await appProxy?.close();
  await sinch?.close();
  await voice?.close();
  if (engine) for (const p of engine.profiles.list()) await engine.profiles.remove(p.id);
  rmSync(home, { recursive: true, force: true });
});

describe('sinch-keys proxy', () => {
  it('forwards /<product>/<path> to the product host with the cached bearer token', async () => {
    const answer = await send(proxy.url, `/numbers/v1/projects/${PROJECT}/activeNumbers?pageSize=5`, {
      headers: withToken(proxy),
    });
    expect(answer.status, answer.body).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ projectId: PROJECT, path: `/v1/projects/${PROJECT}/activeNumbers?pageSize=5` });
    expect(sinch.apiRequests.at(-1)?.headers.authorization).toBe(`Bearer ${sinch.issuedTokens.at(-1)}`);
    const again = await send(proxy.url, `/numbers/v1/projects/${PROJECT}/activeNumbers`, { headers: withToken(proxy) });
    expect(again.status).toBe(200);
    expect(sinch.tokenRequests).toHaveLength(1);
  });

  it('signs Voice and Verification requests, body included, so that the official validator accepts them', async () => {
    const requests = [
      { method: 'GET', path: '/voice/v1/configuration/numbers' },
      { method: 'POST', path: '/voice/calling/v1/callouts', body: '{"method":"ttsCallout","ttsCallout":{"text":"hi"}}' },
      { method: 'POST', path: '/verification/verification/v1/verifications', body: '{"identity":{"type":"number"}}' },
      { method: 'GET', path: '/verification/verification/v1/verifications/id/123?x=1' },
    ];
    for (const r of requests) {
      const answer = await send(appProxy.url, r.path, {
        method: r.method,
        headers: withToken(appProxy, r.body ? { 'content-type': 'application/json; charset=utf-8' } : {}),
        ...(r.body ? { body: r.body } : {}),
      });
      expect(answer.status, `${r.method} ${r.path}: ${answer.body}`).toBe(200);
      expect(JSON.parse(answer.body).valid).toBe(true);
    }
    expect(voice.requests.at(-3)?.body).toBe(requests[1]?.body);
  });

  it('refuses requests without its token, with a wrong one, from a foreign Host or a web page; nothing is sent', async () => {
    const before = sinch.requests.length;
    const path = `/numbers/v1/projects/${PROJECT}/activeNumbers`;
    const port = new URL(proxy.url).port;
    const refusals = [
      await send(proxy.url, path),
      await send(proxy.url, path, { headers: { [PROXY_TOKEN_HEADER]: `${proxy.token}x` } }),
      await send(proxy.url, path, { headers: { [PROXY_TOKEN_HEADER]: proxy.token.slice(0, -1) } }),
      await send(proxy.url, path, { headers: withToken(proxy, { host: `evil.example:${port}` }) }),
      await send(proxy.url, path, { headers: withToken(proxy, { origin: 'https://evil.example' }) }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([401, 401, 401, 421, 403]);
    expect(JSON.parse(refusals[0]?.body ?? '{}').error.code).toBe('UNAUTHORIZED');
    expect(sinch.requests.length).toBe(before);
  });

  it('applies the same policy as the MCP server: a write on a read-only profile is refused and not sent', async () => {
    const before = sinch.requests.length;
    const answer = await send(proxy.url, `/numbers/v1/projects/${PROJECT}/activeNumbers`, {
      method: 'POST',
      headers: withToken(proxy, { 'content-type': 'application/json' }),
      body: '{}',
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error).toMatchObject({ code: 'AGENT_REFUSED' });
    expect(JSON.parse(answer.body).error.hint).toContain('--allow-writes');
    expect(sinch.requests.length).toBe(before);
  });

  it('answers malformed requests with an error and keeps serving', async () => {
    const big = 'x'.repeat(1024 * 1024 + 1);
    const answers = [
      await send(proxy.url, '/', { headers: withToken(proxy) }),
      await send(proxy.url, '/nope/v1/x', { headers: withToken(proxy) }),
      await send(proxy.url, '/numbers', { headers: withToken(proxy) }),
      await send(proxy.url, '/numbers/v1/x', { method: 'GET', headers: withToken(proxy), body: 'a body on a GET' }),
      await send(proxy.url, '/numbers/v1/x', { method: 'OPTIONS', headers: withToken(proxy) }),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 400, 403]);
    await expect(
      send(proxy.url, '/numbers/v1/x', { method: 'POST', headers: withToken(proxy), body: big }),
    ).resolves.toMatchObject({
      status: 413,
    });
    const still = await send(proxy.url, `/numbers/v1/projects/${PROJECT}/activeNumbers`, { headers: withToken(proxy) });
    expect(still.status).toBe(200);
  });

  it('audits every forwarded or refused request as the proxy door, without bodies', () => {
    const entries = readFileSync(join(home, 'agent-audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntry);
    expect(entries.every((e) => e.door === 'proxy' && e.tool === 'proxy')).toBe(true);
    expect(entries.filter((e) => e.decision === 'refused').map((e) => e.code)).toContain('AGENT_REFUSED');
    expect(entries.some((e) => e.profile === 'Calls' && e.status === 200 && e.method === 'POST')).toBe(true);
    expect(JSON.stringify(entries)).not.toContain('ttsCallout');
  });

  it('runs from the CLI: prints its address and token, forwards, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, '--json', 'proxy', 'Acme'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const info = await new Promise<{ url: string; token: string }>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0] ?? ''));
      });
      child.on('exit', (code) => reject(new Error(`proxy exited with ${code}`)));
    });
    const answer = await send(info.url, `/numbers/v1/projects/${PROJECT}/activeNumbers`, {
      headers: { [PROXY_TOKEN_HEADER]: info.token },
    });
    expect(answer.status, answer.body).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
  });

  it('says a profile does not exist, with the known ones and exit code 2, rather than an internal error', async () => {
    const text = await runCli(['proxy', 'nobody'], env);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('No profile named "nobody".');
    expect(text.stderr).toContain('Known profiles: Acme, Calls.');
    expect(text.stdout).toBe('');
    const json = await runCli(['--json', 'proxy', 'nobody'], env);
    expect(json.code).toBe(2);
    expect(json.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: 'No profile named "nobody".' } });
  });

  it('says a port it cannot listen on is taken, with exit code 2', async () => {
    const text = await runCli(['proxy', 'Acme', '--port', new URL(proxy.url).port], env);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain(`cannot listen on 127.0.0.1:${new URL(proxy.url).port}: EADDRINUSE`);
  });

  it('keeps auditing into a new file when the audit file is deleted while it runs', async () => {
    const file = join(home, 'agent-audit.jsonl');
    const before = await send(proxy.url, `/numbers/v1/projects/${PROJECT}/activeNumbers`, { headers: withToken(proxy) });
    expect(before.status).toBe(200);
    rmSync(file);
    const after = await send(proxy.url, `/numbers/v1/projects/${PROJECT}/activeNumbers?after=delete`, {
      headers: withToken(proxy),
    });
    expect(after.status).toBe(200);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ door: 'proxy', decision: 'allowed', status: 200 });
  });
});
