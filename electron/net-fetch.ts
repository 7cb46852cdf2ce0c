// The desktop app's FetchLike: Chromium's network stack through Electron's net.request, so test requests and token
// exchanges use the system's proxy settings and trust store (a TLS-inspecting corporate proxy works) where Node's
// fetch would not. Built on net.request, not net.fetch, because net.fetch's `redirect: 'manual'` rejects with
// "Redirect was cancelled" instead of returning the 3xx: the http-client needs the 3xx and its Location to follow a
// same-origin redirect itself and report a cross-origin one (docs/security-checklist.md#token-client-rules rule 10).
import { Readable } from 'node:stream';
import type { ClientRequest, ClientRequestConstructorOptions, IncomingMessage } from 'electron';
import type { FetchLike } from '../core/ports';

export type NetRequest = (options: ClientRequestConstructorOptions) => ClientRequest;

/** Statuses whose Response must have no body (the Response constructor throws otherwise). */
const NULL_BODY = new Set([101, 204, 205, 304]);

/** Chromium reports failures as `net::ERR_…` messages; the name becomes the error's code for the http-client. */
function netError(err: Error): Error {
  const name = /net::ERR_[A-Z_]+/.exec(err.message)?.[0];
  return Object.assign(new Error(name ?? 'net::ERR_FAILED'), { code: name ?? 'net::ERR_FAILED' });
}

function headersOf(raw: Record<string, string | string[]>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  return headers;
}

function bodyBytes(body: RequestInit['body']): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('The desktop fetch sends string, URLSearchParams or byte bodies only.');
}

export function fetchOverNetRequest(request: NetRequest): FetchLike {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(signal.reason);
      const method = (init.method ?? 'GET').toUpperCase();
      const req = request({
        url: String(input),
        method,
        redirect: 'manual',
        // No cookie jar and no cached HTTP auth: a request carries only the credentials the engine put on it; and
        // no HTTP cache, so no token or API answer is ever written to disk.
        credentials: 'omit',
        useSessionCookies: false,
        cache: 'no-store',
      });
      const settle = { done: false };
      const finish = (outcome: () => void) => {
        if (settle.done) return;
        settle.done = true;
        outcome();
      };
      // Kept after the answer arrives: a timeout must also stop a body that trickles in forever (abort ends it).
      signal?.addEventListener(
        'abort',
        () => {
          req.abort();
          finish(() => reject(signal.reason));
        },
        { once: true },
      );
      // The redirect is never followed here: it is handed back as the 3xx it was, as `redirect: 'manual'` does in Node.
      req.on('redirect', (status: number, _method: string, location: string, headers: Record<string, string[]>) => {
        req.abort();
        const answer = headersOf(headers);
        answer.set('location', location);
        finish(() => resolve(new Response(null, { status, headers: answer })));
      });
      req.on('response', (response: IncomingMessage) => {
        const body =
          NULL_BODY.has(response.statusCode) || method === 'HEAD' ? null : Readable.toWeb(response as unknown as Readable);
        finish(() =>
          resolve(
            new Response(body as ReadableStream | null, {
              status: response.statusCode,
              statusText: response.statusMessage,
              headers: headersOf(response.headers),
            }),
          ),
        );
      });
      req.on('error', (err: Error) => finish(() => reject(netError(err))));
      try {
        for (const [name, value] of new Headers(init.headers)) req.setHeader(name, value);
        const body = bodyBytes(init.body);
        if (body !== undefined) req.write(body);
        req.end();
      } catch (err) {
        req.abort();
        finish(() => reject(err));
      }
    });
}
