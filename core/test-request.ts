// Runs the "test credentials" request for one product (or a custom request) and explains the answer. The target
// and the host guard are settled before any secret is read; everything returned is redacted of the secret and of
// every token used, so a result can cross to the renderer, the CLI or a log.
import {
  type AuthScheme,
  DEFAULT_TOKEN_URL,
  fixedOriginFor,
  PRODUCTS,
  type Product,
  type ProductId,
  regionOf,
  trustedOriginsForKind,
  VERIFICATION_PROBE_ID,
} from '../shared/catalog';
import { diagnose } from '../shared/diagnosis';
import { engineError } from '../shared/engine-text';
import { AppError, type ErrorCode } from '../shared/errors';
import { type BaseUrlOverride, type CredentialMeta, isLoopbackUrl, type OverrideTarget, type Profile } from '../shared/profile';
import { type Redactor, redactorFor } from '../shared/redact';
import { regionInForce } from '../shared/regions';
import { wireContentType } from '../shared/signing';
import type { TestResult } from '../shared/views';
import { basicAuthorization, signApplicationRequest } from './app-signing';
import { RequestFailure, type SafeResponse, safeFetch } from './http-client';
import { type Clock, type FetchLike, systemClock, type TokenKey, type TokenProvider } from './ports';
import { bearerRequest, credentialRef, isExpiredTokenChallenge } from './token-service';

export interface CustomRequest {
  method: string;
  path: string;
  body?: string;
  contentType?: string;
}

export interface TestRequestInput {
  profile: Profile;
  credential: CredentialMeta;
  productId: ProductId;
  region?: string;
  /** One of the product's schemes; its first one by default. */
  scheme?: AuthScheme;
  custom?: CustomRequest;
  signal?: AbortSignal;
}

export interface TestRequestDeps {
  readSecret: (credentialId: string) => Promise<string>;
  tokens: TokenProvider;
  fetch?: FetchLike;
  clock?: Clock;
  timeoutMs?: number;
  /** How results are redacted; a batch of tests over the same secrets passes redactorsForBatch() to share the work. */
  redactors?: typeof redactorFor;
}

const MAX_BODY_BYTES = 16 * 1024;
// Failures that a diagnosis explains; anything else (keychain, bad input) is thrown with its own words.
const DIAGNOSABLE = new Set<ErrorCode>([
  'NETWORK',
  'TIMEOUT',
  'CANCELLED',
  'TOKEN_INVALID_CLIENT',
  'TOKEN_REJECTED',
  'TOKEN_RATE_LIMITED',
  'TOKEN_SERVER_ERROR',
  'TOKEN_BAD_RESPONSE',
]);

/** Where a test goes and how it is authorised, settled (host guard included) before any secret is read. */
export interface TestPlan {
  product: Product;
  scheme: AuthScheme;
  regionId: string;
  method: string;
  /** null: the product has no read-only call, so the token exchange is the test (docs/protocol.md#product-hosts-and-test-requests). */
  url: URL | null;
  body?: string;
  contentType?: string;
  tokenUrl?: URL;
}

/** Refuses to send a secret anywhere but the kind's own hosts or an override the user explicitly allowed. */
function assertHostAllowed(
  url: URL,
  credential: CredentialMeta,
  override: BaseUrlOverride | undefined,
  target: OverrideTarget,
): void {
  const facts = { kind: credential.kind, host: url.host, target };
  // Checked first: confirming the host would not help, only another URL does.
  if (url.protocol !== 'https:' && !isLoopbackUrl(url.href)) throw engineError('HOST_NOT_ALLOWED', 'hostNotHttps', facts);
  if (!trustedOriginsForKind(credential.kind).has(url.origin) && override?.allowForeignHost !== true)
    throw engineError('HOST_NOT_ALLOWED', 'hostNotSinch', facts);
}

/** The token endpoint of a profile, normalised so the token cache sees one key per endpoint. */
export const tokenUrlOf = (profile: Profile): string => new URL(profile.baseUrls.auth?.url ?? DEFAULT_TOKEN_URL).href;

/** The token endpoint receives the key secret, so it passes the same host guard as every request. */
export function guardedTokenUrl(profile: Profile, credential: CredentialMeta): URL {
  const url = new URL(tokenUrlOf(profile));
  assertHostAllowed(url, credential, profile.baseUrls.auth, 'auth');
  return url;
}

function fillPath(template: string, input: TestRequestInput): string {
  const { profile, credential } = input;
  const values: Record<string, string | undefined> = {
    projectId: profile.projectId || undefined,
    servicePlanId: credential.kind === 'servicePlan' ? credential.servicePlanId : undefined,
    applicationKey: credential.kind === 'applicationKey' ? credential.applicationKey : undefined,
    domain: credential.kind === 'mailgun' ? credential.domain : undefined,
    probeId: VERIFICATION_PROBE_ID,
  };
  return template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = values[name];
    if (value !== undefined) return encodeURIComponent(value);
    const hint =
      name === 'projectId'
        ? 'Set the project ID in the profile (shown at the top of the Sinch dashboard).'
        : `Remove {${name}} from the path or use a credential that has it.`;
    throw new AppError('VALIDATION', `The path needs {${name}}, which this profile or credential does not have.`, hint);
  });
}

/** Resolves product, region, URL and scheme; throws VALIDATION, WRONG_CREDENTIAL_KIND or HOST_NOT_ALLOWED. */
export function planTest(input: Omit<TestRequestInput, 'signal'>): TestPlan {
  const { profile, credential, productId, custom } = input;
  const product = PRODUCTS[productId];
  if (!product) throw new AppError('VALIDATION', `Unknown product "${productId}".`);
  const needed = product.credentialKind;
  if (credential.kind !== needed)
    throw engineError('WRONG_CREDENTIAL_KIND', 'testWrongKind', {
      product: product.id,
      neededKind: needed,
      kind: credential.kind,
    });
  const scheme = input.scheme ?? product.schemes[0] ?? 'bearer';
  if (!product.schemes.includes(scheme))
    throw new AppError(
      'VALIDATION',
      `${product.name} does not accept "${scheme}" authentication.`,
      `Use ${product.schemes.join(' or ')}.`,
    );
  const regionId = regionInForce(product, profile, credential, input.region).id;
  if (!product.regions.some((r) => r.id === regionId))
    throw engineError('VALIDATION', 'testRegionUnknown', {
      product: product.id,
      region: regionId,
      regions: product.regions.map((r) => r.id),
    });

  const template = custom?.path ?? product.testRequest?.path;
  const tokenUrl = scheme === 'bearer' || template === undefined ? guardedTokenUrl(profile, credential) : undefined;
  if (template === undefined) return { product, scheme, regionId, method: 'POST', url: null, tokenUrl };

  if (!template.startsWith('/')) throw engineError('VALIDATION', 'testPathNoSlash');
  const method = (custom?.method ?? 'GET').toUpperCase();
  if ((method === 'GET' || method === 'HEAD') && custom?.body) throw engineError('VALIDATION', 'testBodyNotAllowed', { method });
  const override = profile.baseUrls[productId];
  // The SDKs' routing table: Voice application management goes to its fixed host whatever the region.
  const base = override?.url ?? fixedOriginFor(product, template) ?? regionOf(product, regionId).origin;
  const url = new URL(`${base.replace(/\/+$/, '')}${fillPath(template, input)}`);
  if (url.origin !== new URL(base).origin) throw engineError('VALIDATION', 'testPathChangesHost');
  assertHostAllowed(url, credential, override, productId);
  const body = custom?.body || undefined;
  // Signed and sent as the same trimmed value: an HTTP client trims the header, so a padded value signed as typed
  // would be rejected (docs/protocol.md#differences-between-the-sdks).
  const contentType = body === undefined ? undefined : wireContentType(custom?.contentType ?? 'application/json');
  return { product, scheme, regionId, method, url, body, contentType, tokenUrl };
}

/**
 * A credential of the wrong kind for the product is a finding, not a failure of the command: nothing is sent, and
 * the diagnosis names the kind the product needs and what this credential does work for.
 */
function wrongKindResult(input: TestRequestInput, product: Product): TestResult {
  const diagnosis = diagnose({
    productId: product.id,
    credentialKind: input.credential.kind,
    phase: 'request',
    errorCode: 'WRONG_CREDENTIAL_KIND',
  });
  return {
    ok: false,
    productId: product.id,
    method: product.testRequest?.method ?? 'GET',
    url: '',
    latencyMs: 0,
    responseHeaders: {},
    body: '',
    truncated: false,
    diagnosis,
    tokenExchanged: false,
    authScheme: product.schemes[0] ?? 'bearer',
  };
}

export async function runTestRequest(input: TestRequestInput, deps: TestRequestDeps): Promise<TestResult> {
  const product = PRODUCTS[input.productId];
  if (product && input.credential.kind !== product.credentialKind) return wrongKindResult(input, product);
  const plan = planTest(input);
  const { profile, credential, signal } = input;
  const clock = deps.clock ?? systemClock;
  const started = clock.now();
  // Everything that may echo back: the secret (with the user it is paired with) and every token sent.
  const secrets: string[] = [];
  const pairs: [string, string][] = [];
  const readSecret = async (user: string) => {
    const secret = await deps.readSecret(credential.id);
    secrets.push(secret);
    pairs.push([user, secret]);
    return secret;
  };
  let tokenOk = false;
  let response: SafeResponse | undefined;
  let failure: AppError | undefined;

  const send = async (url: URL, headers: Record<string, string>): Promise<SafeResponse> => {
    const all: Record<string, string> = { Accept: 'application/json', ...headers };
    if (plan.contentType !== undefined) all['Content-Type'] = plan.contentType;
    const init: RequestInit =
      plan.body === undefined ? { method: plan.method, headers: all } : { method: plan.method, headers: all, body: plan.body };
    response = await safeFetch(url.href, init, {
      fetch: deps.fetch,
      clock,
      signal,
      timeoutMs: deps.timeoutMs,
      maxBodyBytes: MAX_BODY_BYTES,
    });
    return response;
  };

  try {
    if (plan.tokenUrl && credential.kind === 'accessKey') {
      const key: TokenKey = {
        tokenUrl: plan.tokenUrl.href,
        keyId: credential.keyId,
        credentialRef: credentialRef(profile.id, credential),
        readSecret: () => readSecret(credential.keyId),
      };
      const url = plan.url;
      if (url === null) {
        secrets.push(await deps.tokens.getToken(key, signal));
        tokenOk = true;
      } else {
        const sendWithToken = async (token: string) => {
          secrets.push(token);
          tokenOk = true;
          const answer = await send(url, { Authorization: `Bearer ${token}` });
          // bearerRequest reads only the status and the challenge; the answer itself stays in `response`.
          return new Response(null, { status: answer.status, headers: answer.headers });
        };
        // docs/security-checklist.md#token-client-rules rule 7: only a GET or HEAD is sent again after an expired-token 401.
        if (plan.method === 'GET' || plan.method === 'HEAD') await bearerRequest(deps.tokens, key, sendWithToken, signal);
        else {
          const token = await deps.tokens.getToken(key, signal);
          const answer = await sendWithToken(token);
          if (answer.status === 401 && isExpiredTokenChallenge(answer.headers)) deps.tokens.invalidate(key, token);
        }
      }
    } else if (plan.url) {
      await send(plan.url, await authorize(plan, plan.url, credential, readSecret, clock));
    }
  } catch (err) {
    if (!(err instanceof AppError) || !DIAGNOSABLE.has(err.code)) throw err;
    failure = err;
  }
  const redactor = (deps.redactors ?? redactorFor)(secrets, pairs);
  return buildResult(input, plan, { response, failure, tokenOk, started, clock, redactor });
}

/** The Authorization (and x-timestamp) headers for every scheme except the OAuth2 bearer. */
async function authorize(
  plan: TestPlan,
  url: URL,
  credential: CredentialMeta,
  readSecret: (user: string) => Promise<string>,
  clock: Clock,
): Promise<Record<string, string>> {
  switch (credential.kind) {
    case 'accessKey':
      return { Authorization: basicAuthorization(credential.keyId, await readSecret(credential.keyId)) };
    case 'servicePlan':
      return { Authorization: `Bearer ${await readSecret(credential.servicePlanId)}` };
    // docs/protocol.md#mailgun-auth: Basic with the literal user name "api".
    case 'mailgun':
      return { Authorization: basicAuthorization('api', await readSecret('api')) };
    case 'applicationKey': {
      const secret = await readSecret(credential.applicationKey);
      if (plan.scheme === 'basic') return { Authorization: basicAuthorization(credential.applicationKey, secret) };
      // docs/protocol.md#signing/docs/protocol.md#signing-paths-and-queries: the path without the query is signed, with the Content-Type actually sent.
      const signed = signApplicationRequest({
        applicationKey: credential.applicationKey,
        applicationSecret: secret,
        method: plan.method,
        path: url.pathname,
        contentType: plan.contentType,
        body: plan.body,
        timestamp: new Date(clock.now()).toISOString(),
      });
      return { Authorization: signed.authorization, 'x-timestamp': signed.xTimestamp };
    }
  }
}

interface Outcome {
  response: SafeResponse | undefined;
  failure: AppError | undefined;
  tokenOk: boolean;
  started: number;
  clock: Clock;
  /** Over the secret (with the user it is paired with) and every token sent. */
  redactor: Redactor;
}

function buildResult(input: TestRequestInput, plan: TestPlan, outcome: Outcome): TestResult {
  const { response, failure, tokenOk, redactor } = outcome;
  const redact = redactor.text;
  const target = plan.url ?? plan.tokenUrl;
  let body = redact(response?.bodyText ?? '');
  if (response?.truncated) body = redactor.dropPartialAtEnd(body).slice(0, MAX_BODY_BYTES);
  const responseHeaders = redactor.headers(response?.headers ?? {});
  const redirect = response?.redirect && { ...response.redirect, location: redact(response.redirect.location) };
  const inTokenPhase = plan.url === null || (plan.tokenUrl !== undefined && !tokenOk);
  const failedHost = inTokenPhase ? plan.tokenUrl?.host : plan.url?.host;
  const diagnosis = diagnose({
    productId: plan.product.id,
    credentialKind: input.credential.kind,
    phase: inTokenPhase ? 'token' : 'request',
    status: response?.status,
    headers: responseHeaders,
    bodyText: body,
    errorCode: failure?.code,
    networkFailure: failure instanceof RequestFailure ? failure.failure : undefined,
    errorMessage: failure && redact(failure.message),
    region: plan.regionId,
    host: failure ? failedHost : plan.url?.host,
    path: plan.url?.pathname,
    method: plan.method,
    authScheme: plan.url === null ? 'bearer' : plan.scheme,
    testSucceedsOn: input.custom ? undefined : plan.product.testRequest?.successStatuses,
    localTimeMs: outcome.clock.now(),
    tokenOk,
    redirect,
  });
  const result: TestResult = {
    ok: diagnosis.outcome === 'ok',
    productId: plan.product.id,
    method: plan.method,
    url: redact(response?.url ?? target?.href ?? ''),
    latencyMs: response?.latencyMs ?? outcome.clock.now() - outcome.started,
    responseHeaders,
    body,
    truncated: response?.truncated ?? false,
    diagnosis,
    tokenExchanged: tokenOk,
    authScheme: plan.url === null ? 'bearer' : plan.scheme,
  };
  if (response) result.status = response.status;
  if (redirect) result.redirect = redirect;
  return result;
}
