// A small HTTP/1.1 client for browser mode's server on 127.0.0.1: node:http rather than fetch, so a test can send
// any method, content type, body bytes and header value (unicode goes on the wire as its UTF-8 bytes).
import { Agent, type IncomingHttpHeaders, request } from 'node:http';

export interface HttpRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** node:http refuses characters above U+00FF in a header; their UTF-8 bytes, spelled as latin1, go through as sent. */
export const utf8Header = (value: string): string => Buffer.from(value, 'utf8').toString('latin1');

export interface HttpClient {
  send(req: HttpRequest): Promise<HttpReply>;
  close(): void;
}

/** Keep-alive connections, so thousands of requests reuse a few sockets; `fresh` opens one per request. */
export function httpClient(baseUrl: string, options: { fresh?: boolean } = {}): HttpClient {
  const { hostname, port } = new URL(baseUrl);
  const agent = options.fresh ? undefined : new Agent({ keepAlive: true, maxSockets: 16 });
  return {
    send: ({ method = 'POST', path, headers = {}, body }) =>
      new Promise((resolve, reject) => {
        let replied = false;
        // node:http frames a GET/OPTIONS/DELETE body with no length at all unless told, which would garble the connection.
        const framed = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
        const req = request({ host: hostname, port, path, method, headers: framed, agent: agent ?? false }, (res) => {
          replied = true;
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        });
        // A server that answers before reading a whole oversized body may close while we still write; the answer counts.
        req.on('error', (err) => {
          if (!replied) reject(err);
        });
        req.end(body);
      }),
    close: () => agent?.destroy(),
  };
}

/** Runs `task` over `items` (pulled lazily, so large bodies are made only when sent) with at most `concurrency` in flight. */
export async function inPool<T>(items: Iterable<T>, concurrency: number, task: (item: T) => Promise<void>): Promise<number> {
  const iterator = items[Symbol.iterator]();
  let count = 0;
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      count++;
      await task(next.value);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count;
}

/** One contract call as the page makes it, for checking that the server still answers. */
export async function authenticatedCall(
  door: { url: string; cookie: string },
  op: string,
  input: unknown = {},
): Promise<unknown> {
  const reply = await httpClient(door.url, { fresh: true }).send({
    path: `/api/${op}`,
    headers: { 'content-type': 'application/json', cookie: door.cookie },
    body: JSON.stringify(input),
  });
  return JSON.parse(reply.body);
}
