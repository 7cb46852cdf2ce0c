// Browser mode: the same renderer and the same engine behind the same contract, over HTTP on 127.0.0.1.
// A per-launch token guards every API call; a foreign Host (DNS rebinding) or Origin is refused; no CORS at all.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppProtocolHandler } from '../core/app-assets';
import type { ComposedEngine } from '../core/composition';
import { dispatch } from '../core/engine';
import { loopbackGuard } from '../core/loopback-guard';
import { secretsEqual } from '../shared/constant-time';
import { APP_CSP } from '../shared/csp';
import type { Result } from '../shared/errors';

export const TOKEN_HEADER = 'x-sinch-keys-token';
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface WebServerOptions {
  engine: ComposedEngine;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface WebServer {
  url: string;
  /** The address to open, with the launch token. */
  launchUrl: string;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'content-security-policy': APP_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

const refuse = (res: ServerResponse, status: number, message: string) =>
  send(res, status, {
    ok: false,
    error: { code: status === 401 || status === 403 || status === 421 ? 'UNAUTHORIZED' : 'VALIDATION', message },
  } satisfies Result<never>);

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : JSON.parse(text);
}

export async function startWebServer({
  engine,
  rendererDir,
  port = 0,
  token = randomBytes(32).toString('base64url'),
}: WebServerOptions): Promise<WebServer> {
  const serveAsset = createAppProtocolHandler(rendererDir);
  let guard = loopbackGuard(port);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refusal = guard.check(req.headers);
    if (refusal) return refuse(res, refusal.status, refusal.message);
    const url = parseTarget(req.url);
    if (!url) return refuse(res, 400, 'The request target is not a path.');

    if (url.pathname.startsWith('/api/')) {
      const given =
        (req.headers[TOKEN_HEADER] as string | undefined) ??
        (url.pathname === '/api/events' ? (url.searchParams.get('token') ?? undefined) : undefined);
      if (!secretsEqual(given, token))
        return refuse(res, 401, 'Missing or wrong launch token. Open the address Sinch Keys printed.');
      if (url.pathname === '/api/events' && req.method === 'GET') return streamEvents(res, engine);
      if (req.method !== 'POST') return refuse(res, 405, 'Use POST.');
      // A JSON content type cannot be sent by a plain HTML form, which closes the cross-site form-post path too.
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'Send JSON.');
      let input: unknown;
      try {
        input = await readJson(req);
      } catch {
        // An oversized body is left unread and its connection dropped; say so, or the client reuses a dead socket.
        if (!req.complete) res.setHeader('connection', 'close');
        return refuse(res, 400, 'The request body is not valid JSON (or is larger than 2 MiB).');
      }
      return send(res, 200, await dispatch(engine.handlers, url.pathname.slice('/api/'.length), input));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
    const asset = await serveAsset(new Request(`app://sinch-keys${url.pathname}`, { method: req.method }));
    res.writeHead(asset.status, { ...SECURITY_HEADERS, ...Object.fromEntries(asset.headers) });
    res.end(req.method === 'HEAD' ? undefined : Buffer.from(await asset.arrayBuffer()));
  };

  // No request can crash the server: an error anywhere in a handler becomes a 500, or a dropped connection when the
  // answer had already begun, and never reaches the event loop (one unhandled rejection would end the process).
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (res.headersSent) res.destroy();
      else refuse(res, 500, 'The request could not be handled.');
    });
  });

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as AddressInfo).port;
  guard = loopbackGuard(actualPort);
  const base = `http://127.0.0.1:${actualPort}`;
  return {
    url: base,
    launchUrl: `${base}/?token=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The path and query of a request target, resolved against a fixed origin: the target is ours to read, never a
 * place to go. `//[` or `//a:b@[x` is an authority that does not parse, so it is refused rather than thrown.
 */
function parseTarget(target: string | undefined): URL | undefined {
  if (!target?.startsWith('/') || target.startsWith('//')) return undefined;
  try {
    return new URL(target, 'http://127.0.0.1');
  } catch {
    return undefined;
  }
}

/** Server-Sent Events carrying token changes, the browser twin of the preload's onTokenChanged. */
function streamEvents(res: ServerResponse, engine: ComposedEngine): void {
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const unsubscribe = engine.tokens.subscribe((keyId, state) =>
    res.write(`event: token.changed\ndata: ${JSON.stringify({ keyId, state })}\n\n`),
  );
  res.on('close', unsubscribe);
}
