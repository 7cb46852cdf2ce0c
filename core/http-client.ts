// The one HTTP client for requests that carry a user's credentials: redirects are never followed by fetch itself
// (docs/security-checklist.md#token-client-rules rule 10), so a credential cannot reach another origin; every call has an explicit timeout
// (rule 8: undici would otherwise wait 300 s) and a capped body; failures become AppErrors a user can act on.
import type { NetworkFailure, RedirectInfo } from '../shared/diagnosis';
import { engineError } from '../shared/engine-text';
import { AppError, type ErrorCode } from '../shared/errors';
import { type Clock, type FetchLike, systemClock } from './ports';

export interface SafeFetchOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
  signal?: AbortSignal;
  maxBodyBytes?: number;
  clock?: Clock;
}

export interface SafeResponse {
  status: number;
  /** Lower-case names; not redacted here (the caller knows which secrets to remove). */
  headers: Record<string, string>;
  bodyText: string;
  truncated: boolean;
  latencyMs: number;
  /** The URL that gave this answer (after same-origin redirects). */
  url: string;
  redirect?: RedirectInfo;
}

/** An AppError that also says what failed below HTTP, so a diagnosis can name DNS, TLS or a refused connection. */
export class RequestFailure extends AppError {
  readonly failure: NetworkFailure;

  constructor(failure: NetworkFailure, code: ErrorCode, message: string, hint?: string) {
    super(code, message, hint);
    this.failure = failure;
  }
}

const MAX_SAME_ORIGIN_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NODE_TLS_CODE =
  /^(CERT_|ERR_TLS_|ERR_SSL_)|^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|HOSTNAME_MISMATCH)$/;
/** Chromium's net error names (net_error_list.h), as the desktop app's fetch reports them (electron/net-fetch.ts). */
const CHROMIUM_TLS_CODE = /^net::ERR_(CERT_|SSL_|BAD_SSL_)/;
const CHROMIUM_DNS_CODES = new Set(['net::ERR_NAME_NOT_RESOLVED', 'net::ERR_NAME_RESOLUTION_FAILED']);
const CHROMIUM_TIMEOUT_CODES = new Set(['net::ERR_TIMED_OUT', 'net::ERR_CONNECTION_TIMED_OUT']);
/** Set by core/node-fetch.ts when a proxy refuses the CONNECT tunnel (undici reports that as an abort). */
export const PROXY_REFUSED = 'PROXY_TUNNEL_REFUSED';
const PROXY_CODES = new Set([
  'net::ERR_PROXY_CONNECTION_FAILED',
  'net::ERR_TUNNEL_CONNECTION_FAILED',
  'net::ERR_PROXY_AUTH_REQUESTED',
  'UND_ERR_PRX_TLS',
  PROXY_REFUSED,
]);

/** undici puts the system error in `err.cause` (sometimes one level deeper); the first string `code` wins. */
export function causeCode(err: unknown): string {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ABORT_ERR') return code;
  }
  return '';
}

/** What fixes a certificate error depends on whose trust store judged it: Chromium uses the system's, Node its own. */
const TLS_HINT = {
  chromium:
    "A proxy or antivirus that inspects HTTPS, or a wrong system clock, usually causes this: add your organisation's root certificate to the system's trust store, or try another network.",
  node: "A proxy or antivirus that inspects HTTPS, or a wrong system clock, usually causes this: set NODE_EXTRA_CA_CERTS to your organisation's root certificate (a PEM file) and start again; behind a proxy, also set HTTPS_PROXY (and NO_PROXY for hosts to reach directly).",
};

/** Maps a transport error to words; the error's own text is never used (it may echo a URL or header). */
export function networkError(err: unknown, url: string): RequestFailure {
  const host = new URL(url).host;
  const code = causeCode(err);
  const chromium = code.startsWith('net::ERR_');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || CHROMIUM_DNS_CODES.has(code))
    return new RequestFailure(
      'dns',
      'NETWORK',
      `Could not resolve host ${host} (DNS lookup failed).`,
      'Check the region/host in the profile, and your internet connection or VPN.',
    );
  if (PROXY_CODES.has(code))
    return new RequestFailure(
      'other',
      'NETWORK',
      `The proxy did not connect to ${host} (${code}).`,
      chromium
        ? "The desktop app uses the system's proxy settings: check them, or ask your IT team for the proxy to use."
        : 'Check HTTPS_PROXY (http://host:port of your proxy) and NO_PROXY, or ask your IT team for the proxy to use.',
    );
  if (code === 'ECONNREFUSED' || code === 'net::ERR_CONNECTION_REFUSED')
    return new RequestFailure(
      'refused',
      'NETWORK',
      `${host} refused the connection.`,
      'Check the host and port; if you use a local proxy, check it is running.',
    );
  if (NODE_TLS_CODE.test(code) || CHROMIUM_TLS_CODE.test(code))
    return new RequestFailure(
      'tls',
      'NETWORK',
      `The TLS connection to ${host} failed (${code}).`,
      chromium ? TLS_HINT.chromium : TLS_HINT.node,
    );
  if ((code.startsWith('UND_ERR_') && code.includes('TIMEOUT')) || CHROMIUM_TIMEOUT_CODES.has(code))
    return new RequestFailure(
      'timeout',
      'TIMEOUT',
      `${host} did not answer in time.`,
      'Check your connection, VPN or proxy, then try again.',
    );
  return new RequestFailure(
    'other',
    'NETWORK',
    `Could not reach ${host}${code ? ` (${code})` : ''}.`,
    'Check your internet connection, proxy or firewall, then try again.',
  );
}

async function readCapped(response: Response, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      size = maxBytes;
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  // A cut can split a multi-byte character; the decoder then ends with U+FFFD rather than failing.
  return { text: new TextDecoder().decode(bytes), truncated };
}

/** RFC 9110 §15.4: 303, and 301/302 after a POST, turn into a GET without a body. */
function redirectedInit(init: RequestInit, status: number): RequestInit {
  const method = (init.method ?? 'GET').toUpperCase();
  if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
    const { body: _body, ...rest } = init;
    return { ...rest, method: method === 'HEAD' ? 'HEAD' : 'GET' };
  }
  return init;
}

/**
 * fetch with `redirect: 'manual'`: up to 5 same-origin redirects are followed with the same credentials; a redirect
 * to any other origin is never followed (no request reaches it) and is reported in `redirect`.
 */
export async function safeFetch(url: string, init: RequestInit = {}, options: SafeFetchOptions = {}): Promise<SafeResponse> {
  if (!URL.canParse(url)) throw engineError('VALIDATION', 'requestUrlInvalid');
  const fetchFn = options.fetch ?? ((input, requestInit) => globalThis.fetch(input, requestInit));
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 30_000;
  // Real time, not the injected clock: a test's fake clock may jump, but a socket waits in real time.
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const started = clock.now();
  let current = url;
  let currentInit = init;
  let redirect: RedirectInfo | undefined;
  try {
    for (let hops = 0; ; hops++) {
      const response = await fetchFn(current, { ...currentInit, redirect: 'manual', signal });
      const location = response.headers.get('location');
      if (REDIRECT_STATUSES.has(response.status) && location !== null && URL.canParse(location, current)) {
        const target = new URL(location, current);
        const crossOrigin = target.origin !== new URL(current).origin;
        if (!crossOrigin && hops < MAX_SAME_ORIGIN_REDIRECTS) {
          await response.body?.cancel().catch(() => undefined);
          redirect = { location: target.href, followed: true, crossOrigin: false };
          current = target.href;
          currentInit = redirectedInit(currentInit, response.status);
          continue;
        }
        redirect = { location: target.href, followed: false, crossOrigin };
      }
      const { text, truncated } = await readCapped(response, options.maxBodyBytes ?? 64 * 1024);
      const result: SafeResponse = {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        bodyText: text,
        truncated,
        latencyMs: clock.now() - started,
        url: current,
      };
      return redirect ? { ...result, redirect } : result;
    }
  } catch (err) {
    if (options.signal?.aborted) throw new RequestFailure('cancelled', 'CANCELLED', 'The request was cancelled.');
    const host = new URL(current).host;
    if (timeout.aborted)
      throw new RequestFailure(
        'timeout',
        'TIMEOUT',
        `${host} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
        'Check your connection, VPN or proxy, then try again.',
      );
    throw networkError(err, current);
  }
}
