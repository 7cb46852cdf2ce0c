// Turns the outcome of a test request into plain words a developer can act on. The words for each code live in
// diagnosis-text.ts only (the UI translates by code and fills the same {placeholders}); which code applies is decided
// by one ordered rule table, the first matching rule winning.
import {
  type AuthScheme,
  type CredentialKind,
  fixedOriginFor,
  PRODUCTS,
  type Product,
  type ProductId,
  productsForKind,
} from './catalog';
import { DIAGNOSIS_TEXT, type DiagnosisCode, type DiagnosisParams, ENGLISH_WORDS, phrasesOf } from './diagnosis-text';
import type { ErrorCode } from './errors';

export {
  DIAGNOSIS_CODES,
  DIAGNOSIS_TEXT,
  type DiagnosisCode,
  type DiagnosisParams,
  KIND_NAMES,
} from './diagnosis-text';

/** What failed below HTTP, when a request got no answer at all. */
export type NetworkFailure = 'dns' | 'refused' | 'tls' | 'timeout' | 'cancelled' | 'other';

export interface RedirectInfo {
  location: string;
  followed: boolean;
  crossOrigin: boolean;
}

export interface DiagnosisInput {
  productId: ProductId;
  credentialKind: CredentialKind;
  phase: 'token' | 'request';
  status?: number;
  headers?: Record<string, string>;
  bodyText?: string;
  errorCode?: ErrorCode;
  networkFailure?: NetworkFailure;
  /** The failure's own message (AppError messages never hold a secret), shown for failures without a status. */
  errorMessage?: string;
  region?: string;
  host?: string;
  path?: string;
  method?: string;
  authScheme?: AuthScheme;
  /** Statuses that prove the credentials work although they are not 2xx (catalog successStatuses). */
  testSucceedsOn?: number[];
  /** Local wall-clock time when the answer arrived, compared with its Date header for signed requests. */
  localTimeMs?: number;
  /** A token was issued for this key during the test, so the key ID and secret are right. */
  tokenOk?: boolean;
  redirect?: RedirectInfo;
  /** Only `false` (known to be an older project) rules the SMS end-of-sale explanation out. */
  projectCreatedAfterSmsEndOfSale?: unknown;
}

export interface Diagnosis {
  outcome: 'ok' | 'problem';
  code: DiagnosisCode;
  title: string;
  explanation: string;
  fix: string;
  /** Ids and numbers behind the {placeholders}, so every language phrases the same facts (diagnosis-text.ts). */
  params: DiagnosisParams;
  docsUrl?: string;
}

const OK_CODES: ReadonlySet<DiagnosisCode> = new Set(['OK', 'OK_PROBE', 'OK_TOKEN_ONLY', 'FUNCTION_PROTECTED']);

const ACCESS_KEYS_DOCS = 'https://developers.sinch.com/docs/identity-access-management/access/access-keys';
const DOCS: Partial<Record<DiagnosisCode, string>> = {
  INVALID_KEY_SECRET: ACCESS_KEYS_DOCS,
  KEY_WITHOUT_ACCESS: ACCESS_KEYS_DOCS,
  SMS_ACCESS_KEYS_END_OF_SALE: PRODUCTS.sms.docsUrl,
  MAILGUN_SENDING_KEY: 'https://documentation.mailgun.com/docs/mailgun/api-reference/authentication',
  MAILGUN_REGION_MISMATCH: PRODUCTS.mailgun.docsUrl,
  FUNCTION_NOT_PROTECTED: 'https://developers.sinch.com/docs/functions/guides/protect-your-function',
  FUNCTION_KEY_REJECTED: 'https://developers.sinch.com/docs/functions/guides/protect-your-function',
};
/** Codes about the product's own answer, which its documentation explains. */
const PRODUCT_DOCS: ReadonlySet<DiagnosisCode> = new Set([
  'TOKEN_NOT_ACCEPTED',
  'CREDENTIALS_REJECTED',
  'MAILGUN_KEY_REJECTED',
  'WRONG_REGION_HOST',
  'WRONG_CREDENTIAL_KIND',
  'CLOCK_SKEW',
  'NOT_FOUND',
]);

/** Fills {placeholders}; every placeholder a chosen code uses is set by the facts that chose it. */
export function fillText(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

function render(code: DiagnosisCode, params: DiagnosisParams, product?: Product): Diagnosis {
  const text = DIAGNOSIS_TEXT[code];
  const words = phrasesOf(params, ENGLISH_WORDS);
  const docsUrl = DOCS[code] ?? (product && PRODUCT_DOCS.has(code) ? product.docsUrl : undefined);
  const diagnosis: Diagnosis = {
    outcome: OK_CODES.has(code) ? 'ok' : 'problem',
    code,
    title: fillText(text.title, words),
    explanation: fillText(text.explanation, words),
    fix: fillText(text.fix, words),
    params,
  };
  return docsUrl ? { ...diagnosis, docsUrl } : diagnosis;
}

/** The facts every rule reads, worked out once from the input. */
interface Facts {
  input: DiagnosisInput;
  product: Product;
  status: number | undefined;
  header: (name: string) => string | undefined;
  /** Seconds the local clock is ahead of the server's (negative: behind), when both are known. */
  skewSeconds: number | undefined;
  scheme: AuthScheme | undefined;
  /** The product has several regional hosts and the request went to one of them (not a fixed management host). */
  regional: boolean;
}

type Rule = readonly [DiagnosisCode, (f: Facts) => boolean];

/** What is known about a request that got no answer. */
type FailureFacts = Pick<DiagnosisInput, 'errorCode' | 'networkFailure'>;

/** Failures below HTTP, shared by test requests and the Function check. */
const FAILURE_RULES: readonly (readonly [DiagnosisCode, (f: FailureFacts) => boolean])[] = [
  ['CANCELLED', (f) => f.errorCode === 'CANCELLED' || f.networkFailure === 'cancelled'],
  ['TIMEOUT', (f) => f.errorCode === 'TIMEOUT' || f.networkFailure === 'timeout'],
  ['DNS_FAILURE', (f) => f.networkFailure === 'dns'],
  ['TLS_FAILURE', (f) => f.networkFailure === 'tls'],
  ['CONNECTION_REFUSED', (f) => f.networkFailure === 'refused'],
];

const is2xx = (status: number | undefined) => status !== undefined && status >= 200 && status < 300;
const is = (f: Facts, ...statuses: number[]) => f.status !== undefined && statuses.includes(f.status);

/** Mailgun and Sinch say "permission denied" in the body of a 403 that is about access, not about the host. */
const saysPermissionDenied = (f: Facts) => /permission[ _]denied/i.test(f.input.bodyText ?? '');

// Ordered by evidence: what the answer itself says (status, then body) first; a guess such as the wrong region only
// when nothing else explains the answer.
const RULES: readonly Rule[] = [
  [
    'WRONG_CREDENTIAL_KIND',
    (f) => f.input.errorCode === 'WRONG_CREDENTIAL_KIND' || f.input.credentialKind !== f.product.credentialKind,
  ],
  // Every regional host exists, so a DNS failure is a DNS failure, not a wrong region.
  ...FAILURE_RULES.map(([code, applies]): Rule => [code, (f) => applies(f.input)]),
  ['INVALID_KEY_SECRET', (f) => f.input.phase === 'token' && (f.input.errorCode === 'TOKEN_INVALID_CLIENT' || is(f, 401))],
  ['RATE_LIMITED_BASIC', (f) => is(f, 429) && f.scheme === 'basic'],
  ['RATE_LIMITED', (f) => f.input.errorCode === 'TOKEN_RATE_LIMITED' || is(f, 429)],
  ['SERVER_ERROR', (f) => f.input.errorCode === 'TOKEN_SERVER_ERROR' || (f.status ?? 0) >= 500],
  ['TOKEN_REQUEST_FAILED', (f) => f.input.phase === 'token' && f.input.errorCode?.startsWith('TOKEN_') === true],
  ['NETWORK_ERROR', (f) => f.input.errorCode !== undefined && f.status === undefined],
  ['OK_TOKEN_ONLY', (f) => f.input.phase === 'token'],
  ['CROSS_ORIGIN_REDIRECT', (f) => f.input.redirect?.crossOrigin === true && !f.input.redirect.followed],
  ['TOO_MANY_REDIRECTS', (f) => f.input.redirect?.followed === false],
  ['OK_PROBE', (f) => is(f, ...(f.input.testSucceedsOn ?? [])) && !is2xx(f.status)],
  ['OK', (f) => is2xx(f.status)],
  // docs/protocol.md#token-caching-and-refresh: every Sinch SDK reads "expired" in the challenge as the sign of an expired token.
  ['TOKEN_EXPIRED', (f) => is(f, 401) && /expired/i.test(f.header('www-authenticate') ?? '')],
  // docs/security-checklist.md#token-client-rules rule 9: a signed request refused while the clocks disagree by more than 60 s.
  ['CLOCK_SKEW', (f) => is(f, 401) && f.scheme === 'signed' && Math.abs(f.skewSeconds ?? 0) > 60],
  // docs/protocol.md#sms: projects created after 2026-04-15 get 401 from the zt. SMS host with working access keys.
  [
    'SMS_ACCESS_KEYS_END_OF_SALE',
    (f) => is(f, 401) && f.product.id === 'sms' && f.input.tokenOk === true && f.input.projectCreatedAfterSmsEndOfSale !== false,
  ],
  // docs/protocol.md#mailgun-auth: a wrong key is 401 ("Forbidden"); a domain sending key is valid but may only send, so reading
  // domains is refused with 403.
  [
    'MAILGUN_SENDING_KEY',
    (f) =>
      f.product.id === 'mailgun' &&
      (is(f, 403) || (is(f, 401) && /sending key/i.test(f.input.bodyText ?? ''))) &&
      (f.input.path ?? '/v4/domains').startsWith('/v4/domains'),
  ],
  ['MAILGUN_KEY_REJECTED', (f) => is(f, 401) && f.product.id === 'mailgun'],
  [
    'MAILGUN_REGION_MISMATCH',
    (f) => is(f, 404) && f.product.id === 'mailgun' && /domain not found/i.test(f.input.bodyText ?? ''),
  ],
  ['KEY_WITHOUT_ACCESS', (f) => is(f, 403) && saysPermissionDenied(f)],
  // docs/protocol.md#error-shapes skill note: token OK for Numbers but failing on a regional API → wrong regional host.
  ['WRONG_REGION_HOST', (f) => is(f, 401, 403, 404) && f.regional && f.input.tokenOk === true],
  ['TOKEN_NOT_ACCEPTED', (f) => is(f, 401) && f.scheme === 'bearer'],
  ['CREDENTIALS_REJECTED', (f) => is(f, 401)],
  ['KEY_WITHOUT_ACCESS', (f) => is(f, 403)],
  ['NOT_FOUND', (f) => is(f, 404)],
];

function factsOf(input: DiagnosisInput): Facts {
  const product = PRODUCTS[input.productId];
  const headers = new Map(Object.entries(input.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const serverTime = Date.parse(headers.get('date') ?? '');
  const skewSeconds =
    input.localTimeMs === undefined || Number.isNaN(serverTime) ? undefined : Math.round((input.localTimeMs - serverTime) / 1000);
  return {
    input,
    product,
    status: input.status,
    header: (name) => headers.get(name),
    skewSeconds,
    scheme: input.authScheme ?? product.schemes[0],
    regional: product.regions.length > 1 && fixedOriginFor(product, input.path ?? product.testRequest?.path ?? '') === undefined,
  };
}

/** RFC 9110 §10.2.3: delay-seconds or an HTTP date; anything else is treated as not given. */
function retryAfterOf(value: string | undefined): DiagnosisParams['retryAfter'] {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return { seconds: Number(text) };
  return Number.isNaN(Date.parse(text)) ? undefined : { until: text };
}

function paramsOf(f: Facts): DiagnosisParams {
  const { input, product } = f;
  const optional = {
    status: input.status,
    host: input.host,
    path: input.path,
    skewSeconds: f.skewSeconds,
    retryAfter: retryAfterOf(f.header('retry-after')),
    location: input.redirect?.location,
    detail: input.errorMessage,
  };
  return {
    service: input.phase === 'token' ? 'tokenEndpoint' : product.id,
    product: product.id,
    region: input.region ?? product.defaultRegion,
    method: input.method ?? 'GET',
    kind: input.credentialKind,
    neededKind: product.credentialKind,
    worksFor: productsForKind(input.credentialKind).map((p) => p.id),
    ...(Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<DiagnosisParams>),
  };
}

export function diagnose(input: DiagnosisInput): Diagnosis {
  const facts = factsOf(input);
  const code = RULES.find(([, applies]) => applies(facts))?.[0] ?? 'UNEXPECTED_STATUS';
  return render(code, paramsOf(facts), facts.product);
}

export interface FunctionCheckFacts extends FailureFacts {
  withoutCredentials?: number;
  withCredentials?: number;
  host?: string;
  errorMessage?: string;
}

// Sinch Functions answer 401 to a protected handler called without valid Basic credentials (seed "Protecting Your
// Function"); these rules read the status without credentials, then the one with the key.
const FUNCTION_RULES: readonly (readonly [DiagnosisCode, (without: number, withKey: number) => boolean])[] = [
  ['FUNCTION_NOT_PROTECTED', (without) => is2xx(without)],
  ['FUNCTION_PROTECTED', (without, withKey) => without === 401 && is2xx(withKey)],
  ['FUNCTION_KEY_REJECTED', (without, withKey) => without === 401 && (withKey === 401 || withKey === 403)],
];

export function diagnoseFunctionCheck(facts: FunctionCheckFacts): Diagnosis {
  const { withoutCredentials: without, withCredentials: withKey } = facts;
  const params: DiagnosisParams = {
    service: 'function',
    ...(facts.host !== undefined ? { host: facts.host } : {}),
    ...(facts.errorMessage !== undefined ? { detail: facts.errorMessage } : {}),
    ...(without !== undefined ? { withoutStatus: without } : {}),
    ...(withKey !== undefined ? { withStatus: withKey } : {}),
  };
  const failure = FAILURE_RULES.find(([, applies]) => applies(facts))?.[0];
  if (failure || facts.errorCode || without === undefined || withKey === undefined)
    return render(failure ?? 'NETWORK_ERROR', params);
  return render(FUNCTION_RULES.find(([, applies]) => applies(without, withKey))?.[0] ?? 'FUNCTION_UNEXPECTED', params);
}
