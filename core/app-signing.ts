// Application-signed requests for Voice v1 and Verification (docs/protocol.md#signing), and the Basic header used for
// access keys (docs/protocol.md#token-request) and as the prototyping form of application auth (docs/protocol.md#application-credentials).
import { createHmac, hash } from 'node:crypto';
import { engineError } from '../shared/engine-text';
import { buildStringToSign, wireContentType } from '../shared/signing';

export interface ApplicationRequest {
  applicationKey: string;
  /** The base64 secret exactly as the dashboard shows it. */
  applicationSecret: string;
  method: string;
  /** Path of the request; a query string is not signed (docs/protocol.md#signing-paths-and-queries). */
  path: string;
  /** The Content-Type header that will be sent (padding is trimmed, as HTTP clients do); omit when none is sent. */
  contentType?: string;
  /** The exact body that will be sent; omit or '' for none. */
  body?: string;
  /** x-timestamp value; defaults to now in the Node SDK's format, e.g. 2024-01-19T09:19:28.937Z (docs/protocol.md#signing). */
  timestamp?: string;
}

export interface SignedApplicationRequest {
  /** Value of the Authorization header: `Application <key>:<signature>`. */
  authorization: string;
  /** Value of the x-timestamp header; must be sent with the request. */
  xTimestamp: string;
  contentMd5: string;
  /** What was signed, shown to help compare with a server's view; holds no secret. */
  stringToSign: string;
}

/**
 * docs/protocol.md#signing step 2: base64 MD5 of the UTF-8 body; an empty body gives an empty string, not the MD5 of "".
 * The one-shot hash() (Node 20.12+) encodes a string as UTF-8 and halves the cost of a Hash object.
 */
export function contentMd5(body: string): string {
  return body === '' ? '' : hash('md5', body, 'base64');
}

/**
 * docs/protocol.md#signing step 7: base64 HMAC-SHA256 keyed with the base64-decoded secret. Decoding is Node's lenient base64
 * (it also takes the URL-safe alphabet), matching the Node SDK byte for byte.
 */
export function applicationSignature(applicationSecret: string | Buffer, stringToSign: string): string {
  const key = typeof applicationSecret === 'string' ? Buffer.from(applicationSecret, 'base64') : applicationSecret;
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('base64');
}

export function signApplicationRequest(request: ApplicationRequest): SignedApplicationRequest {
  const { applicationKey, applicationSecret, method, path } = request;
  if (applicationKey.trim() === '') {
    throw engineError('VALIDATION', 'applicationKeyEmpty');
  }
  // Decoded once, for the check and the HMAC: decoding twice made signing slower than the SDK (docs/benchmarks.md).
  const key = Buffer.from(applicationSecret, 'base64');
  if (key.length === 0) {
    throw engineError('VALIDATION', 'applicationSecretNotBase64');
  }
  const xTimestamp = request.timestamp ?? new Date().toISOString();
  const md5 = contentMd5(request.body ?? '');
  const stringToSign = buildStringToSign({
    method,
    contentMd5: md5,
    contentType: wireContentType(request.contentType ?? ''),
    timestamp: xTimestamp,
    path,
  });
  return {
    authorization: `Application ${applicationKey}:${applicationSignature(key, stringToSign)}`,
    xTimestamp,
    contentMd5: md5,
    stringToSign,
  };
}

/** `Basic` + base64 of UTF-8 `user:password` (docs/protocol.md#token-request, docs/protocol.md#application-credentials: the secret is used as-is, not decoded). */
export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
