// Removes secrets from text we show or keep (response bodies, headers, URLs) in every form they are known to leak
// in: raw, base64 (alone, inside a Basic pair, or inside any longer base64 blob), URL-encoded, hex and JSON-escaped
// in the styles real servers use (docs/security-checklist.md#secret-leakage item 10). Pure: runs in main, the renderer, the CLI and tests.

export const REDACTED = '[redacted]';

/** Header names whose values are credentials whatever they hold. */
const SENSITIVE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

/** A base64 stretch shorter than this is too likely to occur by chance to be worth cutting out of other text. */
const MIN_EMBEDDED_BASE64 = 8;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const base64 = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
};

const toBase64Url = (b64: string): string => b64.replace(/\+/g, '-').replace(/\//g, '_');

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The base64 characters that depend only on the secret's bytes when it sits at byte offset `shift` (mod 3) of a
 * longer encoded stream, e.g. the secret inside `Basic base64(id:secret)` for an id nobody told us about.
 */
function embeddedBase64(bytes: Uint8Array, shift: 0 | 1 | 2): string {
  const padded = new Uint8Array(shift + bytes.length);
  padded.set(bytes, shift);
  const encoded = base64(padded).replace(/=+$/, '');
  // Leading characters mixed with the unknown bytes before; the last one mixes with the unknown bytes after
  // unless the stream ends on a 3-byte boundary.
  const head = [0, 2, 3][shift] ?? 0;
  const tail = padded.length % 3 === 0 ? 0 : 1;
  return encoded.slice(head, encoded.length - tail);
}

const NON_ASCII = (ch: string) => ch > '\x7f';
/** Go's encoding/json escapes these for HTML safety; .NET's default encoder adds ' + ` and everything non-ASCII. */
const GO_HTML = (ch: string) => '<>&\u2028\u2029'.includes(ch);
const DOTNET = (ch: string) => GO_HTML(ch) || "'+`".includes(ch) || NON_ASCII(ch);
/**
 * Which characters a JSON encoder writes as \uXXXX beyond what JSON requires: none (JavaScript), non-ASCII (PHP's
 * json_encode, Python's json.dumps), Go's HTML set (\u0026), .NET's, or every character.
 */
const ESCAPE_STYLES: ((ch: string) => boolean)[] = [
  () => false,
  NON_ASCII,
  GO_HTML,
  (ch) => GO_HTML(ch) || NON_ASCII(ch),
  DOTNET,
  () => true,
];

const unicodeEscape = (ch: string) =>
  Array.from({ length: ch.length }, (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');

/**
 * The value as the inside of a JSON string written by each encoder: its escaped set, `\/` or not (PHP), hex case.
 * The pieces are worked out once per distinct character: a token has hundreds of characters but a few dozen
 * distinct ones, and every request redacts it.
 */
function jsonForms(value: string): string[] {
  const chars = [...value];
  const distinct = [...new Set(chars)];
  const plain = new Map(distinct.map((ch) => [ch, JSON.stringify(ch).slice(1, -1)]));
  const escaped = new Map(distinct.map((ch) => [ch, unicodeEscape(ch)]));
  const forms: string[] = [];
  for (const [style, escapes] of ESCAPE_STYLES.entries()) {
    const marked = new Set(distinct.filter(escapes));
    // A style that escapes none of the value's characters writes what the first one wrote: a token or a base64
    // secret is plain ASCII, so only the first and the escape-everything styles are built for it.
    if (style > 0 && marked.size === 0) continue;
    // Without a "/" in the value, the `\/` style writes the same text; without a \u escape, so do both hex cases.
    for (const slash of value.includes('/') ? [false, true] : [false]) {
      let out = '';
      for (const ch of chars) out += slash && ch === '/' ? '\\/' : ((marked.has(ch) ? escaped : plain).get(ch) as string);
      forms.push(out);
      if (out.includes('\\u')) forms.push(out.replace(/\\u([0-9a-f]{4})/g, (_, digits: string) => `\\u${digits.toUpperCase()}`));
    }
  }
  return forms;
}

/** Every textual form of one value that must not survive redaction. */
function formsOf(value: string): string[] {
  const bytes = utf8(value);
  const b64 = base64(bytes);
  const urlEncoded = encodeURIComponent(value);
  const forms = [
    value,
    b64,
    toBase64Url(b64).replace(/=+$/, ''),
    urlEncoded,
    urlEncoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    new URLSearchParams({ v: value }).toString().slice(2),
    hex(bytes),
    hex(bytes).toUpperCase(),
    ...jsonForms(value),
  ];
  for (const shift of [0, 1, 2] as const) {
    const stretch = embeddedBase64(bytes, shift);
    if (stretch.length >= MIN_EMBEDDED_BASE64) forms.push(stretch, toBase64Url(stretch));
  }
  return forms;
}

/** All forms of the secrets and of `user:secret` pairs, longest first so a whole form goes before its parts. */
function patternsFor(secrets: readonly string[], pairs: readonly (readonly [string, string])[]): string[] {
  const values = [...secrets, ...pairs.map(([, secret]) => secret)].filter((s) => s !== '');
  const patterns = new Set(values.flatMap(formsOf));
  for (const [user, secret] of pairs) {
    if (secret === '') continue;
    const pair = base64(utf8(`${user}:${secret}`));
    patterns.add(pair);
    patterns.add(toBase64Url(pair).replace(/=+$/, ''));
  }
  patterns.delete('');
  return [...patterns].sort((a, b) => b.length - a.length);
}

/**
 * Replaces the union of all occurrences, overlapping ones included, in one pass: replacing pattern by pattern
 * would let one replacement cut through another occurrence and leave part of a secret behind.
 */
function replaceAll(text: string, patterns: readonly string[]): string {
  const ranges: [number, number][] = [];
  for (const pattern of patterns)
    for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) ranges.push([at, at + pattern.length]);
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let done = 0;
  let end = -1;
  for (const [start, stop] of ranges) {
    if (start > end) {
      if (end >= 0) out += REDACTED;
      out += text.slice(done, start);
    }
    end = Math.max(end, stop);
    done = end;
  }
  return `${out}${REDACTED}${text.slice(done)}`;
}

/** Replaces every known form of each secret (and of each Basic `user:secret` pair) with `[redacted]`. */
export function redactSecrets(
  text: string,
  secrets: readonly string[],
  pairs: readonly (readonly [string, string])[] = [],
): string {
  return redactorFor(secrets, pairs).text(text);
}

/**
 * For text cut at a size limit: drops a trailing start of a secret form that the cut split (it would not match
 * as a whole), so not even a prefix of a secret survives. Run it after redactSecrets.
 */
export function dropPartialSecretAtEnd(
  text: string,
  secrets: readonly string[],
  pairs: readonly (readonly [string, string])[] = [],
): string {
  return redactorFor(secrets, pairs).dropPartialAtEnd(text);
}

export type HeaderInput = Record<string, string> | Iterable<[string, string]>;

/** Lower-cased header names; values of credential headers, and of any header holding a secret, masked whole. */
export function redactHeaders(
  headers: HeaderInput,
  secrets: readonly string[] = [],
  pairs: readonly (readonly [string, string])[] = [],
): Record<string, string> {
  return redactorFor(secrets, pairs).headers(headers);
}

export interface Redactor {
  text(text: string): string;
  headers(headers: HeaderInput): Record<string, string>;
  dropPartialAtEnd(text: string): string;
}

/**
 * The three redactions over one set of secrets, with their forms computed once: a result redacts its body, headers
 * and URL with the same secrets, and the JSON escape styles make the forms costly enough to matter per request.
 */
export function redactorFor(secrets: readonly string[], pairs: readonly (readonly [string, string])[] = []): Redactor {
  const patterns = patternsFor(secrets, pairs);
  return {
    text: (text) => replaceAll(text, patterns),
    headers(headers) {
      const entries = Symbol.iterator in headers ? [...headers] : Object.entries(headers);
      const out: Record<string, string> = {};
      for (const [name, value] of entries) {
        const key = name.toLowerCase();
        const masked = SENSITIVE_HEADERS.has(key) || patterns.some((p) => value.includes(p));
        out[key] = masked ? REDACTED : value;
      }
      return out;
    },
    dropPartialAtEnd(text) {
      let cut = 0;
      for (const pattern of patterns) {
        for (let length = Math.min(pattern.length - 1, text.length); length > cut; length--) {
          if (text.endsWith(pattern.slice(0, length))) {
            cut = length;
            break;
          }
        }
      }
      return text.slice(0, text.length - cut);
    },
  };
}

/**
 * Redactors for a batch of requests that share secrets (a fleet check tests each key against nine products with one
 * token): the forms of one set of secrets are worked out once for the batch. The memo holds those secrets while the
 * batch references it, so make one per batch, never one per process.
 */
export function redactorsForBatch(): typeof redactorFor {
  const made = new Map<string, Redactor>();
  return (secrets, pairs = []) => {
    const id = JSON.stringify([secrets, pairs]);
    let redactor = made.get(id);
    if (!redactor) {
      redactor = redactorFor(secrets, pairs);
      made.set(id, redactor);
    }
    return redactor;
  };
}
