// A stand-in for Sinch on 127.0.0.1: an OAuth2 token endpoint (docs/protocol.md#token-request-docs/protocol.md#token-response) and a minimal project-scoped
// API that checks the bearer tokens it issued (docs/protocol.md#error-shapes error shapes). Real Sinch cannot be reached from
// tests, so this is the one thing we fake; tests script unusual answers (errors, delays, hangs) per call.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { type RecordedRequest, type ServerCertificate, sendJson, startLocalServer } from './local-server';

export interface FakeKey {
  keyId: string;
  keySecret: string;
  /** The project this key belongs to; its tokens work only on /v1/projects/<projectId>/... */
  projectId: string;
}

/** How new tokens look; change it between calls to test expiry handling. */
export interface TokenShape {
  lifetimeSeconds: number;
  /** Put `exp` into the JWT (Sinch does; docs/protocol.md#token-response). */
  jwtExp: boolean;
  /** The `expires_in` field: the lifetime by default, or a fixed value, or left out when null. */
  expiresIn?: number | null;
  tokenType: string;
}

/** A scripted answer for one call; without `hang`, unspecified parts default to 200 and an empty JSON object. */
export interface ScriptedAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is, anything else as JSON. */
  body?: unknown;
  delayMs?: number;
  /** Never answer (the connection stays open until the server closes). */
  hang?: boolean;
}

export interface FakeSinchOptions {
  keys?: FakeKey[];
  /** The server's clock in ms; pass the test's fake clock so issued `exp` values line up with it. */
  now?: () => number;
  token?: Partial<TokenShape>;
  /** Every answer waits this long, like a round trip to a real data centre (figures for concurrency). */
  latencyMs?: number;
  /** Serve HTTPS with this certificate, as Sinch does (test/support/test-ca.ts). */
  tls?: ServerCertificate;
}

export interface FakeSinch {
  url: string;
  tokenUrl: string;
  requests: RecordedRequest[];
  readonly tokenRequests: RecordedRequest[];
  readonly apiRequests: RecordedRequest[];
  /** The most API calls (token calls not counted) it was answering at one time: how concurrent a client really is. */
  readonly mostApiCallsAtOnce: number;
  /** Every access token issued so far, oldest first. */
  issuedTokens: string[];
  tokenShape: TokenShape;
  script: {
    /** Answer the next `times` token calls with `answer` instead of issuing a token. */
    token(answer: ScriptedAnswer, times?: number): void;
    /** Answer the next `times` API calls with `answer` instead of checking the token. */
    api(answer: ScriptedAnswer, times?: number): void;
    /** From now on the API treats every token issued so far as expired (a 401 that says so). */
    expireIssuedTokens(): void;
  };
  close(): Promise<void>;
}

export const DEFAULT_KEY: FakeKey = { keyId: 'key-id-1', keySecret: 'key-secret-1', projectId: 'project-1' };

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');
/** The project-scoped paths of the catalog's test requests (Numbers, Conversation, Templates, SMS, Fax, …). */
const PROJECT_SCOPED = /^\/(?:v\d+\/projects|xms\/v1)\/([^/?]+)[/?]/;
const isTokenPath = (url: string) => url.split('?')[0] === '/oauth2/token';

export async function startFakeSinch(options: FakeSinchOptions = {}): Promise<FakeSinch> {
  const keys = options.keys ?? [DEFAULT_KEY];
  const now = options.now ?? Date.now;
  const signingKey = randomBytes(32);
  const tokenQueue: ScriptedAnswer[] = [];
  const apiQueue: ScriptedAnswer[] = [];
  const expired = new Set<string>();
  const issuedTokens: string[] = [];
  const tokenShape: TokenShape = { lifetimeSeconds: 3600, jwtExp: true, tokenType: 'Bearer', ...options.token };

  const hs256 = (unsigned: string) => b64url(createHmac('sha256', signingKey).update(unsigned).digest());
  const signJwt = (claims: Record<string, unknown>) => {
    const unsigned = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
    return `${unsigned}.${hs256(unsigned)}`;
  };
  const verifyJwt = (token: string): Record<string, unknown> | undefined => {
    const [header, payload, signature, ...rest] = token.split('.');
    if (!header || !payload || rest.length > 0 || signature !== hs256(`${header}.${payload}`)) return undefined;
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  };

  const issueToken = (res: ServerResponse, key: FakeKey) => {
    const iat = Math.floor(now() / 1000);
    const { lifetimeSeconds, jwtExp, expiresIn, tokenType } = tokenShape;
    const claims = {
      iss: 'fake-sinch',
      sub: key.keyId,
      project_id: key.projectId,
      iat,
      jti: randomUUID(),
      ...(jwtExp && { exp: iat + lifetimeSeconds }),
    };
    const accessToken = signJwt(claims);
    issuedTokens.push(accessToken);
    const body: Record<string, unknown> = { access_token: accessToken, token_type: tokenType, scope: '' };
    if (expiresIn !== null) body.expires_in = expiresIn ?? lifetimeSeconds;
    sendJson(res, 200, body, { 'cache-control': 'no-store' });
  };

  // docs/protocol.md#token-request: POST, Basic key-id:key-secret (UTF-8), body grant_type=client_credentials.
  const handleToken = (req: RecordedRequest, res: ServerResponse) => {
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const decoded = basic ? Buffer.from(basic, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const key = keys.find((k) => colon > 0 && k.keyId === decoded.slice(0, colon) && k.keySecret === decoded.slice(colon + 1));
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'invalid_request', error_description: 'Use POST.' });
    if (!key)
      return sendJson(
        res,
        401,
        { error: 'invalid_client', error_description: 'Client authentication failed.' },
        { 'www-authenticate': 'Basic realm="Sinch"' },
      );
    if (req.body !== 'grant_type=client_credentials') return sendJson(res, 400, { error: 'unsupported_grant_type' });
    issueToken(res, key);
  };

  const handleApi = (req: RecordedRequest, res: ServerResponse) => {
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const claims = verifyJwt(token);
    const isExpired = claims && (expired.has(token) || (typeof claims.exp === 'number' && claims.exp * 1000 <= now()));
    if (!claims || isExpired) return sendProblem(res, isExpired ? 'expired' : 'invalid', now());
    const projectId = PROJECT_SCOPED.exec(req.url)?.[1];
    if (projectId !== claims.project_id) return sendProblem(res, 'denied', now());
    sendJson(res, 200, { projectId, path: req.url });
  };

  let apiCallsNow = 0;
  let mostApiCallsAtOnce = 0;
  const answer = async (req: RecordedRequest, res: ServerResponse) => {
    if (options.latencyMs) await delay(options.latencyMs);
    const isToken = isTokenPath(req.url);
    const scripted = (isToken ? tokenQueue : apiQueue).shift();
    if (scripted) return sendScripted(res, scripted);
    if (isToken) return handleToken(req, res);
    if (PROJECT_SCOPED.test(req.url)) return handleApi(req, res);
    sendJson(res, 404, { title: 'Not Found' });
  };
  const server = await startLocalServer(
    async (req, res) => {
      if (isTokenPath(req.url)) return answer(req, res);
      mostApiCallsAtOnce = Math.max(mostApiCallsAtOnce, ++apiCallsNow);
      try {
        await answer(req, res);
      } finally {
        apiCallsNow--;
      }
    },
    undefined,
    undefined,
    options.tls,
  );

  const enqueue =
    (queue: ScriptedAnswer[]) =>
    (answer: ScriptedAnswer, times = 1) => {
      for (let i = 0; i < times; i++) queue.push(answer);
    };
  return {
    url: server.url,
    tokenUrl: `${server.url}/oauth2/token`,
    requests: server.requests,
    get tokenRequests() {
      return server.requests.filter((r) => isTokenPath(r.url));
    },
    get apiRequests() {
      return server.requests.filter((r) => !isTokenPath(r.url));
    },
    get mostApiCallsAtOnce() {
      return mostApiCallsAtOnce;
    },
    issuedTokens,
    tokenShape,
    script: {
      token: enqueue(tokenQueue),
      api: enqueue(apiQueue),
      expireIssuedTokens: () => {
        for (const t of issuedTokens) expired.add(t);
      },
    },
    close: server.close,
  };
}

async function sendScripted(res: ServerResponse, answer: ScriptedAnswer): Promise<void> {
  if (answer.hang) return;
  if (answer.delayMs) await delay(answer.delayMs);
  const raw = typeof answer.body === 'string';
  res.writeHead(answer.status ?? 200, { 'content-type': raw ? 'text/plain' : 'application/json', ...answer.headers });
  res.end(raw ? answer.body : JSON.stringify(answer.body ?? {}));
}

// docs/protocol.md#error-shapes: Sinch's RFC 7807-style bodies; the expired challenge is the one seen in Sinch's SDK tests.
const PROBLEMS = {
  expired: {
    status: 401,
    slug: 'access-token-expired',
    title: 'Token expired',
    detail: 'The access token has expired. Generate a new token at https://auth.sinch.com.',
  },
  invalid: {
    status: 401,
    slug: 'invalid-credentials',
    title: 'Invalid credentials',
    detail: 'The provided credentials are invalid. Use valid credentials from https://auth.sinch.com.',
  },
  denied: {
    status: 403,
    slug: 'permission-denied',
    title: 'Permission Denied',
    detail: 'The access key has no access to this project.',
  },
};

function sendProblem(res: ServerResponse, kind: keyof typeof PROBLEMS, nowMs: number): void {
  const { status, slug, title, detail } = PROBLEMS[kind];
  const expiredAt = new Date(nowMs).toISOString().replace(/\.\d+Z$/, 'Z');
  const challenges = {
    expired: `Bearer error="invalid_token", error_description="Jwt expired at ${expiredAt}", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"`,
    invalid: 'Bearer error="invalid_token"',
    denied: 'Bearer error="insufficient_scope"',
  };
  const body = { type: `https://developers.sinch.com/docs/errors/registry/${slug}`, title, detail };
  sendJson(res, status, body, { 'www-authenticate': challenges[kind] });
}

/**
 * A fetch that answers Sinch's own addresses (https://*.sinch.com) from the stand-in, as a DNS entry pointing there
 * would: profiles keep their default hosts and the engine's host guards judge the real URLs. The stand-in sees the
 * host asked for in `x-forwarded-host`. Any other address fails as an unknown host would.
 */
export function atSinchHosts(fake: FakeSinch): (input: string | URL, init?: RequestInit) => Promise<Response> {
  return (input, init) => {
    const url = new URL(input);
    if (url.protocol !== 'https:' || !url.hostname.endsWith('.sinch.com'))
      return Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } }));
    const headers = new Headers(init?.headers);
    headers.set('x-forwarded-host', url.host);
    return fetch(`${fake.url}${url.pathname}${url.search}`, { ...init, headers });
  };
}
