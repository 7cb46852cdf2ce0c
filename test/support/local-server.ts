// A throwaway HTTP server on 127.0.0.1 and a port the OS picks; it records every request and closes itself
// when the test ends (afterEach/afterAll call close(), and an unref'd timer stops a forgotten one). Given a key and
// certificate (test/support/test-ca.ts) it speaks HTTPS, as Sinch does.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type RequestListener,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface LocalServer {
  /** Origin such as http://127.0.0.1:40123 (https:// with a certificate) */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export interface ServerCertificate {
  key: string;
  cert: string;
}

// The lifetime is a backstop so a server a test forgot to close still stops by itself. It must outlast the slowest
// file that shares one server across its tests: under load the CLI leak scan alone runs ~150 s, and a 120 s backstop
// closed its fake Sinch mid-file ("refused the connection").
const BACKSTOP_LIFETIME_MS = 600_000;

export async function startLocalServer(
  handler: Handler,
  maxLifetimeMs = BACKSTOP_LIFETIME_MS,
  port = 0,
  tls?: ServerCertificate,
): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];
  const listener: RequestListener = async (req, res) => {
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: await readBody(req),
    };
    requests.push(recorded);
    try {
      await handler(recorded, res);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`test handler failed: ${(err as Error).message}`);
    }
  };
  const server = tls ? createHttpsServer(tls, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  const stopTimer = setTimeout(() => server.close(), maxLifetimeMs);
  stopTimer.unref();
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${actual}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(stopTimer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
