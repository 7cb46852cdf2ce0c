// Checks that a callback really came from Sinch or Mailgun: one function per signing scheme (docs/protocol.md#callbacks, docs/protocol.md#mailgun-webhooks)
// and one dispatcher for the UI and the `verify-callback` CLI command. Every answer is a value whose reason a user
// can act on; no reason ever holds a secret or the expected signature.
import { createHmac } from 'node:crypto';
import { secretsEqual } from '../shared/constant-time';
import { AppError } from '../shared/errors';
import { buildStringToSign, type HeaderInput, normalizeHeaders, parseApplicationAuthorization } from '../shared/signing';
import { applicationSignature, contentMd5 } from './app-signing';

export interface VerifyResult {
  valid: boolean;
  /** A sentence for the user: what matched, or why the callback is not trusted. */
  reason: string;
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

const MATCH = 'The signature matches: this callback was signed with your secret.';

export function verifyApplicationCallback(input: ApplicationCallbackInput): VerifyResult {
  requireSecret(input.applicationSecret, 'application secret');
  const headers = normalizeHeaders(input.headers);
  const authorization = headers.authorization;
  if (authorization === undefined) return invalid('The request has no Authorization header, so it is not signed.');
  const parsed = parseApplicationAuthorization(authorization);
  if (!parsed.ok) return invalid(parsed.reason);
  if (parsed.applicationKey !== input.applicationKey) {
    return invalid(
      `The callback is signed for application key ${parsed.applicationKey}, not ${input.applicationKey}: check which app's secret to use.`,
    );
  }
  const timestamp = headers['x-timestamp'];
  if (timestamp === undefined) return invalid('The request has no x-timestamp header, which Sinch signs with every callback.');
  // docs/protocol.md#application-callbacks: the same string-to-sign as a signed request, over the raw body and the request's Content-Type.
  const stringToSign = buildStringToSign({
    method: input.method,
    contentMd5: contentMd5(input.body),
    contentType: headers['content-type'] ?? '',
    timestamp,
    path: input.path,
  });
  const expected = applicationSignature(input.applicationSecret, stringToSign);
  if (!secretsEqual(parsed.signature, expected)) {
    return {
      valid: false,
      reason:
        'The signature does not match: the secret is wrong, or the body, path, method, Content-Type or x-timestamp differ from what Sinch signed.',
      stringToSign,
    };
  }
  // docs/protocol.md#application-callbacks: x-timestamp is ISO-8601 UTC, signed as sent.
  const stale = checkAge(Date.parse(timestamp) / 1000, input.nowSeconds, input.maxAgeSeconds);
  return stale ? { ...stale, stringToSign } : { valid: true, reason: MATCH, stringToSign };
}

/** docs/protocol.md#conversation-callbacks: Conversation webhooks, and SMS callbacks when signing is enabled for the account. */
export function verifyConversationWebhook(input: ConversationWebhookInput): VerifyResult {
  requireSecret(input.secret, 'webhook secret');
  const headers = normalizeHeaders(input.headers);
  const signature = headers['x-sinch-webhook-signature'];
  const nonce = headers['x-sinch-webhook-signature-nonce'];
  const timestamp = headers['x-sinch-webhook-signature-timestamp'];
  const algorithm = headers['x-sinch-webhook-signature-algorithm'];
  if (signature === undefined) return invalid('The request has no x-sinch-webhook-signature header, so it is not signed.');
  if (nonce === undefined)
    return invalid('The request has no x-sinch-webhook-signature-nonce header, which is part of what Sinch signs.');
  if (timestamp === undefined) {
    return invalid('The request has no x-sinch-webhook-signature-timestamp header, which is part of what Sinch signs.');
  }
  // Node, Python and .NET hard-code SHA-256; Java would honour another name, so say so rather than guess.
  if (algorithm !== undefined && algorithm.toLowerCase() !== 'hmacsha256') {
    return invalid(
      'The x-sinch-webhook-signature-algorithm header names an algorithm other than HmacSHA256, which is all Sinch uses.',
    );
  }
  // docs/protocol.md#conversation-callbacks: key = UTF-8 bytes of the secret (not base64-decoded); data = body.nonce.timestamp.
  const expected = createHmac('sha256', Buffer.from(input.secret, 'utf8'))
    .update(`${input.body}.${nonce}.${timestamp}`, 'utf8')
    .digest('base64');
  if (!secretsEqual(signature, expected)) {
    return invalid(
      'The signature does not match: the secret is wrong, or the body, nonce or timestamp differ from what Sinch signed.',
    );
  }
  return checkAge(unixSeconds(timestamp), input.nowSeconds, input.maxAgeSeconds) ?? valid();
}

/** docs/protocol.md#numbers-callbacks: X-Sinch-Signature = lower-case hex HMAC-SHA1 of the raw body, keyed with the callback hmacSecret. */
export function verifyNumbersCallback(input: NumbersCallbackInput): VerifyResult {
  requireSecret(input.secret, 'callback secret');
  const signature = normalizeHeaders(input.headers)['x-sinch-signature'];
  if (signature === undefined) return invalid('The request has no X-Sinch-Signature header, so it is not signed.');
  const expected = createHmac('sha1', Buffer.from(input.secret, 'utf8')).update(input.body, 'utf8').digest('hex');
  if (!secretsEqual(signature, expected)) {
    return invalid('The signature does not match: the callback secret is wrong, or the body differs from what Sinch signed.');
  }
  return valid();
}

/** docs/protocol.md#mailgun-webhooks: hex HMAC-SHA256 of timestamp + token, keyed with the account's HTTP webhook signing key. */
export function verifyMailgunWebhook(input: MailgunWebhookInput): VerifyResult {
  requireSecret(input.signingKey, 'webhook signing key');
  const expected = createHmac('sha256', Buffer.from(input.signingKey, 'utf8'))
    .update(`${input.timestamp}${input.token}`, 'utf8')
    .digest('hex');
  if (!secretsEqual(input.signature, expected)) {
    return invalid(
      'The signature does not match: use the HTTP webhook signing key (Mailgun → API Security), not an API key, and the unchanged timestamp and token.',
    );
  }
  return checkAge(unixSeconds(input.timestamp), input.nowSeconds, input.maxAgeSeconds) ?? valid();
}

/** Reads `{ "signature": { "timestamp", "token", "signature" } }` from a Mailgun webhook body (docs/protocol.md#mailgun-webhooks). */
export function mailgunSignatureFromBody(body: string): MailgunSignature {
  const hint = 'Paste the whole JSON body Mailgun posted; it has a "signature" object with timestamp, token and signature.';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new AppError('VALIDATION', 'The Mailgun webhook body is not JSON.', hint);
  }
  const block = isRecord(parsed) ? parsed.signature : undefined;
  if (!isRecord(block)) throw new AppError('VALIDATION', 'The Mailgun webhook body has no "signature" object.', hint);
  const fields = ['timestamp', 'token', 'signature'] as const;
  const missing = fields.filter((field) => !isStringOrNumber(block[field]));
  if (missing.length > 0) {
    throw new AppError('VALIDATION', `The Mailgun "signature" object lacks ${missing.join(', ')}.`, hint);
  }
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
  if (!Number.isFinite(signedAt))
    return invalid('The signature is genuine, but its timestamp is not a time, so its age cannot be checked.');
  const now = nowSeconds ?? Date.now() / 1000;
  const age = Math.round(now - signedAt);
  const window = `window of ±${duration(maxAgeSeconds)}`;
  if (age > maxAgeSeconds) {
    return {
      valid: false,
      replayed: true,
      reason: `The signature is genuine, but it is ${duration(age)} old, outside the ${window} — possibly replayed.`,
    };
  }
  if (-age > maxAgeSeconds) {
    return {
      valid: false,
      replayed: true,
      reason: `The signature is genuine, but it is dated ${duration(-age)} in the future, outside the ${window}: check this computer's clock, or it was forged with a future time.`,
    };
  }
  return undefined;
}

/** "301 seconds", "5 minutes", "3 hours", "2 days": seconds below ten minutes unless whole minutes, rounded down. */
function duration(seconds: number): string {
  const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds >= 2 * 86_400) return count(Math.floor(seconds / 86_400), 'day');
  if (seconds >= 2 * 3600) return count(Math.floor(seconds / 3600), 'hour');
  if (seconds >= 600 || (seconds >= 60 && seconds % 60 === 0)) return count(Math.floor(seconds / 60), 'minute');
  return count(seconds, 'second');
}

function requireSecret(secret: string, what: string): void {
  if (secret === '')
    throw new AppError('VALIDATION', `The ${what} is empty.`, `Enter the ${what} to check the callback against.`);
}

const invalid = (reason: string): VerifyResult => ({ valid: false, reason });
const valid = (): VerifyResult => ({ valid: true, reason: MATCH });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringOrNumber = (value: unknown): boolean => typeof value === 'string' || typeof value === 'number';
