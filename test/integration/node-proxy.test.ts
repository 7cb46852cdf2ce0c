// The CLI and browser mode behind a corporate proxy: HTTPS_PROXY sends requests through a CONNECT tunnel, NO_PROXY
// exempts hosts, NODE_EXTRA_CA_CERTS makes a private root trusted (what a TLS-inspecting proxy needs), and a
// certificate failure says which variable to set. The proxy is a small CONNECT proxy on 127.0.0.1, the "API" an
// HTTPS server with a certificate of its own; each request runs in a fresh process with the environment under test.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let cert: string;
let api: Server;
let proxy: Server;
let tunnels: string[];
const port = (server: Server) => (server.address() as AddressInfo).port;
const listen = (server: Server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const close = (server: Server) => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sinch-keys-proxy-'));
  const key = join(dir, 'key.pem');
  cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'],
    { stdio: 'ignore' },
  );
  api = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => res.end('pong'));
  proxy = createHttpServer((_req, res) => res.writeHead(405).end());
  // A CONNECT proxy: records each tunnel's target and pipes bytes both ways, as a corporate proxy would.
  proxy.on('connect', (req, client) => {
    tunnels.push(req.url ?? '');
    const [host, targetPort] = (req.url ?? '').split(':');
    const upstream = connect(Number(targetPort), host === 'localhost' ? '127.0.0.1' : (host ?? ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await Promise.all([listen(api), listen(proxy)]);
});

afterAll(async () => {
  await Promise.all([close(api), close(proxy)]);
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  tunnels = [];
});

type Probe = { status: number; body: string } | { failure: string; message: string; hint: string };

/** One request from a fresh process whose environment holds only PATH/HOME and the given variables. */
function probe(env: Record<string, string>): Promise<Probe> {
  return new Promise((resolve, reject) =>
    execFile(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['test/support/fetch-probe.ts', `https://localhost:${port(api)}/ping`],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, timeout: 15_000 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout))),
    ),
  );
}

describe('the CLI and browser mode behind a proxy', async () => {
  it('tunnel through HTTPS_PROXY and trust the root in NODE_EXTRA_CA_CERTS', async () => {
    const proxyUrl = `http://127.0.0.1:${port(proxy)}`;
    expect(await probe({ HTTPS_PROXY: proxyUrl, NODE_EXTRA_CA_CERTS: cert })).toEqual({ status: 200, body: 'pong' });
    expect(tunnels).toEqual([`localhost:${port(api)}`]);
  });

  it('read the lower-case https_proxy too, as curl does', async () => {
    const proxyUrl = `http://127.0.0.1:${port(proxy)}`;
    expect(await probe({ https_proxy: proxyUrl, NODE_EXTRA_CA_CERTS: cert })).toEqual({ status: 200, body: 'pong' });
    expect(tunnels).toHaveLength(1);
  });

  it('go straight to a host listed in NO_PROXY', async () => {
    const proxyUrl = `http://127.0.0.1:${port(proxy)}`;
    expect(await probe({ HTTPS_PROXY: proxyUrl, NO_PROXY: 'localhost', NODE_EXTRA_CA_CERTS: cert })).toEqual({
      status: 200,
      body: 'pong',
    });
    expect(tunnels).toEqual([]);
  });

  it('name NODE_EXTRA_CA_CERTS when a certificate is not trusted', async () => {
    const result = await probe({ HTTPS_PROXY: `http://127.0.0.1:${port(proxy)}` });
    expect(result).toMatchObject({ failure: 'tls' });
    expect('hint' in result && result.hint).toContain('set NODE_EXTRA_CA_CERTS');
    expect(tunnels).toHaveLength(1);
  });

  it('say the proxy did not connect when it refuses the tunnel, and name HTTPS_PROXY', async () => {
    const refusing = createHttpServer();
    refusing.on('connect', (_req, client) => client.end('HTTP/1.1 403 Forbidden\r\n\r\n'));
    await listen(refusing);
    try {
      const result = await probe({ HTTPS_PROXY: `http://127.0.0.1:${port(refusing)}`, NODE_EXTRA_CA_CERTS: cert });
      expect(result).toMatchObject({ failure: 'other' });
      expect('hint' in result && result.hint).toContain('HTTPS_PROXY');
    } finally {
      await close(refusing);
    }
  });
});
