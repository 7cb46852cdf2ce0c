// Canary secrets and the scan for them (docs/security-checklist.md#secret-leakage.10): random per run, searched in every form a secret is known
// to leak in — raw, base64 (standard, URL-safe, unpadded, and embedded at each byte offset of a longer base64 blob),
// URL-encoded, hex, JSON-escaped, `Basic base64(user:secret)` — and any 8-character piece of it.
import { randomBytes, randomInt } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Canary {
  name: string;
  value: string;
  /** User names the secret is paired with in a Basic header (key ID, application key, "api"). */
  users: string[];
  /** Extra byte forms (the decoded application secret is the HMAC key). */
  bytes?: Buffer;
  /** Search for any 8-character piece too (not for JWTs, whose header is the same in every token). */
  pieces?: boolean;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const alnum = (n: number, alphabet = ALNUM) => Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');

/** An access key secret with the characters that escape differently in each form (JSON, URL, shell, dotenv). */
export const accessKeySecret = () => `${alnum(10)}"${alnum(6)}\\${alnum(6)}%+${alnum(8)}/=&~${alnum(6)}`;
export const applicationSecret = () => randomBytes(32).toString('base64');
export const apiToken = () => alnum(32);
export const mailgunKey = () => `key-${alnum(32, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
export const webhookSecret = () => `whsec_${alnum(28)}`;

const b64 = (bytes: Buffer) => bytes.toString('base64');
const b64url = (bytes: Buffer) => bytes.toString('base64url');
const unpadded = (text: string) => text.replace(/=+$/, '');

/** The base64 characters fixed by the secret's bytes alone when it sits at byte offset `shift` (mod 3) of a stream. */
function embedded(bytes: Buffer, shift: number): string {
  const encoded = unpadded(b64(Buffer.concat([Buffer.alloc(shift), bytes])));
  const head = [0, 2, 3][shift] ?? 0;
  const tail = (shift + bytes.length) % 3 === 0 ? 0 : 1;
  return encoded.slice(head, encoded.length - tail);
}

/** Every searched form of a canary, named, each at least 8 characters long. */
export function formsOf(canary: Canary): Map<string, string> {
  const { value, users } = canary;
  const bytes = Buffer.from(value, 'utf8');
  const forms = new Map<string, string>([
    ['raw', value],
    ['base64', b64(bytes)],
    ['base64 unpadded', unpadded(b64(bytes))],
    ['base64url', b64url(bytes)],
    ['url-encoded', encodeURIComponent(value)],
    ['url-encoded lower-case', encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
    ['form-encoded', new URLSearchParams({ v: value }).toString().slice(2)],
    ['hex', bytes.toString('hex')],
    ['HEX', bytes.toString('hex').toUpperCase()],
    ['json-escaped', JSON.stringify(value).slice(1, -1)],
    ['json-escaped twice', JSON.stringify(JSON.stringify(value)).slice(3, -3)],
  ]);
  for (const shift of [0, 1, 2]) {
    const stretch = embedded(bytes, shift);
    forms.set(`base64 in a blob at offset ${shift}`, stretch);
    forms.set(`base64url in a blob at offset ${shift}`, stretch.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  for (const user of users) {
    const pair = Buffer.from(`${user}:${value}`, 'utf8');
    forms.set(`Basic base64(${user}:secret)`, b64(pair));
    forms.set(`Basic base64url(${user}:secret)`, unpadded(b64url(pair)));
  }
  if (canary.bytes) {
    forms.set('key bytes hex', canary.bytes.toString('hex'));
    forms.set('key bytes base64url', unpadded(b64url(canary.bytes)));
  }
  // Any 8-character piece of the secret, raw or JSON-escaped (a partial leak is a leak).
  if (canary.pieces === false) return forms;
  for (const [label, text] of [
    ['raw', value],
    ['json-escaped', JSON.stringify(value).slice(1, -1)],
  ] as const)
    for (let at = 0; at + 8 <= text.length; at++) forms.set(`8 characters at ${at} (${label})`, text.slice(at, at + 8));
  return forms;
}

export interface Sink {
  name: string;
  text: string;
}

export interface Hit {
  sink: string;
  canary: string;
  form: string;
}

/** Collects everything that may be shown, printed, logged or written, for one scan at the end. */
export class Sinks {
  readonly all: Sink[] = [];

  add(name: string, value: unknown): void {
    this.all.push({ name, text: typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)) });
  }

  get bytes(): number {
    return this.all.reduce((n, s) => n + s.text.length, 0);
  }
}

export function scan(sinks: readonly Sink[], canaries: readonly Canary[]): Hit[] {
  const hits: Hit[] = [];
  for (const canary of canaries)
    for (const [form, pattern] of formsOf(canary))
      for (const sink of sinks) if (sink.text.includes(pattern)) hits.push({ sink: sink.name, canary: canary.name, form });
  return hits;
}

/** Every regular file under `dir`, recursively, with its content (binary files as latin1 so any byte can match). */
export function filesUnder(dir: string): Sink[] {
  const out: Sink[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile() && statSync(path).size < 64 * 1024 * 1024) {
      const buffer = readFileSync(path);
      out.push({ name: `file ${path}`, text: `${buffer.toString('utf8')}\n${buffer.toString('latin1')}` });
    }
  }
  return out;
}
