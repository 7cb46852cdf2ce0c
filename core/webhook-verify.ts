// Checks that a callback really came from Sinch or Mailgun: one function per signing scheme (docs/protocol.md#callbacks, docs/protocol.md#mailgun-webhooks)
// and one dispatcher for the UI and the `verify-callback` CLI command. Every answer is a value whose reason a user
// can act on; no reason ever holds a secret or the expected signature.
import { createHmac } from 'node:crypto';
import { secretsEqual } from '../shared/constant-time';
import { type EngineTextId, type EngineTextParams, engineError, englishText, type TextRef } from '../shared/engine-text';
import { AppError } from '../shared/errors';
import { buildStringToSign, type HeaderInput, normalizeHeaders, parseApplicationAuthorization } from '../shared/signing';
import { applicationSignature, contentMd5 } from './app-signing';

export interface VerifyResult {
  valid: boolean;
  /** A sentence for the user: what matched, or why the callback is not trusted. */
  reason: string;
  /** The reason's id and facts (engine-text.ts), for doors that say it in another language. */
  reasonText: TextRef;
  /** Set when the signature is genuine but its timestamp is outside the window: a possible replay. */
  replayed?: boolean;
  /** What was signed (application callbacks), to compare with the sender's view; holds no secret. */
  stringToSign?: string;
}

export interface ApplicationCallbackInput {
  applicationKey: string;
  applicationSecret: string;
  method: string;
  /** Path (or full URL) of your callback endpoint as Sinch called it. */
  path: string;
  headers: HeaderInput;
  /** The raw body, byte for byte as received; re-serialised JSON will not match. */
  body: string;
  nowSeconds?: number;
  maxAgeSeconds?: MaxAge;
}

/**
 * How far a signature's timestamp may be from now, in seconds, either way; `null` checks no age at all (an old
 * callback kept for debugging). Defaults to DEFAULT_MAX_AGE_SECONDS.
 */
export type MaxAge = number | null;

/** ±5 minutes: Sinch and Mailgun sign at sending time, and a replayed callback is older than that. */
export const DEFAULT_MAX_AGE_SECONDS = 300;

export interface ConversationWebhookInput {
  secret: string;
  headers: HeaderInput;
  body: string;
  /** Current time in unix seconds; defaults to the system clock. */
  nowSeconds?: number;
  maxAgeSeconds?: MaxAge;
}

export interface NumbersCallbackInput {
  secret: string;
  headers: HeaderInput;
  body: string;
}

export interface MailgunSignature {
  timestamp: string;
  token: string;
  signature: string;
}

export interface MailgunWebhookInput extends MailgunSignature {
  signingKey: string;
  nowSeconds?: number;
  maxAgeSeconds?: MaxAge;
}

export type CallbackVerification =
  | ({ kind: 'application' } & ApplicationCallbackInput)
  | ({ kind: 'conversation' } & ConversationWebhookInput)
  | ({ kind: 'numbers' } & NumbersCallbackInput)
  | ({ kind: 'mailgun' } & MailgunWebhookInput)
  | { kind: 'mailgun'; signingKey: string; body: string; nowSeconds?: number; maxAgeSeconds?: MaxAge };

export function verifyApplicationCallback(input: ApplicationCallbackInput): VerifyResult {
  requireSecret(input.applicationSecret, 'application secret');
  const headers = normalizeHeaders(input.headers);
  const authorization = headers.authorization;
  if (authorization === undefined) return invalid('callbackUnsigned', { header: 'Authorization' });
  const parsed = parseApplicationAuthorization(authorization);
  if (!parsed.ok) return invalid(parsed.reason);
  if (parsed.applicationKey !== input.applicationKey) {
    return invalid('callbackWrongApplication', { signedFor: parsed.applicationKey, applicationKey: input.applicationKey });
  }
  const timestamp = headers['x-timestamp'];
  if (timestamp === undefined) return invalid('callbackHeaderMissing', { header: 'x-timestamp' });
  // docs/protocol.md#application-callbacks: the same string-to-sign as a signed request, over the raw body and the request's Content-Type.
  const stringToSign = buildStringToSign({
    method: input.method,
    contentMd5: contentMd5(input.body),
    contentType: headers['content-type'] ?? '',
    timestamp,
    path: input.path,
  });
  const expected = applicationSignature(input.applicationSecret, stringToSign);
  if (!secretsEqual(parsed.signature, expected)) return { ...invalid('callbackMismatchApplication'), stringToSign };
  // docs/protocol.md#application-callbacks: x-timestamp is ISO-8601 UTC, signed as sent.
  const stale = checkAge(Date.parse(timestamp) / 1000, input.nowSeconds, input.maxAgeSeconds);
  return { ...(stale ?? valid()), stringToSign };
}

/** docs/protocol.md#conversation-callbacks: Conversation webhooks, and SMS callbacks when signing is enabled for the account. */
export function verifyConversationWebhook(input: ConversationWebhookInput): VerifyResult {
  requireSecret(input.secret, 'webhook secret');
  const headers = normalizeHeaders(input.headers);
  const signature = headers['x-sinch-webhook-signature'];
  const nonce = headers['x-sinch-webhook-signature-nonce'];
  const timestamp = headers['x-sinch-webhook-signature-timestamp'];
  const algorithm = headers['x-sinch-webhook-signature-algorithm'];
  if (signature === undefined) return invalid('callbackUnsigned', { header: 'x-sinch-webhook-signature' });
  if (nonce === undefined) return invalid('callbackHeaderMissing', { header: 'x-sinch-webhook-signature-nonce' });
  if (timestamp === undefined) return invalid('callbackHeaderMissing', { header: 'x-sinch-webhook-signature-timestamp' });
  // Node, Python and .NET hard-code SHA-256; Java would honour another name, so say so rather than guess.
  if (algorithm !== undefined && algorithm.toLowerCase() !== 'hmacsha256') return invalid('callbackAlgorithm');
  // docs/protocol.md#conversation-callbacks: key = UTF-8 bytes of the secret (not base64-decoded); data = body.nonce.timestamp.
  const expected = createHmac('sha256', Buffer.from(input.secret, 'utf8'))
    .update(`${input.body}.${nonce}.${timestamp}`, 'utf8')
    .digest('base64');
  if (!secretsEqual(signature, expected)) return invalid('callbackMismatchConversation');
  return checkAge(unixSeconds(timestamp), input.nowSeconds, input.maxAgeSeconds) ?? valid();
}

/** docs/protocol.md#numbers-callbacks: X-Sinch-Signature = lower-case hex HMAC-SHA1 of the raw body, keyed with the callback hmacSecret. */
export function verifyNumbersCallback(input: NumbersCallbackInput): VerifyResult {
  requireSecret(input.secret, 'callback secret');
  const signature = normalizeHeaders(input.headers)['x-sinch-signature'];
  if (signature === undefined) return invalid('callbackUnsigned', { header: 'X-Sinch-Signature' });
  const expected = createHmac('sha1', Buffer.from(input.secret, 'utf8')).update(input.body, 'utf8').digest('hex');
  if (!secretsEqual(signature, expected)) return invalid('callbackMismatchNumbers');
  return valid();
}

/** docs/protocol.md#mailgun-webhooks: hex HMAC-SHA256 of timestamp + token, keyed with the account's HTTP webhook signing key. */
export function verifyMailgunWebhook(input: MailgunWebhookInput): VerifyResult {
  requireSecret(input.signingKey, 'webhook signing key');
  const expected = createHmac('sha256', Buffer.from(input.signingKey, 'utf8'))
    .update(`${input.timestamp}${input.token}`, 'utf8')
    .digest('hex');
  if (!secretsEqual(input.signature, expected)) return invalid('callbackMismatchMailgun');
  return checkAge(unixSeconds(input.timestamp), input.nowSeconds, input.maxAgeSeconds) ?? valid();
}

/** Reads `{ "signature": { "timestamp", "token", "signature" } }` from a Mailgun webhook body (docs/protocol.md#mailgun-webhooks). */
export function mailgunSignatureFromBody(body: string): MailgunSignature {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw engineError('VALIDATION', 'mailgunBodyNotJson');
  }
  const block = isRecord(parsed) ? parsed.signature : undefined;
  if (!isRecord(block)) throw engineError('VALIDATION', 'mailgunBodyNoSignature');
  const fields = ['timestamp', 'token', 'signature'] as const;
  const missing = fields.filter((field) => !isStringOrNumber(block[field]));
  if (missing.length > 0) throw engineError('VALIDATION', 'mailgunBodyLacks', { fields: missing });
  return { timestamp: String(block.timestamp), token: String(block.token), signature: String(block.signature) };
}

export function verifyCallback(input: CallbackVerification): VerifyResult {
  switch (input.kind) {
    case 'application':
      return verifyApplicationCallback(input);
    case 'conversation':
      return verifyConversationWebhook(input);
    case 'numbers':
      return verifyNumbersCallback(input);
    case 'mailgun':
      return verifyMailgunWebhook('body' in input ? { ...input, ...mailgunSignatureFromBody(input.body) } : input);
    default: {
      const unreachable: never = input;
      return unreachable;
    }
  }
}

const unixSeconds = (timestamp: string) => (/^\d+$/.test(timestamp) ? Number(timestamp) : Number.NaN);

/** Run only once the signature matched: the verdict then is "genuine, but too old (or from the future)". */
function checkAge(
  signedAt: number,
  nowSeconds: number | undefined,
  maxAgeSeconds: MaxAge = DEFAULT_MAX_AGE_SECONDS,
): VerifyResult | undefined {
  if (maxAgeSeconds === null) return undefined;
  if (!Number.isFinite(signedAt)) return invalid('callbackTimestampNotATime');
  const now = nowSeconds ?? Date.now() / 1000;
  const age = Math.round(now - signedAt);
  if (age > maxAgeSeconds)
    return { ...invalid('callbackReplayed', { ageSeconds: age, windowSeconds: maxAgeSeconds }), replayed: true };
  if (-age > maxAgeSeconds)
    return { ...invalid('callbackFromTheFuture', { ageSeconds: -age, windowSeconds: maxAgeSeconds }), replayed: true };
  return undefined;
}

function requireSecret(secret: string, what: string): void {
  if (secret === '')
    throw new AppError('VALIDATION', `The ${what} is empty.`, `Enter the ${what} to check the callback against.`);
}

const verdict = (valid: boolean, id: EngineTextId, params: EngineTextParams = {}): VerifyResult => ({
  valid,
  reason: englishText({ id, params }).message,
  reasonText: { id, params },
});
const invalid = (id: EngineTextId, params?: EngineTextParams) => verdict(false, id, params);
const valid = () => verdict(true, 'callbackMatch');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringOrNumber = (value: unknown): boolean => typeof value === 'string' || typeof value === 'number';
