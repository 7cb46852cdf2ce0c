// Test requests against servers on 127.0.0.1: the fake Sinch (token endpoint + project API) and small handlers for
// the other auth schemes. Profiles point at them through base URL overrides that the user "allowed".
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateAuthenticationHeader } from '@sinch/sdk-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testFunctionUrl } from '../../core/function-check';
import type { Clock } from '../../core/ports';
import { runTestRequest, type TestRequestInput } from '../../core/test-request';
import { TokenService } from '../../core/token-service';
import { VERIFICATION_PROBE_ID } from '../../shared/catalog';
import { type CredentialMeta, credentialMetaSchema, type Profile, profileSchema } from '../../shared/profile';
import { type FakeSinch, startFakeSinch } from '../support/fake-sinch';
import { type LocalServer, type RecordedRequest, sendJson, startLocalServer } from '../support/local-server';
import { rejection } from '../support/rejection';

const NOW = '2026-05-01T12:00:00.000Z';
const PROJECT_ID = 'a1b2c3d4-e5f6-4711-8899-aabbccddeeff';
const OTHER_PROJECT_ID = 'b1b2c3d4-e5f6-4711-8899-aabbccddeeff';
const KEY_ID = '3f0c6f0e-1b7a-4c2e-9f57-2a8f2f1d9b11';
const SECRET = 'Sup3r-Secret_Key~value.42';
const APP_KEY = '669E367E-6BBA-48AB-AF15-266871C28135';
const APP_SECRET = 'BeIukql3pTKJ8RGL5zo0DA==';
const MAILGUN_KEY = 'key-3ax6xnjp29jd6fds4gc373sgvjxteol0';
const API_TOKEN = 'c0ffee0ddba11c0ffee0ddba11c0ffee';
const SERVICE_PLAN = 'abcdef1234567890';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const basic = (user: string, password: string) => `Basic ${b64(`${user}:${password}`)}`;

const accessKey = credentialMetaSchema.parse({ kind: 'accessKey', keyId: KEY_ID, id: 'cred-ak', createdAt: NOW, updatedAt: NOW });
const appKey = credentialMetaSchema.parse({
  kind: 'applicationKey',
  applicationKey: APP_KEY,
  id: 'cred-app',
  createdAt: NOW,
  updatedAt: NOW,
});
const mailgunKey = credentialMetaSchema.parse({
  kind: 'mailgun',
  domain: 'mg.example.com',
  id: 'cred-mg',
  createdAt: NOW,
  updatedAt: NOW,
});
const servicePlan = credentialMetaSchema.parse({
  kind: 'servicePlan',
  servicePlanId: SERVICE_PLAN,
  id: 'cred-sp',
  createdAt: NOW,
  updatedAt: NOW,
});
const SECRETS: Record<string, string> = {
  'cred-ak': SECRET,
  'cred-app': APP_SECRET,
  'cred-mg': MAILGUN_KEY,
  'cred-sp': API_TOKEN,
};

const allowed = (url: string) => ({ url, allowForeignHost: true });
const profileWith = (baseUrls: Record<string, { url: string; allowForeignHost: boolean }>, projectId = PROJECT_ID): Profile =>
  profileSchema.parse({ id: 'p1', name: 'Acme', projectId, baseUrls, createdAt: NOW, updatedAt: NOW });

let fake: FakeSinch;
let servers: LocalServer[];
let secretReads: number;
let tokens: TokenService;

async function server(handler: (req: RecordedRequest, res: ServerResponse) => void | Promise<void>) {
  const s = await startLocalServer(handler);
  servers.push(s);
  return s;
}

function run(
  input: Omit<TestRequestInput, 'credential'> & { credential?: CredentialMeta },
  extra: { timeoutMs?: number; clock?: Clock; secret?: string } = {},
) {
  return runTestRequest(
    { credential: accessKey, ...input },
    {
      readSecret: async (id) => {
        secretReads++;
        return extra.secret ?? SECRETS[id] ?? '';
      },
      tokens,
      timeoutMs: extra.timeoutMs,
      clock: extra.clock,
    },
  );
}

const numbersProfile = () => profileWith({ auth: allowed(fake.tokenUrl), numbers: allowed(fake.url) });
const numbersPath = `/v1/projects/${PROJECT_ID}/availableRegions`;

beforeEach(async () => {
  servers = [];
  secretReads = 0;
  tokens = new TokenService({ random: () => 0 });
  fake = await startFakeSinch({ keys: [{ keyId: KEY_ID, keySecret: SECRET, projectId: PROJECT_ID }] });
});
afterEach(async () => {
  await fake.close();
  await Promise.all(servers.map((s) => s.close()));
});

describe('testing an access key', () => {
  it('a working key on Numbers exchanges a token, sends it as Bearer and says the credentials work', async () => {
    const result = await run({ profile: numbersProfile(), productId: 'numbers' });
    expect(result).toMatchObject({ ok: true, status: 200, method: 'GET', tokenExchanged: true, authScheme: 'bearer' });
    expect(result.diagnosis.code).toBe('OK');
    expect(result.url).toBe(`${fake.url}${numbersPath}`);
    expect(fake.apiRequests.map((r) => [r.url, r.headers.authorization])).toEqual([
      [numbersPath, `Bearer ${fake.issuedTokens[0]}`],
    ]);
  });

  it('a key without access to the profile\'s project gets the 403 "no permission" explanation', async () => {
    const profile = profileWith({ auth: allowed(fake.tokenUrl), numbers: allowed(fake.url) }, OTHER_PROJECT_ID);
    const result = await run({ profile, productId: 'numbers' });
    expect(result).toMatchObject({ ok: false, status: 403 });
    expect(result.diagnosis.code).toBe('KEY_WITHOUT_ACCESS');
  });

  it('a 401 that says the token expired refreshes once and retries', async () => {
    await run({ profile: numbersProfile(), productId: 'numbers' });
    fake.script.expireIssuedTokens();
    const result = await run({ profile: numbersProfile(), productId: 'numbers' });
    expect(result.ok).toBe(true);
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.apiRequests.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${fake.issuedTokens[0]}`,
      `Bearer ${fake.issuedTokens[0]}`,
      `Bearer ${fake.issuedTokens[1]}`,
    ]);
  });

  it('a POST that gets an expired-token 401 is not sent a second time', async () => {
    await run({ profile: numbersProfile(), productId: 'numbers' });
    fake.script.expireIssuedTokens();
    const custom = { method: 'POST', path: `/v1/projects/${PROJECT_ID}/availableNumbers:rent`, body: '{"smsConfiguration":{}}' };
    const result = await run({ profile: numbersProfile(), productId: 'numbers', custom });
    expect(result).toMatchObject({ ok: false, status: 401, method: 'POST' });
    expect(result.diagnosis.code).toBe('TOKEN_EXPIRED');
    expect(fake.apiRequests.filter((r) => r.method === 'POST')).toHaveLength(1);
    // The expired token was dropped, so the next test exchanges a new one.
    await run({ profile: numbersProfile(), productId: 'numbers' });
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('a wrong key secret is diagnosed at the token endpoint and no API call is made', async () => {
    const result = await run({ profile: numbersProfile(), productId: 'numbers' }, { secret: 'not-the-secret' });
    expect(result).toMatchObject({ ok: false, tokenExchanged: false });
    expect(result.status).toBeUndefined();
    expect(result.diagnosis.code).toBe('INVALID_KEY_SECRET');
    expect(fake.apiRequests).toHaveLength(0);
  });

  it('Number Lookup, which has no read-only call, is tested by the token exchange alone', async () => {
    const result = await run({ profile: profileWith({ auth: allowed(fake.tokenUrl) }), productId: 'numberLookup' });
    expect(result).toMatchObject({ ok: true, tokenExchanged: true, method: 'POST', url: fake.tokenUrl });
    expect(result.diagnosis.code).toBe('OK_TOKEN_ONLY');
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.apiRequests).toHaveLength(0);
  });

  it('Basic key ID and secret are sent straight to the API when the user picks Basic', async () => {
    const result = await run({ profile: numbersProfile(), productId: 'numbers', scheme: 'basic' });
    expect(result.authScheme).toBe('basic');
    expect(result.tokenExchanged).toBe(false);
    expect(fake.tokenRequests).toHaveLength(0);
    expect(fake.apiRequests[0]?.headers.authorization).toBe(basic(KEY_ID, SECRET));
  });
});

describe('where a secret may go', () => {
  it('an access key tested against Voice is a diagnosis with the fix, made before any secret is read or sent', async () => {
    const result = await run({ profile: numbersProfile(), productId: 'voice' });
    expect(result).toMatchObject({ ok: false, diagnosis: { code: 'WRONG_CREDENTIAL_KIND', outcome: 'problem' } });
    expect(result.diagnosis.explanation).toContain('Voice needs an application key');
    expect(result.diagnosis.explanation).toContain('works for Numbers');
    expect(secretReads).toBe(0);
    expect(fake.requests).toHaveLength(0);
  });

  it('a foreign host the user did not confirm is refused, and nothing reaches it', async () => {
    const foreign = await server((_req, res) => sendJson(res, 200, {}));
    const profile = profileWith({ auth: allowed(fake.tokenUrl), numbers: { url: foreign.url, allowForeignHost: false } });
    const err = await rejection(run({ profile, productId: 'numbers' }));
    expect(err.code).toBe('HOST_NOT_ALLOWED');
    expect(err.message).toContain(new URL(foreign.url).host);
    expect(err.text).toEqual({
      id: 'hostNotSinch',
      params: { kind: 'accessKey', host: new URL(foreign.url).host, target: 'numbers' },
    });
    expect(err.hint).toContain("confirm on the profile's base URL override for Numbers");
    expect(foreign.requests).toHaveLength(0);
    expect(fake.requests).toHaveLength(0);
    expect(secretReads).toBe(0);
  });

  it('a foreign token endpoint the user did not confirm is refused before the key secret is read', async () => {
    const profile = profileWith({ auth: { url: fake.tokenUrl, allowForeignHost: false }, numbers: allowed(fake.url) });
    expect((await rejection(run({ profile, productId: 'numbers' }))).code).toBe('HOST_NOT_ALLOWED');
    expect(fake.requests).toHaveLength(0);
    expect(secretReads).toBe(0);
  });

  it('a redirect to another origin is not followed: nothing reaches it, and it is reported', async () => {
    const elsewhere = await server((_req, res) => sendJson(res, 200, { stolen: true }));
    fake.script.api({ status: 307, headers: { location: `${elsewhere.url}/collect` } });
    const result = await run({ profile: numbersProfile(), productId: 'numbers' });
    expect(elsewhere.requests).toHaveLength(0);
    expect(result.redirect).toEqual({ location: `${elsewhere.url}/collect`, followed: false, crossOrigin: true });
    expect(result).toMatchObject({ ok: false, status: 307 });
    expect(result.diagnosis.code).toBe('CROSS_ORIGIN_REDIRECT');
  });

  it('a Mailgun redirect to another origin never carries the API key there', async () => {
    const elsewhere = await server((_req, res) => sendJson(res, 200, {}));
    const mailgun = await server((_req, res) => {
      res.writeHead(308, { location: `${elsewhere.url}/v4/domains`, 'x-api-key': MAILGUN_KEY });
      res.end();
    });
    const result = await run({
      profile: profileWith({ mailgun: allowed(mailgun.url) }),
      productId: 'mailgun',
      credential: mailgunKey,
    });
    expect(elsewhere.requests).toHaveLength(0);
    expect(result.diagnosis.code).toBe('CROSS_ORIGIN_REDIRECT');
    expect(JSON.stringify(result)).not.toContain(MAILGUN_KEY);
  });

  it('a redirect on the same origin is followed with the same credentials', async () => {
    fake.script.api({ status: 302, headers: { location: `/v1/projects/${PROJECT_ID}/availableRegions?page=2` } });
    const result = await run({ profile: numbersProfile(), productId: 'numbers' });
    expect(result).toMatchObject({ ok: true, status: 200, url: `${fake.url}${numbersPath}?page=2` });
    expect(result.redirect).toMatchObject({ followed: true, crossOrigin: false });
    const auth = fake.apiRequests.map((r) => r.headers.authorization);
    expect(auth).toEqual([`Bearer ${fake.issuedTokens[0]}`, `Bearer ${fake.issuedTokens[0]}`]);
  });

  it('a redirect loop on the same origin stops after 5 followed redirects', async () => {
    const loop = await server((_req, res) => {
      res.writeHead(302, { location: `/v4/domains?hop=${loop.requests.length}` });
      res.end();
    });
    const result = await run({
      profile: profileWith({ mailgun: allowed(loop.url) }),
      productId: 'mailgun',
      credential: mailgunKey,
    });
    expect(loop.requests).toHaveLength(6);
    expect(loop.requests.every((r) => r.headers.authorization === basic('api', MAILGUN_KEY))).toBe(true);
    expect(result.diagnosis.code).toBe('TOO_MANY_REDIRECTS');
  });
});

describe('failures before an answer', () => {
  it('a server that never answers ends as a timeout diagnosis, not an exception', async () => {
    fake.script.api({ hang: true });
    const started = Date.now();
    const result = await run({ profile: numbersProfile(), productId: 'numbers' }, { timeoutMs: 300 });
    // Far below undici's own 300 s: the configured timeout ended it (margin for a loaded CI machine).
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result).toMatchObject({ ok: false, tokenExchanged: true });
    expect(result.status).toBeUndefined();
    expect(result.diagnosis.code).toBe('TIMEOUT');
  });

  it('a test the user cancels ends as a cancelled diagnosis', async () => {
    fake.script.api({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await run({ profile: numbersProfile(), productId: 'numbers', signal: controller.signal });
    expect(result.diagnosis.code).toBe('CANCELLED');
  });

  it('a port where nothing listens is a refused connection', async () => {
    const gone = await startLocalServer(() => undefined);
    await gone.close();
    const result = await run({
      profile: profileWith({ auth: allowed(fake.tokenUrl), numbers: allowed(gone.url) }),
      productId: 'numbers',
    });
    expect(result.diagnosis.code).toBe('CONNECTION_REFUSED');
    expect(result.diagnosis.explanation).toContain(new URL(gone.url).host);
  });

  describe('a certificate the system does not trust', () => {
    let dir: string;
    let https: Server;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'sinch-keys-tls-'));
      const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'],
        {
          stdio: 'ignore',
        },
      );
      https = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => res.end('{}'));
      await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      https.closeAllConnections();
      await new Promise((resolve) => https.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    });

    it('is diagnosed as a TLS failure that mentions proxies', async () => {
      const url = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;
      const result = await run({
        profile: profileWith({ auth: allowed(fake.tokenUrl), numbers: allowed(url) }),
        productId: 'numbers',
      });
      expect(result.diagnosis.code).toBe('TLS_FAILURE');
      expect(result.diagnosis.fix).toContain('proxy');
    });
  });
});

describe('what a result may show', () => {
  const echo = (req: RecordedRequest, res: ServerResponse) => {
    const authorization = req.headers.authorization ?? '';
    const decoded = Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString('utf8');
    const token = authorization.replace(/^Bearer /, '');
    sendJson(
      res,
      200,
      { authorization, decoded, urlEncoded: encodeURIComponent(decoded), hex: Buffer.from(token).toString('hex') },
      {
        'x-echo': authorization,
        'x-token': token,
      },
    );
  };

  it('holds neither the secret, nor its Basic form, nor the token, even when the server echoes them', async () => {
    const api = await server(echo);
    const profile = profileWith({ auth: allowed(fake.tokenUrl), numbers: allowed(api.url) });
    const bearer = JSON.stringify(await run({ profile, productId: 'numbers' }));
    const basicResult = JSON.stringify(await run({ profile, productId: 'numbers', scheme: 'basic' }));
    for (const json of [bearer, basicResult]) {
      expect(json).not.toContain(SECRET);
      expect(json).not.toContain(b64(`${KEY_ID}:${SECRET}`));
      for (const token of fake.issuedTokens) expect(json).not.toContain(token);
    }
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${fake.issuedTokens[0]}`);
    expect(api.requests[1]?.headers.authorization).toBe(basic(KEY_ID, SECRET));
  });

  it('keeps no piece of a secret that the 16 KiB limit cut in two', async () => {
    const api = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`${'.'.repeat(16 * 1024 - 10)}${SECRET}${'.'.repeat(1000)}`);
    });
    const result = await run(
      { profile: profileWith({ mailgun: allowed(api.url) }), productId: 'mailgun', credential: mailgunKey },
      { secret: SECRET },
    );
    expect(result.truncated).toBe(true);
    expect(result.body.length).toBeLessThanOrEqual(16 * 1024);
    expect(result.body).not.toContain(SECRET.slice(0, 8));
    expect(result.body).toMatch(/^\.+$/);
  });
});

describe('other credential kinds', () => {
  // docs/protocol.md#signing, written out again here so the server checks the client rather than sharing its code.
  const verifySigned = (req: RecordedRequest): boolean => {
    const [scheme, value = ''] = (req.headers.authorization ?? '').split(' ');
    const [key, signature] = value.split(':');
    const path = req.url.split('?')[0] ?? '';
    const stringToSign = [
      req.method,
      '',
      req.headers['content-type'] ?? '',
      `x-timestamp:${req.headers['x-timestamp']}`,
      path,
    ].join('\n');
    const expected = createHmac('sha256', Buffer.from(APP_SECRET, 'base64')).update(stringToSign).digest('base64');
    return scheme === 'Application' && key === APP_KEY && signature === expected;
  };
  const fixedClock: Clock = { now: () => Date.parse(NOW), sleep: async () => undefined };

  it('a Voice test is Application-signed, and the server accepts the signature', async () => {
    const voice = await server((req, res) => sendJson(res, verifySigned(req) ? 200 : 401, { numbers: [] }));
    const result = await run(
      { profile: profileWith({ voice: allowed(voice.url) }), productId: 'voice', credential: appKey },
      { clock: fixedClock, timeoutMs: 5000 },
    );
    expect(result).toMatchObject({ ok: true, status: 200, authScheme: 'signed' });
    expect(voice.requests[0]).toMatchObject({ method: 'GET', url: '/v1/configuration/numbers' });
    expect(voice.requests[0]?.headers['x-timestamp']).toBe(NOW);
  });

  it('a custom Voice POST with a padded Content-Type is signed as sent, and the SDK validator accepts it', async () => {
    // The oracle: the official SDK's validator reads the Content-Type as the server received it (trimmed by HTTP).
    const voice = await server((req, res) => {
      const valid = validateAuthenticationHeader(APP_KEY, APP_SECRET, req.headers, req.body, req.url, req.method);
      sendJson(res, valid ? 200 : 401, {});
    });
    const result = await run({
      profile: profileWith({ voice: allowed(voice.url) }),
      productId: 'voice',
      credential: appKey,
      custom: {
        method: 'POST',
        path: '/calling/v1/callouts',
        body: '{"method":"ttsCallout"}',
        contentType: ' application/json ',
      },
    });
    expect(voice.requests[0]?.headers['content-type']).toBe('application/json');
    expect(result).toMatchObject({ ok: true, status: 200 });
  });

  it('a Verification probe answered 404 by a server that accepted the signature counts as success', async () => {
    const verification = await server((req, res) => sendJson(res, verifySigned(req) ? 404 : 401, { errorCode: 40400 }));
    const result = await run({
      profile: profileWith({ verification: allowed(verification.url) }),
      productId: 'verification',
      credential: appKey,
    });
    expect(verification.requests[0]?.url).toBe(`/verification/v1/verifications/id/${VERIFICATION_PROBE_ID}`);
    expect(result).toMatchObject({ ok: true, status: 404 });
    expect(result.diagnosis.code).toBe('OK_PROBE');
  });

  it('Mailgun is called with Basic api:key on /v4/domains', async () => {
    const mailgun = await server((req, res) =>
      sendJson(res, req.headers.authorization === basic('api', MAILGUN_KEY) ? 200 : 401, { items: [] }),
    );
    const result = await run({
      profile: profileWith({ mailgun: allowed(mailgun.url) }),
      productId: 'mailgun',
      credential: mailgunKey,
    });
    expect(result).toMatchObject({ ok: true, authScheme: 'basic' });
    expect(mailgun.requests[0]?.url).toBe('/v4/domains');
  });

  it('an SMS service plan is called with its API token as Bearer and its service plan ID in the path', async () => {
    const sms = await server((req, res) =>
      sendJson(res, req.headers.authorization === `Bearer ${API_TOKEN}` ? 200 : 401, { batches: [] }),
    );
    const result = await run({
      profile: profileWith({ smsServicePlan: allowed(sms.url) }),
      productId: 'smsServicePlan',
      credential: servicePlan,
    });
    expect(result).toMatchObject({ ok: true, authScheme: 'apiToken', tokenExchanged: false });
    expect(sms.requests[0]?.url).toBe(`/xms/v1/${SERVICE_PLAN}/batches?page_size=1`);
    expect(JSON.stringify(result)).not.toContain(API_TOKEN);
  });
});

describe('checking that a Sinch Function is protected', () => {
  const fn = (protectedWith: string | null) =>
    server((req, res) => {
      const ok = protectedWith === null || req.headers.authorization === protectedWith;
      sendJson(res, ok ? 200 : 401, ok ? { received: true } : { error: 'Unauthorized' });
    });
  /** The user's confirmation of the URL's host, and where a confirmed host is remembered (the profile, in the app). */
  const check = (url: string, confirmHost = true, remembered: string[] = []) =>
    testFunctionUrl({
      url,
      keyId: KEY_ID,
      readSecret: async () => SECRET,
      confirmedHosts: remembered,
      confirmHost: async () => confirmHost,
      rememberHost: async (host) => {
        remembered.push(host);
      },
    });

  it('a protected function that accepts the key: 401 without credentials, 200 with them', async () => {
    const f = await fn(basic(KEY_ID, SECRET));
    const result = await check(`${f.url}/webhook`);
    expect(result).toMatchObject({ statusWithoutCredentials: 401, statusWithCredentials: 200, diagnosis: { outcome: 'ok' } });
    expect(result.diagnosis.code).toBe('FUNCTION_PROTECTED');
    expect(f.requests.map((r) => r.headers.authorization)).toEqual([undefined, basic(KEY_ID, SECRET)]);
  });

  it('an unprotected function is reported as callable by anyone', async () => {
    const result = await check(`${(await fn(null)).url}/webhook`);
    expect(result).toMatchObject({ statusWithoutCredentials: 200, diagnosis: { outcome: 'problem' } });
    expect(result.diagnosis.title).toContain('anyone can call it');
  });

  it("a function protected with another project's key says the key was rejected", async () => {
    const result = await check(`${(await fn(basic('other-key', 'other-secret'))).url}/webhook`);
    expect(result).toMatchObject({ statusWithoutCredentials: 401, statusWithCredentials: 401 });
    expect(result.diagnosis.code).toBe('FUNCTION_KEY_REJECTED');
  });

  it('a function that cannot be reached is reported with the reason, not thrown', async () => {
    const gone = await startLocalServer(() => undefined);
    await gone.close();
    const result = await check(`${gone.url}/webhook`);
    expect(result.statusWithoutCredentials).toBeUndefined();
    expect(result.diagnosis.code).toBe('CONNECTION_REFUSED');
  });

  it("a host that is not Sinch's needs the user's confirmation before anything is sent", async () => {
    const f = await fn(null);
    expect((await rejection(check(`${f.url}/webhook`, false))).code).toBe('HOST_NOT_ALLOWED');
    expect(f.requests).toHaveLength(0);
  });

  it('a *.sinch.com host is asked about too: anyone can get a Function host there', async () => {
    let sent = 0;
    const refused = await rejection(
      testFunctionUrl({
        url: 'https://someone-elses.functions.sinch.com/webhook',
        keyId: KEY_ID,
        readSecret: async () => SECRET,
        confirmedHosts: [],
        confirmHost: async () => false,
        rememberHost: async () => undefined,
        fetch: async () => {
          sent++;
          return new Response(null, { status: 200 });
        },
      }),
    );
    expect(refused).toMatchObject({
      code: 'HOST_NOT_ALLOWED',
      message: expect.stringContaining('someone-elses.functions.sinch.com'),
    });
    expect(sent).toBe(0);
  });

  it('is asked once per host: a confirmed host is remembered and not asked about again; another host is', async () => {
    const f = await fn(basic(KEY_ID, SECRET));
    const remembered: string[] = [];
    expect((await check(`${f.url}/webhook`, true, remembered)).statusWithCredentials).toBe(200);
    expect(remembered).toEqual([new URL(f.url).host]);
    expect((await check(`${f.url}/other-handler`, false, remembered)).statusWithCredentials).toBe(200);
    expect(remembered).toHaveLength(1);
    const g = await fn(null);
    expect((await rejection(check(`${g.url}/webhook`, false, remembered))).code).toBe('HOST_NOT_ALLOWED');
    expect(g.requests).toHaveLength(0);
  });

  it('plain http is refused unless the function runs on this machine', async () => {
    expect((await rejection(check('http://functions.example.com/webhook'))).code).toBe('VALIDATION');
  });
});
