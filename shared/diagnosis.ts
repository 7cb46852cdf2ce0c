// Turns the outcome of a test request into plain words a developer can act on. The words for each code live in
// DIAGNOSIS_TEXT only (the UI translates by code and fills the same {placeholders}); which code applies is decided
// by one ordered rule table, the first matching rule winning.
import { type AuthScheme, type CredentialKind, DASHBOARD_URLS, PRODUCTS, type Product, type ProductId } from './catalog';
import type { ErrorCode } from './errors';

export const DIAGNOSIS_CODES = [
  'OK',
  'OK_PROBE',
  'OK_TOKEN_ONLY',
  'INVALID_KEY_SECRET',
  'TOKEN_EXPIRED',
  'TOKEN_NOT_ACCEPTED',
  'CREDENTIALS_REJECTED',
  'KEY_WITHOUT_ACCESS',
  'WRONG_REGION_HOST',
  'WRONG_CREDENTIAL_KIND',
  'SMS_ACCESS_KEYS_END_OF_SALE',
  'MAILGUN_SENDING_KEY',
  'MAILGUN_REGION_MISMATCH',
  'CLOCK_SKEW',
  'RATE_LIMITED',
  'SERVER_ERROR',
  'TOKEN_REQUEST_FAILED',
  'DNS_FAILURE',
  'TLS_FAILURE',
  'TIMEOUT',
  'CONNECTION_REFUSED',
  'NETWORK_ERROR',
  'CANCELLED',
  'CROSS_ORIGIN_REDIRECT',
  'TOO_MANY_REDIRECTS',
  'NOT_FOUND',
  'UNEXPECTED_STATUS',
  'FUNCTION_PROTECTED',
  'FUNCTION_NOT_PROTECTED',
  'FUNCTION_KEY_REJECTED',
  'FUNCTION_UNEXPECTED',
] as const;
export type DiagnosisCode = (typeof DIAGNOSIS_CODES)[number];

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

export const KIND_NAMES: Record<CredentialKind, string> = {
  accessKey: 'a project access key (key ID and key secret)',
  applicationKey: 'an application key and secret (from a Voice or Verification app)',
  servicePlan: 'an SMS service plan ID and API token',
  mailgun: 'a Mailgun API key',
};

const KIND_SOURCES: Record<CredentialKind, string> = {
  accessKey: `the Sinch dashboard under Settings → Access Keys (${DASHBOARD_URLS.accessKeys})`,
  applicationKey: `the Sinch dashboard under Voice → Apps or Verification → Apps (${DASHBOARD_URLS.apps})`,
  servicePlan: `the Sinch dashboard under SMS → APIs (${DASHBOARD_URLS.sms})`,
  mailgun: `Mailgun under Account settings → API Security (${DASHBOARD_URLS.mailgunKeys})`,
};

type Text = { title: string; explanation: string; fix: string };
const NOTHING_TO_FIX = 'Nothing to fix.';

export const DIAGNOSIS_TEXT: Record<DiagnosisCode, Text> = {
  OK: {
    title: 'Credentials work',
    explanation: '{service} answered {status}: the credentials were accepted.',
    fix: NOTHING_TO_FIX,
  },
  OK_PROBE: {
    title: 'Credentials work',
    explanation:
      '{service} answered {status} for a made-up verification ID. That is the expected answer once the credentials are accepted; wrong credentials get 401.',
    fix: NOTHING_TO_FIX,
  },
  OK_TOKEN_ONLY: {
    title: 'Access key works',
    explanation:
      '{product} has no read-only call to test with, so the test is the token exchange: Sinch issued a token for this key.',
    fix: 'Nothing to fix. Your first real {product} call will show whether the project has access to {product}.',
  },
  INVALID_KEY_SECRET: {
    title: 'Key ID or key secret rejected',
    explanation:
      'The token endpoint refused this access key (401 invalid_client): the key ID or the key secret is wrong, or the key was deleted.',
    fix: 'Compare the key ID with {source}. The secret is shown only once, when the key is created; if you are not sure of it, create a new access key and paste both values.',
  },
  TOKEN_EXPIRED: {
    title: 'Token expired',
    explanation: '{service} refused the token because it had expired.',
    fix: 'Run the test again: Sinch Keys has dropped the old token and fetches a new one. If it keeps happening, check that your system clock is right.',
  },
  TOKEN_NOT_ACCEPTED: {
    title: 'Token not accepted by {service}',
    explanation:
      'Sinch issued a token for this key, so the key ID and secret are right, but {service} answered 401 to it: the token is not valid for this request.',
    fix: 'Check that the project ID in the profile is the project the access key belongs to, and that {service} is the API you meant to call.',
  },
  CREDENTIALS_REJECTED: {
    title: 'Credentials rejected',
    explanation: '{service} answered 401: it did not accept {kindName}.',
    fix: 'Copy the values again from {source}; a missing character at either end is the usual cause.',
  },
  KEY_WITHOUT_ACCESS: {
    title: 'No permission for this project',
    explanation:
      '{service} answered 403 (Permission Denied): the credentials are valid, but they have no access to this project or product.',
    fix: 'Check the project ID in the profile: an access key only works for its own project and its subprojects. Also check that {service} is enabled for the project in the dashboard.',
  },
  WRONG_REGION_HOST: {
    title: 'Probably the wrong region',
    explanation:
      'The access key is fine (Sinch issued a token), but {service} at {host} (region {region}) {symptom}. The app or resource most likely lives in another region: a token that works for Numbers but fails for Conversation is the classic sign.',
    fix: 'Choose the region the app was created in (shown with the app in the dashboard) for {service} in the profile, then test again. If the region is already right, check that the key belongs to the project that owns the app.',
  },
  WRONG_CREDENTIAL_KIND: {
    title: 'Wrong kind of credential',
    explanation: '{service} is called with {neededKind}, but this credential is {kindName}.',
    fix: 'Add {neededKind} to the profile (from {neededSource}) and test {service} with it.',
  },
  SMS_ACCESS_KEYS_END_OF_SALE: {
    title: "SMS does not accept this project's access keys",
    explanation:
      'The access key works (Sinch issued a token), but the SMS API answered 401. Projects created after the SMS API end-of-sale on 15 April 2026 cannot use project access keys with SMS.',
    fix: `Use a service plan ID and API token (from ${KIND_SOURCES.servicePlan}), or send SMS through the Conversation API.`,
  },
  MAILGUN_SENDING_KEY: {
    title: 'This key cannot read domains',
    explanation:
      'Mailgun answered {status} when asked to list domains. Domain sending keys can only send messages for their domain; they cannot read anything.',
    fix: `To test, use the primary account API key from ${KIND_SOURCES.mailgun}, and keep the sending key for sending. If this already is the primary key, check it was copied completely.`,
  },
  MAILGUN_REGION_MISMATCH: {
    title: 'Domain is in the other Mailgun region',
    explanation:
      'Mailgun at {host} says the domain was not found. Mailgun keeps US and EU domains apart: an EU domain is only known to api.eu.mailgun.net, a US one only to api.mailgun.net.',
    fix: "Set the credential's region to the region the domain was created in (US or EU) and test again.",
  },
  CLOCK_SKEW: {
    title: 'Your clock is off by {skew} s',
    explanation:
      "{service} rejected the signed request (401), and your clock is {skew} seconds {direction} its clock. Signed requests carry a timestamp that is refused when it is too far from the server's time.",
    fix: 'Turn on automatic date and time in your system settings, then test again.',
  },
  RATE_LIMITED: {
    title: 'Rate limited',
    explanation: '{service} answered 429 Too Many Requests.',
    fix: 'Wait {retryAfter} before trying again. Basic authentication is heavily rate-limited; use OAuth2 tokens for real traffic.',
  },
  SERVER_ERROR: {
    title: "Error on Sinch's side",
    explanation: "{service} answered {status}: the failure is on Sinch's side, not in your credentials.",
    fix: 'Try again in a few minutes. If it persists, contact Sinch support with the time of the test.',
  },
  TOKEN_REQUEST_FAILED: {
    title: 'Token request failed',
    explanation: 'Sinch did not issue a token: {detail}',
    fix: 'Check the token URL in the profile (Sinch uses https://auth.sinch.com/oauth2/token) and the access key.',
  },
  DNS_FAILURE: {
    title: 'Host not found',
    explanation: 'The host name {host} could not be resolved (DNS lookup failed).',
    fix: 'Check the region or base URL in the profile, and your internet connection or VPN.',
  },
  TLS_FAILURE: {
    title: 'Secure connection failed',
    explanation: 'The TLS connection to {host} failed: its certificate could not be verified.',
    fix: "A proxy or antivirus that inspects HTTPS, or a wrong system clock, usually causes this. Add your organisation's root certificate to the system or try another network.",
  },
  TIMEOUT: {
    title: 'No answer in time',
    explanation: '{host} did not answer in time, so the request was stopped.',
    fix: 'Check your connection, VPN or proxy, then try again.',
  },
  CONNECTION_REFUSED: {
    title: 'Connection refused',
    explanation: '{host} refused the connection.',
    fix: 'Check the base URL and port in the profile; if you go through a local proxy, check that it is running.',
  },
  NETWORK_ERROR: {
    title: 'Request failed',
    explanation: 'The request failed before {service} answered. {detail}',
    fix: 'Check your internet connection, proxy or firewall, then try again.',
  },
  CANCELLED: {
    title: 'Cancelled',
    explanation: 'The test was cancelled before an answer arrived.',
    fix: 'Run it again when you are ready.',
  },
  CROSS_ORIGIN_REDIRECT: {
    title: 'Redirect to another host blocked',
    explanation:
      '{service} answered {status} with a redirect to {location}. Sinch Keys did not follow it, so your credentials were not sent there.',
    fix: 'Check the base URL in the profile. If you trust the new address, set it as the base URL instead.',
  },
  TOO_MANY_REDIRECTS: {
    title: 'Too many redirects',
    explanation: '{service} kept redirecting (last to {location}), so Sinch Keys stopped following.',
    fix: 'Check the base URL and path; a proxy or a wrong path usually causes a redirect loop.',
  },
  NOT_FOUND: {
    title: 'Not found',
    explanation: '{service} answered 404 to {method} {path}.',
    fix: 'Check the path and the IDs in it (project ID, service plan ID, domain) in the profile.',
  },
  UNEXPECTED_STATUS: {
    title: 'Unexpected answer',
    explanation: '{service} answered {status}.',
    fix: "Read the response body for {service}'s own explanation.",
  },
  FUNCTION_PROTECTED: {
    title: 'Protected, and your key works',
    explanation: 'Without credentials the function answered 401; with your key it answered {withStatus}.',
    fix: NOTHING_TO_FIX,
  },
  FUNCTION_NOT_PROTECTED: {
    title: 'Not protected: anyone can call it',
    explanation:
      'The function answered {withoutStatus} to a request without credentials, so anyone who knows the URL can call it.',
    fix: "Export auth = ['handlerName'] (or auth = '*') from the function, or add [Authorize] in C#, and deploy again. Under `sinch functions dev`, auth is skipped unless PROJECT_ID_API_KEY and PROJECT_ID_API_SECRET are set.",
  },
  FUNCTION_KEY_REJECTED: {
    title: 'Protected, but your key was rejected',
    explanation: 'The function requires credentials (401 without them), and it answered {withStatus} to your key as well.',
    fix: 'Use the access key of the project the function is deployed in (its PROJECT_ID_API_KEY and PROJECT_ID_API_SECRET).',
  },
  FUNCTION_UNEXPECTED: {
    title: 'Unexpected answers',
    explanation: 'Without credentials the function answered {withoutStatus}; with your key it answered {withStatus}.',
    fix: 'Check the URL names a handler (protected handlers answer 401 without credentials).',
  },
};

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
    regional: product.regions.length > 1 && product.testRequest?.origin === undefined,
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
