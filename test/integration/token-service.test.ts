// The token service against a fake Sinch on 127.0.0.1 (test/support/fake-sinch.ts). Time is a fake clock whose
// sleep records the wait and returns at once, so backoff and expiry are checked without waiting for real.
import { Buffer } from 'node:buffer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TokenKey } from '../../core/ports';
import { bearerRequest, TokenService, type TokenServiceOptions } from '../../core/token-service';
import type { AppError } from '../../shared/errors';
import type { TokenState } from '../../shared/token-state';
import { DEFAULT_KEY, type FakeSinch, startFakeSinch } from '../support/fake-sinch';
import { startLocalServer } from '../support/local-server';

const START = Date.UTC(2026, 0, 1, 12, 0, 0);

function fakeClock() {
  const clock = {
    t: START,
    waits: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.waits.push(ms);
      clock.t += ms;
    },
    advanceSeconds: (s: number) => {
      clock.t += s * 1000;
    },
  };
  return clock;
}

// One stored credential per key ID and secret, as two profiles holding them would be.
const keyFor = (tokenUrl: string, keyId = DEFAULT_KEY.keyId, secret = DEFAULT_KEY.keySecret): TokenKey => ({
  tokenUrl,
  keyId,
  credentialRef: { profileId: `profile/${keyId}/${secret.length}-${secret.slice(-3)}`, credentialId: 'c', updatedAt: 't' },
  readSecret: async () => secret,
});

const failureOf = async (promise: Promise<unknown>): Promise<AppError> => {
  const result = await promise.then(
    () => undefined,
    (err: AppError) => err,
  );
  if (!result) throw new Error('expected the call to fail');
  return result;
};

let fake: FakeSinch;
let clock: ReturnType<typeof fakeClock>;
let key: TokenKey;
const service = (options: TokenServiceOptions = {}) => new TokenService({ clock, random: () => 0.5, ...options });
const callApi = (projectId: string) => (token: string) =>
  fetch(`${fake.url}/v1/projects/${projectId}/availableRegions`, { headers: { Authorization: `Bearer ${token}` } });

beforeEach(async () => {
  clock = fakeClock();
  fake = await startFakeSinch({ now: clock.now });
  key = keyFor(fake.tokenUrl);
});
afterEach(() => fake.close());

describe('exchanging an access key for a token', () => {
  it('sends exactly the request Sinch documents, with a UTF-8 Basic header', async () => {
    const odd = { keyId: 'key-ü', keySecret: 'sëcret:+% /', projectId: 'p' };
    await fake.close();
    fake = await startFakeSinch({ keys: [odd], now: clock.now });
    const token = await service().getToken(keyFor(fake.tokenUrl, odd.keyId, odd.keySecret));
    expect(token).toBe(fake.issuedTokens[0]);
    const [request] = fake.tokenRequests;
    expect(request?.method).toBe('POST');
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('key-ü:sëcret:+% /', 'utf8').toString('base64')}`);
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.body).toBe('grant_type=client_credentials');
  });

  it('reuses a cached token instead of asking Sinch again', async () => {
    const tokens = service();
    expect(await tokens.getToken(key)).toBe(await tokens.getToken(key));
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('makes one exchange for 100 callers on a cold cache, and one again at refresh time', async () => {
    const tokens = service();
    const first = await Promise.all(Array.from({ length: 100 }, () => tokens.getToken(key)));
    expect(new Set(first)).toEqual(new Set([fake.issuedTokens[0]]));
    expect(fake.tokenRequests).toHaveLength(1);
    clock.advanceSeconds(3600 - 299);
    const second = await Promise.all(Array.from({ length: 100 }, () => tokens.getToken(key)));
    expect(new Set(second)).toEqual(new Set([fake.issuedTokens[1]]));
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('serves the token from cache at 3 299 s and refreshes it at 3 301 s (five minutes early)', async () => {
    const tokens = service();
    const first = await tokens.getToken(key);
    clock.advanceSeconds(3299);
    expect(await tokens.getToken(key)).toBe(first);
    clock.advanceSeconds(2);
    expect(await tokens.getToken(key)).not.toBe(first);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('takes the expiry from the JWT exp claim when there is one', async () => {
    Object.assign(fake.tokenShape, { lifetimeSeconds: 1800, expiresIn: 3600 });
    const tokens = service();
    await tokens.getToken(key);
    expect(tokens.state(key)).toMatchObject({ expirySource: 'jwt', expiresAt: START + 1800_000, secondsLeft: 1800 });
  });

  it('counts expires_in from when the token arrived when the JWT has no exp', async () => {
    Object.assign(fake.tokenShape, { jwtExp: false, expiresIn: 900 });
    const tokens = service();
    await tokens.getToken(key);
    expect(tokens.state(key)).toMatchObject({ expirySource: 'expires_in', expiresAt: START + 900_000 });
  });

  it('trusts a token with neither exp nor expires_in for 60 seconds, and cuts absurd lifetimes to 24 hours', async () => {
    Object.assign(fake.tokenShape, { jwtExp: false, expiresIn: null });
    const tokens = service();
    await tokens.getToken(key);
    expect(tokens.state(key)).toMatchObject({ expirySource: 'default', secondsLeft: 60 });
    Object.assign(fake.tokenShape, { expiresIn: 10 * 86_400 });
    await tokens.refresh(key);
    expect(tokens.state(key)).toMatchObject({ expirySource: 'expires_in', secondsLeft: 86_400 });
  });

  it('accepts a lower-case "bearer" token type and refuses any other type', async () => {
    fake.tokenShape.tokenType = 'bearer';
    await service().getToken(key);
    fake.tokenShape.tokenType = 'mac';
    expect((await failureOf(service().getToken(key))).code).toBe('TOKEN_BAD_RESPONSE');
  });
});

describe('calling an API with the token', () => {
  it('a 401 that says the token expired refreshes once and retries', async () => {
    const tokens = service();
    expect((await bearerRequest(tokens, key, callApi('project-1'))).status).toBe(200);
    fake.script.expireIssuedTokens();
    const response = await bearerRequest(tokens, key, callApi('project-1'));
    expect(response.status).toBe(200);
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.apiRequests.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${fake.issuedTokens[0]}`,
      `Bearer ${fake.issuedTokens[0]}`,
      `Bearer ${fake.issuedTokens[1]}`,
    ]);
  });

  it('returns a second "expired" 401 instead of retrying again', async () => {
    fake.script.api(
      {
        status: 401,
        headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="Jwt expired at 2026-01-01T11:00:00Z"' },
      },
      2,
    );
    const response = await bearerRequest(service(), key, callApi('project-1'));
    expect(response.status).toBe(401);
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.apiRequests).toHaveLength(2);
  });

  it('passes a plain 401 back without refreshing the token', async () => {
    fake.script.api({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="Realm"' },
      body: { title: 'Invalid credentials' },
    });
    const response = await bearerRequest(service(), key, callApi('project-1'));
    expect(response.status).toBe(401);
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.apiRequests).toHaveLength(1);
  });

  it('gets 403 permission denied for another project, without a refresh', async () => {
    const response = await bearerRequest(service(), key, callApi('someone-elses-project'));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ title: 'Permission Denied' });
    expect(fake.tokenRequests).toHaveLength(1);
  });
});

describe('when the token endpoint says no', () => {
  it('a wrong key secret fails at once and points at the dashboard', async () => {
    const err = await failureOf(service().getToken(keyFor(fake.tokenUrl, DEFAULT_KEY.keyId, 'wrong-secret')));
    expect(err.code).toBe('TOKEN_INVALID_CLIENT');
    expect(err.message).toContain('The key ID or key secret was rejected by Sinch (401 invalid_client)');
    expect(err.hint).toContain('Settings → Access Keys');
    expect(fake.tokenRequests).toHaveLength(1);
    expect(clock.waits).toEqual([]);
  });

  it('a 400 invalid_request is reported and not retried', async () => {
    fake.script.token({ status: 400, body: { error: 'invalid_request' } });
    const err = await failureOf(service().getToken(key));
    expect(err.code).toBe('TOKEN_REJECTED');
    expect(err.message).toContain('400 invalid_request');
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('a redirect is refused, not followed', async () => {
    fake.script.token({ status: 307, headers: { location: `${fake.url}/elsewhere` } });
    expect((await failureOf(service().getToken(key))).code).toBe('TOKEN_REJECTED');
    expect(fake.requests.map((r) => r.url)).toEqual(['/oauth2/token']);
  });

  it('a failure is not cached: the next call asks again and succeeds', async () => {
    const tokens = service();
    fake.script.token({ status: 400, body: { error: 'invalid_request' } });
    await failureOf(tokens.getToken(key));
    expect(tokens.state(key).lastError?.code).toBe('TOKEN_REJECTED');
    expect(await tokens.getToken(key)).toBe(fake.issuedTokens[0]);
    expect(tokens.state(key).lastError).toBeUndefined();
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('gives every one of 100 waiting callers the error, and the next call tries again', async () => {
    const tokens = service();
    const wrong = keyFor(fake.tokenUrl, DEFAULT_KEY.keyId, 'wrong-secret');
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => tokens.getToken(wrong)));
    expect(results.every((r) => r.status === 'rejected' && r.reason.code === 'TOKEN_INVALID_CLIENT')).toBe(true);
    expect(fake.tokenRequests).toHaveLength(1);
    await failureOf(tokens.getToken(wrong));
    expect(fake.tokenRequests).toHaveLength(2);
  });
});

describe('retrying the token endpoint', () => {
  it('a 429 with Retry-After: 2 waits at least 2 seconds, then succeeds', async () => {
    fake.script.token({ status: 429, headers: { 'retry-after': '2' } });
    expect(await service().getToken(key)).toBe(fake.issuedTokens[0]);
    expect(clock.waits[0]).toBeGreaterThanOrEqual(2000);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('honours Retry-After as an HTTP date, and caps a very long one at 60 seconds', async () => {
    fake.script.token({ status: 429, headers: { 'retry-after': new Date(START + 5000).toUTCString() } });
    fake.script.token({ status: 429, headers: { 'retry-after': '3600' } });
    await service().getToken(key);
    expect(clock.waits).toEqual([5000, 60_000]);
  });

  it('reports TOKEN_RATE_LIMITED when the 429s outlast the retries', async () => {
    fake.script.token({ status: 429 }, 4);
    expect((await failureOf(service().getToken(key))).code).toBe('TOKEN_RATE_LIMITED');
    expect(fake.tokenRequests).toHaveLength(4);
  });

  it('503 on every attempt gives TOKEN_SERVER_ERROR after maxRetries + 1 attempts with jittered waits', async () => {
    const randoms = [0, 0.5, 0.999];
    fake.script.token({ status: 503 }, 4);
    const err = await failureOf(service({ random: () => randoms.shift() ?? 0 }).getToken(key));
    expect(err.code).toBe('TOKEN_SERVER_ERROR');
    expect(fake.tokenRequests).toHaveLength(4);
    // Full jitter: uniform in [0, min(8 s, 0.5 s · 2^attempt)).
    expect(clock.waits).toEqual([0, 500, 1998]);
  });

  it('never waits longer than the backoff cap', async () => {
    fake.script.token({ status: 500 }, 5);
    await service({ random: () => 0.999, maxRetries: 5, backoffCapMs: 1500 }).getToken(key);
    expect(clock.waits).toEqual([499, 999, 1498, 1498, 1498]);
  });

  it('retries a refused connection, then reports a network error naming the host', async () => {
    const gone = await startLocalServer(() => undefined);
    await gone.close();
    const err = await failureOf(service().getToken(keyFor(`${gone.url}/oauth2/token`)));
    expect(err.code).toBe('NETWORK');
    expect(err.message).toContain(`${new URL(gone.url).host} refused the connection`);
    expect(clock.waits).toHaveLength(3);
  });

  // DNS and certificate failures cannot happen on loopback, so this fetch throws what Node's fetch throws for them.
  it('says when the host name could not be found or the TLS connection failed, without retrying', async () => {
    const failingFetch = (code: string) => async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
    };
    const dns = await failureOf(
      service({ fetch: failingFetch('ENOTFOUND') }).getToken(keyFor('https://auth.example.invalid/oauth2/token')),
    );
    expect(dns).toMatchObject({
      code: 'NETWORK',
      message: expect.stringContaining('Could not resolve host auth.example.invalid (DNS lookup failed)'),
    });
    const tls = await failureOf(
      service({ fetch: failingFetch('CERT_HAS_EXPIRED') }).getToken(keyFor('https://auth.example.invalid/oauth2/token')),
    );
    expect(tls).toMatchObject({ code: 'NETWORK', message: expect.stringContaining('TLS') });
    expect(clock.waits).toEqual([]);
  });
});

describe('unusable answers', () => {
  it('an answer that is not JSON is reported as unreadable', async () => {
    fake.script.token({ body: '<html>maintenance</html>' });
    expect((await failureOf(service().getToken(key))).code).toBe('TOKEN_BAD_RESPONSE');
    fake.script.token({ body: { token_type: 'Bearer', expires_in: 3600 } });
    expect((await failureOf(service().getToken(key))).message).toContain('no access_token');
  });

  it('an answer larger than 1 MiB is refused', async () => {
    fake.script.token({ body: 'x'.repeat(1024 * 1024 + 1) });
    expect((await failureOf(service().getToken(key))).message).toContain('larger than 1 MiB');
  });

  it('a token endpoint that never answers times out within the configured time', async () => {
    fake.script.token({ hang: true });
    const started = Date.now();
    const err = await failureOf(service({ timeoutMs: 300 }).getToken(key));
    expect(err.code).toBe('TIMEOUT');
    // Far below undici's own 300 s: the configured timeout, not a default, ended it (margin for a loaded CI machine).
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('no error message or hint ever contains the key secret', async () => {
    const secret = 'top-secret-value-42';
    const tokens = service();
    const texts: string[] = [];
    const record = async (k: TokenKey) => {
      texts.push(JSON.stringify((await failureOf(tokens.getToken(k))).toJSON()), JSON.stringify(tokens.state(k)));
    };
    await record(keyFor(fake.tokenUrl, DEFAULT_KEY.keyId, secret));
    fake.script.token({ status: 400, body: { error: 'invalid_request', error_description: `bad ${secret}` } });
    await record(key);
    fake.script.token({ status: 503, body: secret }, 4);
    await record(key);
    fake.script.token({ body: `{"access_token": "${secret}` });
    await record(key);
    const all = texts.join('\n');
    expect(all).not.toContain(secret);
    for (const code of ['TOKEN_INVALID_CLIENT', 'TOKEN_REJECTED', 'TOKEN_SERVER_ERROR', 'TOKEN_BAD_RESPONSE'])
      expect(all).toContain(code);
  });
});

describe('token state for the UI', () => {
  it('reports seconds left and the decoded claims, never the token itself', async () => {
    const tokens = service();
    expect(tokens.state(key)).toEqual({ status: 'none' });
    const token = await tokens.getToken(key);
    clock.advanceSeconds(100);
    const state = tokens.state(key);
    expect(state).toMatchObject({ status: 'valid', issuedAt: START, secondsLeft: 3500, expirySource: 'jwt' });
    expect(state.claims).toMatchObject({ sub: DEFAULT_KEY.keyId, project_id: DEFAULT_KEY.projectId });
    expect(JSON.stringify(state)).not.toContain(token);
    clock.advanceSeconds(3500);
    expect(tokens.state(key)).toMatchObject({ status: 'expired', secondsLeft: 0 });
  });

  it('tells subscribers when a token is issued, refreshed, fails and is invalidated', async () => {
    const tokens = service();
    const seen: [string, TokenState['status'], string?][] = [];
    const unsubscribe = tokens.subscribe((c) => seen.push([c.profileId, c.state.status, c.state.lastError?.code]));
    const token = await tokens.getToken(key);
    await tokens.refresh(key);
    fake.script.token({ status: 400, body: { error: 'invalid_scope' } });
    await failureOf(tokens.refresh(key));
    tokens.invalidate(key, token); // no longer the cached one: nothing changes
    tokens.invalidate(key, fake.issuedTokens[1] ?? '');
    unsubscribe();
    await tokens.getToken(key);
    const id = key.credentialRef.profileId;
    expect(seen).toEqual([
      [id, 'refreshing', undefined],
      [id, 'valid', undefined],
      [id, 'refreshing', undefined],
      [id, 'valid', undefined],
      [id, 'refreshing', undefined],
      [id, 'valid', 'TOKEN_REJECTED'],
      [id, 'none', 'TOKEN_REJECTED'],
    ]);
  });

  it('two credentials with one key ID and different secrets are each told only of their own token', async () => {
    const tokens = service();
    const wrong = keyFor(fake.tokenUrl, DEFAULT_KEY.keyId, 'wrong-secret');
    const seen: string[] = [];
    tokens.subscribe((c) => seen.push(`${c.profileId === wrong.credentialRef.profileId ? 'wrong' : 'right'} ${c.state.status}`));
    await tokens.getToken(key);
    await failureOf(tokens.getToken(wrong));
    await tokens.refresh(key);
    expect(seen).toEqual([
      'right refreshing',
      'right valid',
      'wrong refreshing',
      'wrong none',
      'right refreshing',
      'right valid',
    ]);
    expect(tokens.state(wrong)).toMatchObject({ status: 'none', lastError: { code: 'TOKEN_INVALID_CLIENT' } });
  });

  it('two credentials with the same key and secret share one token, and both are told of it', async () => {
    const tokens = service();
    const twin: TokenKey = { ...key, credentialRef: { ...key.credentialRef, profileId: 'twin' } };
    await tokens.getToken(twin);
    const seen: string[] = [];
    tokens.subscribe((c) => seen.push(`${c.profileId} ${c.state.status}`));
    await tokens.refresh(key);
    const id = key.credentialRef.profileId;
    expect(seen.sort()).toEqual([`${id} refreshing`, `${id} valid`, 'twin refreshing', 'twin valid'].sort());
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('a credential whose secret was rotated is told of its new token only, not of the old one finishing', async () => {
    fake.script.token({ delayMs: 200, body: { access_token: 'old-secret-token', token_type: 'Bearer', expires_in: 3600 } });
    const tokens = service();
    const seen: string[] = [];
    tokens.subscribe((c) => seen.push(`${c.state.status}${c.state.lastError ? ` ${c.state.lastError.code}` : ''}`));
    const before = tokens.getToken(key);
    // Rotated in another process while the old secret's exchange is under way: a new updatedAt, a new secret.
    const rotated = keyFor(fake.tokenUrl, DEFAULT_KEY.keyId, 'rotated-secret');
    const after: TokenKey = { ...rotated, credentialRef: { ...key.credentialRef, updatedAt: 'rotated' } };
    await failureOf(tokens.getToken(after));
    expect(await before).toBe('old-secret-token');
    expect(seen).toEqual(['refreshing', 'refreshing', 'none TOKEN_INVALID_CLIENT']);
    expect(tokens.state(after)).toMatchObject({ status: 'none', lastError: { code: 'TOKEN_INVALID_CLIENT' } });
  });

  it('forgets the cached token of an edited credential, and only that one', async () => {
    const tokens = service();
    const other = keyFor(fake.tokenUrl, DEFAULT_KEY.keyId, 'another-secret');
    const twin: TokenKey = { ...key, credentialRef: { ...key.credentialRef, profileId: 'twin' } };
    await tokens.getToken(key);
    await tokens.getToken(twin);
    const seen: string[] = [];
    tokens.subscribe((c) => seen.push(`${c.profileId} ${c.state.status}`));
    tokens.forget(other.credentialRef);
    expect(tokens.state(key).status).toBe('valid');
    tokens.forget(key.credentialRef);
    expect(tokens.state(key)).toEqual({ status: 'none' });
    // The twin holds the same key and secret: its token is still good, and it is told nothing.
    expect(tokens.state(twin).status).toBe('valid');
    expect(seen).toEqual([`${key.credentialRef.profileId} none`]);
    await tokens.getToken(key);
    expect(fake.tokenRequests).toHaveLength(1);
    tokens.forget(twin.credentialRef);
    tokens.forget(key.credentialRef);
    await tokens.getToken(key);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('a caller who cancels stops waiting, while others sharing the exchange still get the token', async () => {
    fake.script.token({ delayMs: 200, body: { access_token: 'shared-token', token_type: 'Bearer', expires_in: 3600 } });
    const tokens = service();
    const leaving = new AbortController();
    const cancelled = failureOf(tokens.getToken(key, leaving.signal));
    const staying = tokens.getToken(key);
    leaving.abort();
    expect((await cancelled).code).toBe('CANCELLED');
    expect(await staying).toBe('shared-token');
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('a caller who comes after everyone else cancelled gets a fresh exchange, not the cancellation', async () => {
    fake.script.token({ hang: true });
    const tokens = service();
    const leaving = new AbortController();
    const cancelled = failureOf(tokens.getToken(key, leaving.signal));
    await vi.waitFor(() => expect(fake.tokenRequests).toHaveLength(1));
    leaving.abort();
    expect(await tokens.getToken(key)).toBe(fake.issuedTokens[0]);
    expect((await cancelled).code).toBe('CANCELLED');
    expect(fake.tokenRequests).toHaveLength(2);
  });
});
