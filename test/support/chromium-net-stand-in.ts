// A stand-in for Electron's net.request (ClientRequest over Chromium's URL loader), built on node:http(s), for
// testing electron/net-fetch.ts where no Electron binary can run. It copies the behaviour the adapter relies on, read
// from Electron's lib/common/api/net-client-request.ts: under `redirect: 'manual'` a 3xx emits 'redirect' (status,
// method, absolute URL, headers as arrays) and the request dies with "Redirect was cancelled" unless the listener
// follows or aborts it; abort() emits no error; failures are Error('net::ERR_…'). What it cannot show: Chromium's own
// proxy resolution and trust store — those need the real app.
import { EventEmitter } from 'node:events';
import { request as httpRequest, type IncomingMessage, type ClientRequest as NodeRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ClientRequest } from 'electron';
import type { NetRequest } from '../../electron/net-fetch';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Node's error codes → the Chromium net error a real loader would report for the same failure. */
function chromiumError(err: NodeJS.ErrnoException): Error {
  const code = err.code ?? '';
  const name =
    code === 'ECONNREFUSED'
      ? 'ERR_CONNECTION_REFUSED'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'ERR_NAME_NOT_RESOLVED'
        : code === 'ECONNRESET'
          ? 'ERR_CONNECTION_RESET'
          : /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)
            ? 'ERR_CERT_AUTHORITY_INVALID'
            : 'ERR_FAILED';
  return new Error(`net::${name}`);
}

class StandInClientRequest extends EventEmitter {
  readonly #url: URL;
  readonly #method: string;
  readonly #headers: Record<string, string> = {};
  readonly #chunks: Buffer[] = [];
  #request: NodeRequest | undefined;
  #aborted = false;

  constructor(options: { url?: string; method?: string; redirect?: string }) {
    super();
    if (options.redirect !== 'manual') throw new Error('the stand-in only models redirect: manual');
    this.#url = new URL(options.url ?? '');
    this.#method = options.method ?? 'GET';
  }

  setHeader(name: string, value: string): void {
    this.#headers[name] = value;
  }

  write(chunk: string | Buffer): boolean {
    this.#chunks.push(Buffer.from(chunk));
    return true;
  }

  end(): this {
    const send = this.#url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(this.#url, { method: this.#method, headers: this.#headers }, (res) => this.#answer(res));
    req.on('error', (err) => {
      if (!this.#aborted) this.emit('error', chromiumError(err));
    });
    req.end(Buffer.concat(this.#chunks));
    this.#request = req;
    return this;
  }

  abort(): void {
    this.#aborted = true;
    this.#request?.destroy();
  }

  #answer(res: IncomingMessage): void {
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (REDIRECTS.has(status) && location) {
      const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, ([] as string[]).concat(v ?? [])]));
      res.resume();
      this.emit('redirect', status, this.#method, new URL(location, this.#url).href, headers);
      if (!this.#aborted) {
        this.#request?.destroy();
        this.emit('error', new Error('Redirect was cancelled'));
      }
      return;
    }
    this.emit('response', res);
  }
}

/** Pass to fetchOverNetRequest in place of Electron's net.request. */
export const standInNetRequest: NetRequest = (options) => new StandInClientRequest(options) as unknown as ClientRequest;
