// The text side of Sinch request signing and callback checking: string-to-sign layout, header lookup and
// Authorization parsing. Pure (no crypto): the HMACs live in core/app-signing.ts and webhook-verify.ts.

import { type EngineTextId, engineError } from './engine-text';

/** Request headers as Node gives them, or a block of `Name: value` lines pasted by a user. */
export type HeaderMap = Record<string, string | string[] | undefined>;
export type HeaderInput = HeaderMap | string;

export interface StringToSignParts {
  method: string;
  /** base64 MD5 of the body, or '' when there is no body (docs/protocol.md#signing step 2). */
  contentMd5: string;
  /** The exact Content-Type sent, '' when none is sent (docs/protocol.md#signing step 3). */
  contentType: string;
  /** The x-timestamp header value, signed as sent (ISO-8601 UTC in any precision). */
  timestamp: string;
  /** Path (or full URL) of the request; only the path is signed. */
  path: string;
}

/**
 * docs/protocol.md#signing step 6: VERB, Content-MD5, Content-Type, `x-timestamp:<ts>` and the resource joined by LF, with no
 * trailing newline.
 */
export function buildStringToSign({ method, contentMd5, contentType, timestamp, path }: StringToSignParts): string {
  return [method.toUpperCase(), contentMd5, contentType, `x-timestamp:${timestamp}`, canonicalResource(path)].join('\n');
}

const URL_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/**
 * The signed resource: the path alone. A pasted callback URL loses its origin (docs/protocol.md#application-callbacks: the callback URL
 * https://callbacks.yourdomain.com/sinch/callback/ace signs as /sinch/callback/ace). The query string and fragment
 * are dropped because the Node, Java and Python SDKs sign the path without the query (docs/protocol.md#signing-paths-and-queries); the path
 * itself is kept byte for byte, neither decoded nor percent-encoded, as the SDKs sign it.
 */
function canonicalResource(pathOrUrl: string): string {
  const path = pathOrUrl.replace(URL_ORIGIN, '');
  const end = path.search(/[?#]/);
  const bare = end === -1 ? path : path.slice(0, end);
  return bare === '' ? '/' : bare;
}

/** Lower-cases header names and keeps the first value of a repeated header, as the Sinch SDKs read them. */
export function normalizeHeaders(input: HeaderInput): Record<string, string> {
  const map = typeof input === 'string' ? parseHeaderBlock(input) : input;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(map)) {
    const first = Array.isArray(value) ? value[0] : value;
    const key = name.toLowerCase();
    if (first !== undefined && !(key in out)) out[key] = first;
  }
  return out;
}

const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;
const START_LINE = /^(?:[A-Z]+ \S+ HTTP\/\d(?:\.\d)?|HTTP\/\d(?:\.\d)? \d{3}.*)$/;

/**
 * Reads headers copied from a request log or a webhook inspector: one `Name: value` per line. A leading request
 * or status line is skipped, folded continuation lines are joined, and reading stops at the blank line before a
 * body. Names are lower-cased; a repeated header becomes a list.
 */
export function parseHeaderBlock(text: string): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  let last: string | undefined;
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') {
      if (last !== undefined) break;
      continue;
    }
    if (last === undefined && START_LINE.test(line.trim())) continue;
    if (/^[ \t]/.test(line) && last !== undefined) {
      appendFolded(headers, last, line.trim());
      continue;
    }
    const match = HEADER_LINE.exec(line);
    if (!match?.[1]) {
      // The line may hold a secret, so the message names only its number.
      throw engineError('VALIDATION', 'headerLineMalformed', { line: index + 1 });
    }
    const name = match[1].toLowerCase();
    const value = match[2] ?? '';
    const existing = headers[name];
    headers[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    last = name;
  }
  return headers;
}

function appendFolded(headers: Record<string, string | string[]>, name: string, more: string): void {
  const existing = headers[name];
  if (Array.isArray(existing)) {
    const lastIndex = existing.length - 1;
    existing[lastIndex] = `${existing[lastIndex]} ${more}`;
  } else {
    headers[name] = `${existing ?? ''} ${more}`;
  }
}

export type ParsedApplicationAuthorization =
  | { ok: true; applicationKey: string; signature: string }
  | { ok: false; reason: AuthorizationProblem };

/** Why an Authorization header cannot be checked: ids of engine-text.ts sentences. */
type AuthorizationProblem = Extract<EngineTextId, `callbackAuthorization${string}`>;

/**
 * Reads `Application <key>:<signature>` (docs/protocol.md#signing step 8, docs/protocol.md#application-callbacks). The scheme is case-insensitive because Voice
 * callbacks send `application` and Verification callbacks `Application`. The layout is as strict as the Node SDK's
 * validator: one space, one colon.
 */
export function parseApplicationAuthorization(header: string): ParsedApplicationAuthorization {
  const parts = header.split(' ');
  const [scheme, value] = parts;
  if (parts.length !== 2 || !scheme || !value) return { ok: false, reason: 'callbackAuthorizationMalformed' };
  if (scheme.toLowerCase() === 'basic') return { ok: false, reason: 'callbackAuthorizationBasic' };
  if (scheme.toLowerCase() !== 'application') return { ok: false, reason: 'callbackAuthorizationScheme' };
  const keyAndSignature = value.split(':');
  const [applicationKey, signature] = keyAndSignature;
  if (keyAndSignature.length !== 2 || !applicationKey || !signature) return { ok: false, reason: 'callbackAuthorizationNoKey' };
  return { ok: true, applicationKey, signature };
}

/**
 * A header value as an HTTP client puts it on the wire: `fetch`'s Headers strips leading and trailing HTTP
 * whitespace (tab, LF, CR, space), so that is the value to sign (docs/protocol.md#differences-between-the-sdks: a padded Content-Type signed as
 * typed is rejected). A value no client could send (a line break or NUL inside, a character beyond Latin-1) is
 * refused here rather than failing later inside the HTTP client.
 */
export function wireContentType(value: string): string {
  const trimmed = value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  if (/[\0\r\n]|[^\0-\xff]/.test(trimmed)) throw engineError('VALIDATION', 'contentTypeUnsendable');
  return trimmed;
}
