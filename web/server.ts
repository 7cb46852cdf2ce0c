// Browser mode: the same renderer and the same engine behind the same contract, over HTTP on 127.0.0.1.
// A session cookie, got once for the single-use launch token (launch-sessions.ts), guards every API call; a foreign
// Host (DNS rebinding) or Origin is refused; only JSON bodies; no CORS at all.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppProtocolHandler } from '../core/app-assets';
import type { ComposedEngine } from '../core/composition';
import { dispatch } from '../core/engine';
import { loopbackGuard } from '../core/loopback-guard';
import { APP_CSP } from '../shared/csp';
import type { Result } from '../shared/errors';
import { LaunchSessions, NONCE, proofOf, type Session } from './launch-sessions';

const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface WebServerOptions {
  engine: ComposedEngine;
  rendererDir: string;
  port?: number;
}

export interface WebServer {
  url: string;
  /** The first address to open, with a single-use launch token. */
  launchUrl: string;
  /** Another single-use launch address, for a new tab or browser (the terminal offers one on Enter). */
  newLaunchUrl(): string;
  /** The name of the session cookie, which holds the port: cookies are shared by every port of a host. */
  cookieName: string;
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

const isJson = (req: IncomingMessage) => String(req.headers['content-type'] ?? '').startsWith('application/json');

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

/** Reads a JSON body, or answers 400 and gives undefined. */
async function jsonBody(req: IncomingMessage, res: ServerResponse): Promise<{ input: unknown } | undefined> {
  try {
    return { input: await readJson(req) };
  } catch {
    // An oversized body is left unread and its connection dropped; say so, or the client reuses a dead socket.
    if (!req.complete) res.setHeader('connection', 'close');
    refuse(res, 400, 'The request body is not valid JSON (or is larger than 2 MiB).');
    return undefined;
  }
}

export async function startWebServer({ engine, rendererDir, port = 0 }: WebServerOptions): Promise<WebServer> {
  const serveAsset = createAppProtocolHandler(rendererDir);
  let guard = loopbackGuard(port);
  let sessions = new LaunchSessions(port);

  /** POST /launch {launchToken}: spends the token, sets the session cookie, and gives the page its proof key. */
  const launch = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') return refuse(res, 405, 'Use POST.');
    if (!isJson(req)) return refuse(res, 415, 'Send JSON.');
    const body = await jsonBody(req, res);
    if (!body) return;
    const given = (body.input as { launchToken?: unknown } | null)?.launchToken;
    const session = typeof given === 'string' ? sessions.exchange(given) : undefined;
    if (!session)
      return refuse(
        res,
        401,
        'This launch address was already used or is not from this run of Sinch Keys. Press Enter in the terminal running it for a fresh one.',
      );
    res.setHeader('set-cookie', sessions.setCookie(session));
    return send(res, 200, { ok: true, value: { proofKey: session.proofKey } } satisfies Result<{ proofKey: string }>);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refusal = guard.check(req.headers);
    if (refusal) return refuse(res, refusal.status, refusal.message);
    const url = parseTarget(req.url);
    if (!url) return refuse(res, 400, 'The request target is not a path.');

    if (url.pathname === '/launch') return launch(req, res);
    if (url.pathname.startsWith('/api/')) {
      // The cookie is the only credential: no token in a header or a query string, where logs and history keep it.
      const session = sessions.fromCookie(req.headers.cookie);
      if (!session) return refuse(res, 401, 'This page has no session with this run of Sinch Keys. Open a fresh launch address.');
      if (url.pathname === '/api/hello' && req.method === 'GET') return hello(res, session, url);
      if (url.pathname === '/api/events' && req.method === 'GET') return streamEvents(res, engine, session, url);
      if (req.method !== 'POST') return refuse(res, 405, 'Use POST.');
      // A JSON content type cannot be sent by a plain HTML form, which closes the cross-site form-post path too.
      if (!isJson(req)) return refuse(res, 415, 'Send JSON.');
      const body = await jsonBody(req, res);
      if (!body) return;
      return send(res, 200, await dispatch(engine.handlers, url.pathname.slice('/api/'.length), body.input));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
    const asset = await serveAsset(new Request(`app://sinch-keys${url.pathname}`, { method: req.method }));
    res.writeHead(asset.status, { ...SECURITY_HEADERS, ...Object.fromEntries(asset.headers) });
    res.end(req.method === 'HEAD' ? undefined : Buffer.from(await asset.arrayBuffer()));
  };

  // No request can crash the server: an error anywhere in a handler becomes a 500, or a dropped connection when the
  // answer had already begun, and never reaches the event loop (one unhandled rejection would end the process).
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      engine.errorLog.report(`browser mode ${req.method} ${parseTarget(req.url)?.pathname ?? '(bad target)'}`, err);
      if (res.headersSent) res.destroy();
      else refuse(res, 500, 'The request could not be handled.');
    });
  });

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as AddressInfo).port;
  guard = loopbackGuard(actualPort);
  sessions = new LaunchSessions(actualPort);
  const base = `http://127.0.0.1:${actualPort}`;
  const newLaunchUrl = () => `${base}/?launch=${sessions.issue()}`;
  return {
    url: base,
    launchUrl: newLaunchUrl(),
    newLaunchUrl,
    cookieName: sessions.cookieName,
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

/** The page's check before each call: its nonce signed with the session's proof key (renderer/api/server-link.ts). */
function hello(res: ServerResponse, session: Session, url: URL): void {
  const nonce = url.searchParams.get('nonce') ?? '';
  if (!NONCE.test(nonce)) refuse(res, 400, 'The hello needs a nonce for the server to sign.');
  else send(res, 200, { ok: true, value: { proof: proofOf(session.proofKey, nonce) } } satisfies Result<{ proof: string }>);
}

/**
 * Server-Sent Events carrying token changes and changes of the settings file by other processes, the browser twin
 * of the preload's onTokenChanged and onSettingsChanged. The first event,
 * `hello`, proves this server holds the session's proof key by signing the page's nonce; the page sends nothing
 * until it has checked it.
 */
function streamEvents(res: ServerResponse, engine: ComposedEngine, session: Session, url: URL): void {
  const nonce = url.searchParams.get('nonce') ?? '';
  if (!NONCE.test(nonce)) {
    refuse(res, 400, 'The event stream needs a nonce for the server to sign.');
    return;
  }
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', connection: 'keep-alive' });
  res.write(`event: hello\ndata: ${JSON.stringify({ proof: proofOf(session.proofKey, nonce) })}\n\n`);
  const unsubscribe = [
    engine.tokens.subscribe((change) => res.write(`event: token.changed\ndata: ${JSON.stringify(change)}\n\n`)),
    engine.settings.watch(() => res.write('event: settings.changed\ndata: {}\n\n')),
  ];
  res.on('close', () => {
    for (const stop of unsubscribe) stop();
  });
}
