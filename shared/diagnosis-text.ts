// The English words of every diagnosis, one entry per code with {placeholders}; the UI's locale files mirror them.
// A diagnosis carries ids and numbers (DiagnosisParams); phrasesOf turns them into the words that fill the
// placeholders, in English here and in the UI's language in the renderer, from the same ids.
import { type CredentialKind, DASHBOARD_URLS, PRODUCTS, type ProductId } from './catalog';

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
  'MAILGUN_KEY_REJECTED',
  'MAILGUN_REGION_MISMATCH',
  'CLOCK_SKEW',
  'RATE_LIMITED',
  'RATE_LIMITED_BASIC',
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

export const KIND_NAMES: Record<CredentialKind, string> = {
  accessKey: 'a project access key (key ID and key secret)',
  applicationKey: 'an application key and secret (from a Voice or Verification app)',
  servicePlan: 'an SMS service plan ID and API token',
  mailgun: 'a Mailgun API key',
};

export const KIND_SOURCES: Record<CredentialKind, string> = {
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
    explanation: '{service} needs {neededKind}; this credential is {kindName}, which works for {worksFor}.',
    fix: 'Add {neededKind} to the profile (from {neededSource}) and test {service} with it, or test {worksFor} with this credential.',
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
  MAILGUN_KEY_REJECTED: {
    title: 'Mailgun API key rejected',
    explanation:
      'Mailgun at {host} answered 401: it does not know this API key. The key is wrong or deleted, or it belongs to the other Mailgun region (US and EU keys are separate).',
    fix: `Copy the key again from ${KIND_SOURCES.mailgun}, and check that the credential's region is the region of the account the key comes from.`,
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
    fix: 'Wait {retryAfter} before trying again, and spread out bursts of requests.',
  },
  RATE_LIMITED_BASIC: {
    title: 'Rate limited',
    explanation: '{service} answered 429 Too Many Requests to a request with Basic authentication.',
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
    fix: "A proxy or antivirus that inspects HTTPS, or a wrong system clock, usually causes this. Desktop app: add your organisation's root certificate to the system's trust store. CLI and browser mode: set NODE_EXTRA_CA_CERTS to that certificate (a PEM file), and HTTPS_PROXY (with NO_PROXY) behind a proxy. Or try another network.",
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

/** Who answered: a product, Sinch's token endpoint, or a Sinch Function. */
export type ServiceId = ProductId | 'tokenEndpoint' | 'function';

/** What a diagnosis says about the request, as ids and numbers: every language phrases them itself. */
export interface DiagnosisParams {
  service: ServiceId;
  product?: ProductId;
  status?: number;
  host?: string;
  region?: string;
  method?: string;
  path?: string;
  kind?: CredentialKind;
  neededKind?: CredentialKind;
  /** Products the credential in use does work for (a wrong-kind diagnosis). */
  worksFor?: ProductId[];
  /** Seconds the local clock is ahead of the server's (negative: behind). */
  skewSeconds?: number;
  /** Retry-After as seconds or as an HTTP date; absent: none was given. */
  retryAfter?: { seconds: number } | { until: string };
  location?: string;
  /** The failure's own message (never a secret), shown for failures without a status. */
  detail?: string;
  /** Function check statuses; absent: no answer. */
  withoutStatus?: number;
  withStatus?: number;
}

/** The vocabulary a language fills diagnosis placeholders with. */
export interface Words {
  product(id: ProductId): string;
  tokenEndpoint: string;
  theFunction: string;
  kindName(kind: CredentialKind): string;
  kindSource(kind: CredentialKind): string;
  ahead: string;
  behind: string;
  answered(status: number): string;
  dnsFailed: string;
  seconds(count: number): string;
  until(time: string): string;
  aMinute: string;
  noAnswer: string;
  list(items: string[]): string;
}

export const ENGLISH_WORDS: Words = {
  product: (id) => PRODUCTS[id].name,
  tokenEndpoint: "Sinch's token endpoint",
  theFunction: 'the function',
  kindName: (kind) => KIND_NAMES[kind],
  kindSource: (kind) => KIND_SOURCES[kind],
  ahead: 'ahead of',
  behind: 'behind',
  answered: (status) => `answered ${status}`,
  dnsFailed: 'could not be found (DNS lookup failed)',
  seconds: (count) => `${count} second${count === 1 ? '' : 's'}`,
  until: (time) => `until ${time}`,
  aMinute: 'a minute',
  noAnswer: 'no answer',
  list: (items) => items.join(', '),
};

/** The words for every placeholder, in the language of `w`. */
export function phrasesOf(p: DiagnosisParams, w: Words): Record<string, string> {
  const service =
    p.service === 'tokenEndpoint' ? w.tokenEndpoint : p.service === 'function' ? w.theFunction : w.product(p.service);
  const skew = p.skewSeconds ?? 0;
  const status = (value: number | undefined) => (value === undefined ? w.noAnswer : String(value));
  const retry = p.retryAfter;
  return {
    service,
    product: p.product ? w.product(p.product) : '',
    status: p.status === undefined ? '' : String(p.status),
    host: p.host ?? '',
    region: p.region ?? '',
    method: p.method ?? '',
    path: p.path ?? '',
    kindName: p.kind ? w.kindName(p.kind) : '',
    source: p.kind ? w.kindSource(p.kind) : '',
    neededKind: p.neededKind ? w.kindName(p.neededKind) : '',
    neededSource: p.neededKind ? w.kindSource(p.neededKind) : '',
    worksFor: w.list((p.worksFor ?? []).map(w.product)),
    symptom: p.status === undefined ? w.dnsFailed : w.answered(p.status),
    skew: String(Math.abs(skew)),
    direction: skew > 0 ? w.ahead : w.behind,
    retryAfter: !retry ? w.aMinute : 'seconds' in retry ? w.seconds(retry.seconds) : w.until(retry.until),
    location: p.location ?? '',
    detail: p.detail ?? '',
    withoutStatus: status(p.withoutStatus),
    withStatus: status(p.withStatus),
  };
}
