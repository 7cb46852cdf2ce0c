// `sinch-keys proxy <profile>`: a local HTTP door for tools that only speak HTTP (Postman, scripts, agents). It
// listens on 127.0.0.1 and forwards /<product>/<path> to that product's host with the profile's auth added — through
// the same gateway as the MCP server, so the same policy, rate limit, audit and redaction apply. A per-launch token
// (header) keeps other local users and web pages out; Host and Origin are checked as in browser mode.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { auditLogFor } from '../core/agent-service';
import type { ComposedEngine } from '../core/composition';
import { type LoopbackGuard, loopbackGuard } from '../core/loopback-guard';
import type { ProxyHandle } from '../shared/agent';
import { PRODUCT_IDS, type ProductId } from '../shared/catalog';
import { secretsEqual } from '../shared/constant-time';
import { AppError, type AppErrorData, type ErrorCode, toErrorData } from '../shared/errors';
import { createGateway } from './gateway';

export const PROXY_TOKEN_HEADER = 'x-sinch-keys-token';
const MAX_BODY_BYTES = 1024 * 1024;
/** Hop-by-hop and framing headers are the proxy's own business, never copied from the upstream answer. */
const NOT_FORWARDED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);

export interface ProxyOptions {
  engine: ComposedEngine;
  /** The profile every request goes out with. */
  profile: string;
  port?: number;
  token?: string;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  AGENT_REFUSED: 403,
  HOST_NOT_ALLOWED: 403,
  WRONG_CREDENTIAL_KIND: 400,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  NETWORK: 502,
  TIMEOUT: 504,
};

function sendError(res: ServerResponse, error: AppErrorData, status = STATUS[error.code] ?? 500): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error }));
}

class TooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `/numbers/v1/projects/…?x=1` → the product and the path (with its query) on the product's host. */
function routeOf(rawUrl: string): { product: ProductId; path: string } | undefined {
  const match = /^\/([A-Za-z]+)(\/[^#]*)$/.exec(rawUrl);
  const product = match?.[1] as ProductId | undefined;
  if (!match || !product || !PRODUCT_IDS.includes(product)) return undefined;
  return { product, path: match[2] as string };
}

export async function startProxy(options: ProxyOptions): Promise<ProxyHandle> {
  const { engine, profile } = options;
  const token = options.token ?? randomBytes(32).toString('base64url');
  let guard: LoopbackGuard | undefined;
  const audit = auditLogFor(engine.settings);
  const gateway = createGateway({
    engine,
    audit,
    door: 'proxy',
    client: () => ({ name: 'proxy', version: '' }),
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const refusal = guard?.check({ host: req.headers.host, origin: req.headers.origin });
    if (!guard || refusal)
      return sendError(res, { code: 'UNAUTHORIZED', message: refusal?.message ?? 'Not ready.' }, refusal?.status);
    const given = req.headers[PROXY_TOKEN_HEADER];
    if (!secretsEqual(typeof given === 'string' ? given : undefined, token))
      return sendError(res, {
        code: 'UNAUTHORIZED',
        message: `Missing or wrong ${PROXY_TOKEN_HEADER} header.`,
        hint: 'Use the token `sinch-keys proxy` printed when it started.',
      });
    const route = routeOf(req.url ?? '');
    if (!route)
      return sendError(res, {
        code: 'NOT_FOUND',
        message: 'Address requests as /<product>/<path>, e.g. /numbers/v1/projects/{projectId}/activeNumbers.',
        hint: `Products: ${PRODUCT_IDS.join(', ')}.`,
      });
    let body: string;
    try {
      body = await readBody(req);
    } catch (err) {
      if (!req.complete) res.setHeader('connection', 'close');
      if (err instanceof TooLarge)
        return sendError(res, { code: 'VALIDATION', message: 'The request body is larger than 1 MiB.' }, 413);
      throw err;
    }
    const userAgent = req.headers['user-agent'];
    const contentType = req.headers['content-type'];
    const answer = await gateway.request(
      'proxy',
      {
        profile,
        product: route.product,
        method: req.method ?? 'GET',
        path: route.path,
        ...(body ? { body } : {}),
        ...(typeof contentType === 'string' ? { contentType } : {}),
      },
      { name: 'proxy', version: typeof userAgent === 'string' ? userAgent : '' },
    );
    const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !NOT_FORWARDED.has(name)));
    res.writeHead(answer.status ?? 502, { ...headers, ...(answer.truncated ? { 'x-sinch-keys-truncated': 'true' } : {}) });
    res.end(req.method === 'HEAD' ? undefined : answer.body);
  };

  // No request can crash the proxy: every failure becomes an error answer in the envelope the other doors use.
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => sendError(res, toErrorData(err)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new AppError(
          'VALIDATION',
          `The proxy cannot listen on 127.0.0.1:${options.port}: ${err.code ?? 'listen error'}.`,
          'Choose another --port, or leave it out to take any free port.',
        ),
      ),
    );
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  guard = loopbackGuard(port);
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          audit.close();
          resolve();
        });
      }),
  };
}
