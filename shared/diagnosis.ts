// Turns the outcome of a test request into plain words a developer can act on. The words for each code live in
// diagnosis-text.ts only (the UI translates by code and fills the same {placeholders}); which code applies is decided
// by one ordered rule table, the first matching rule winning.
import { type AuthScheme, type CredentialKind, fixedOriginFor, PRODUCTS, type Product, type ProductId } from './catalog';
import { DIAGNOSIS_TEXT, type DiagnosisCode, KIND_NAMES, KIND_SOURCES } from './diagnosis-text';
import type { ErrorCode } from './errors';

export { DIAGNOSIS_CODES, DIAGNOSIS_TEXT, type DiagnosisCode, KIND_NAMES } from './diagnosis-text';

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
  /** The values filled into the {placeholders}, so a translated text can be filled the same way. */
  params: Record<string, string>;
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
  'WRONG_REGION_HOST',
  'WRONG_CREDENTIAL_KIND',
  'CLOCK_SKEW',
  'NOT_FOUND',
]);

/** Fills {placeholders}; every placeholder a chosen code uses is set by the facts that chose it. */
export function fillText(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

function render(code: DiagnosisCode, params: Record<string, string>, product?: Product): Diagnosis {
  const text = DIAGNOSIS_TEXT[code];
  const docsUrl = DOCS[code] ?? (product && PRODUCT_DOCS.has(code) ? product.docsUrl : undefined);
  const diagnosis: Diagnosis = {
    outcome: OK_CODES.has(code) ? 'ok' : 'problem',
    code,
    title: fillText(text.title, params),
    explanation: fillText(text.explanation, params),
    fix: fillText(text.fix, params),
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

const RULES: readonly Rule[] = [
  [
    'WRONG_CREDENTIAL_KIND',
    (f) => f.input.errorCode === 'WRONG_CREDENTIAL_KIND' || f.input.credentialKind !== f.product.credentialKind,
  ],
  // reference skill note: a host that does not exist in this region fails as a DNS error while the token is fine.
  [
    'WRONG_REGION_HOST',
    (f) => f.input.networkFailure === 'dns' && f.input.phase === 'request' && f.regional && f.input.tokenOk === true,
  ],
  ...FAILURE_RULES.map(([code, applies]): Rule => [code, (f) => applies(f.input)]),
  ['INVALID_KEY_SECRET', (f) => f.input.phase === 'token' && (f.input.errorCode === 'TOKEN_INVALID_CLIENT' || is(f, 401))],
  ['RATE_LIMITED', (f) => f.input.errorCode === 'TOKEN_RATE_LIMITED' || is(f, 429)],
  ['SERVER_ERROR', (f) => f.input.errorCode === 'TOKEN_SERVER_ERROR' || (f.status ?? 0) >= 500],
  ['TOKEN_REQUEST_FAILED', (f) => f.input.phase === 'token' && f.input.errorCode?.startsWith('TOKEN_') === true],
  ['NETWORK_ERROR', (f) => f.input.errorCode !== undefined && f.status === undefined],
  ['OK_TOKEN_ONLY', (f) => f.input.phase === 'token'],
  ['CROSS_ORIGIN_REDIRECT', (f) => f.input.redirect?.crossOrigin === true && !f.input.redirect.followed],
  ['TOO_MANY_REDIRECTS', (f) => f.input.redirect?.followed === false],
  ['OK_PROBE', (f) => is(f, ...(f.input.testSucceedsOn ?? [])) && !is2xx(f.status)],
  ['OK', (f) => is2xx(f.status)],
  // reference §1.6: every Sinch SDK reads "expired" in the challenge as the sign of an expired token.
  ['TOKEN_EXPIRED', (f) => is(f, 401) && /expired/i.test(f.header('www-authenticate') ?? '')],
  // security.md §6.3 rule 9: a signed request refused while the clocks disagree by more than 60 s.
  ['CLOCK_SKEW', (f) => is(f, 401) && f.scheme === 'signed' && Math.abs(f.skewSeconds ?? 0) > 60],
  // reference §2.1: projects created after 2026-04-15 get 401 from the zt. SMS host with working access keys.
  [
    'SMS_ACCESS_KEYS_END_OF_SALE',
    (f) => is(f, 401) && f.product.id === 'sms' && f.input.tokenOk === true && f.input.projectCreatedAfterSmsEndOfSale !== false,
  ],
  // reference §6.1: domain sending keys may only send.
  [
    'MAILGUN_SENDING_KEY',
    (f) => is(f, 401, 403) && f.product.id === 'mailgun' && (f.input.path ?? '/v4/domains').startsWith('/v4/domains'),
  ],
  [
    'MAILGUN_REGION_MISMATCH',
    (f) => is(f, 404) && f.product.id === 'mailgun' && /domain not found/i.test(f.input.bodyText ?? ''),
  ],
  // reference §1.7 skill note: token OK for Numbers but failing on a regional API → wrong regional host.
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

/** RFC 9110 §10.2.3: delay-seconds or an HTTP date. */
function describeRetryAfter(value: string | undefined): string {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return `${text} second${text === '1' ? '' : 's'}`;
  return Number.isNaN(Date.parse(text)) ? 'a minute' : `until ${text}`;
}

function paramsOf(f: Facts): Record<string, string> {
  const { input, product } = f;
  const needed = product.credentialKind;
  return {
    service: input.phase === 'token' ? "Sinch's token endpoint" : product.name,
    product: product.name,
    status: input.status === undefined ? '' : String(input.status),
    host: input.host ?? '',
    region: input.region ?? product.defaultRegion,
    method: input.method ?? 'GET',
    path: input.path ?? '',
    kindName: KIND_NAMES[input.credentialKind],
    source: KIND_SOURCES[input.credentialKind],
    neededKind: KIND_NAMES[needed],
    neededSource: KIND_SOURCES[needed],
    symptom: input.status === undefined ? 'could not be found (DNS lookup failed)' : `answered ${input.status}`,
    skew: String(Math.abs(f.skewSeconds ?? 0)),
    direction: (f.skewSeconds ?? 0) > 0 ? 'ahead of' : 'behind',
    retryAfter: describeRetryAfter(f.header('retry-after')),
    location: input.redirect?.location ?? '',
    detail: input.errorMessage ?? '',
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
  const params = {
    service: 'the function',
    host: facts.host ?? '',
    detail: facts.errorMessage ?? '',
    withoutStatus: without === undefined ? 'no answer' : String(without),
    withStatus: withKey === undefined ? 'no answer' : String(withKey),
  };
  const failure = FAILURE_RULES.find(([, applies]) => applies(facts))?.[0];
  if (failure || facts.errorCode || without === undefined || withKey === undefined)
    return render(failure ?? 'NETWORK_ERROR', params);
  return render(FUNCTION_RULES.find(([, applies]) => applies(without, withKey))?.[0] ?? 'FUNCTION_UNEXPECTED', params);
}
