// The app:// handler is driven with real files in a temp folder. Electron itself cannot run here, so only its
// `protocol` object is replaced by a fake that records what gets registered (vi.mock is hoisted above the imports).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentTypeFor, createAppProtocolHandler, resolveAppAsset } from '../../core/app-assets';
import { handleAppProtocol, registerAppScheme } from '../../electron/app-protocol';
import { APP_CSP } from '../../shared/csp';

const electron = vi.hoisted(() => ({
  schemes: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
}));

vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.schemes.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => electron.handlers.set(scheme, handler),
  },
}));

const CANARY = 'canary-secret-9f1b7c';
let sandbox: string;
let root: string;

beforeAll(() => {
  sandbox = mkdtempSync(path.join(tmpdir(), 'sinch-keys-app-protocol-'));
  root = path.join(sandbox, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Sinch Keys</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'My Icon.svg'), '<svg/>');
  // Files beside and above the renderer folder that no request may ever read.
  writeFileSync(path.join(sandbox, 'secret.txt'), CANARY);
  writeFileSync(path.join(sandbox, '.env'), `SINCH_KEY_SECRET=${CANARY}`);
});

afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

describe('resolveAppAsset', () => {
  it.each([
    ['app://sinch-keys/', 'index.html'],
    ['app://sinch-keys', 'index.html'],
    ['app://sinch-keys/index.html', 'index.html'],
    ['app://sinch-keys/assets/app.js', 'assets/app.js'],
    ['app://sinch-keys/assets/app.js?v=3#map', 'assets/app.js'],
    ['app://sinch-keys/assets/My%20Icon.svg', 'assets/My Icon.svg'],
    ['app://sinch-keys/profiles/42', 'index.html'],
    ['app://sinch-keys/profiles/42/', 'index.html'],
    ['app://sinch-keys/../assets/app.js', 'assets/app.js'],
  ])('%s is served from %s', (url, file) => {
    expect(resolveAppAsset(url, root)).toBe(path.join(root, file));
  });

  it.each([
    'app://sinch-keys/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://sinch-keys/..%2fsecret.txt',
    'app://sinch-keys/..%2F..%2Fsecret.txt',
    'app://sinch-keys/%2e%2e%5csecret.txt',
    'app://sinch-keys/assets/..%5c..%5csecret.txt',
    'app://sinch-keys/..\\secret.txt',
    'app://sinch-keys/%2fetc%2fpasswd',
    'app://sinch-keys/assets%2fapp.js',
    'app://sinch-keys/assets%5Capp.js',
    'app://sinch-keys//etc/passwd',
    'app://sinch-keys/C:/Windows/win.ini',
    'app://sinch-keys/C%3a/Windows/win.ini',
    'app://sinch-keys/index.html%00.js',
    'app://sinch-keys/%00',
    'app://sinch-keys/.env',
    'app://sinch-keys/assets/app.js.',
    'app://sinch-keys/assets/app.js%20',
    'app://sinch-keys/index.html::$DATA',
    'app://sinch-keys/%E0%A4%A',
    'app://sinch-keys/..%2e/secret.txt',
    'app://evil/index.html',
    'app://sinch-keys.evil/index.html',
    'app://sinch-keys@evil/index.html',
    'app://sinch-keys:8080/index.html',
    'file:///etc/passwd',
    'https://dashboard.sinch.com/index.html',
  ])('%s is refused', (url) => {
    expect(resolveAppAsset(url, root)).toBeNull();
  });

  it('never resolves outside the renderer folder, whatever the URL parser does with dots', () => {
    const attempts = [
      'app://sinch-keys/../secret.txt',
      'app://sinch-keys/%2e%2e/secret.txt',
      'app://sinch-keys/%2E%2E/%2E%2E/secret.txt',
      'app://sinch-keys/assets/../../../secret.txt',
      'app://sinch-keys/.%2e/secret.txt',
      'app://sinch-keys/%252e%252e%252fsecret.txt',
    ];
    for (const url of attempts) {
      const file = resolveAppAsset(url, root);
      expect(file === null || file.startsWith(root + path.sep)).toBe(true);
    }
  });
});

describe('the app:// request handler', () => {
  const get = (url: string, method = 'GET') => createAppProtocolHandler(root)(new Request(url, { method }));

  it('serves a script with its content type, the CSP and nosniff', async () => {
    const response = await get('app://sinch-keys/assets/app.js');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1);');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a client-side route with index.html as HTML', async () => {
    const response = await get('app://sinch-keys/profiles/42');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>Sinch Keys</title>');
  });

  it('answers 404 with the CSP for a missing asset and for a refused path', async () => {
    for (const url of ['app://sinch-keys/assets/missing.js', 'app://sinch-keys/..%2fsecret.txt', 'app://evil/index.html']) {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(APP_CSP);
    }
  });

  it('answers 404, not a crash, when an asset name is a folder', async () => {
    mkdirSync(path.join(root, 'assets', 'chunk.v2'), { recursive: true });
    expect((await get('app://sinch-keys/assets/chunk.v2')).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD, and sends no body for HEAD', async () => {
    expect((await get('app://sinch-keys/index.html', 'POST')).status).toBe(405);
    const head = await get('app://sinch-keys/assets/app.css', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await head.text()).toBe('');
  });

  it('never returns the bytes of a file outside the renderer folder', async () => {
    const urls = [
      'app://sinch-keys/../secret.txt',
      'app://sinch-keys/%2e%2e/secret.txt',
      'app://sinch-keys/..%2fsecret.txt',
      'app://sinch-keys/..%2f.env',
      'app://sinch-keys/assets/%2e%2e%2f%2e%2e%2f.env',
      'app://sinch-keys/%2e%2e%5c.env',
    ];
    for (const url of urls) expect(await (await get(url)).text()).not.toContain(CANARY);
  });

  it('labels unknown extensions as opaque bytes rather than letting the browser guess', () => {
    expect(contentTypeFor('/x/archive.bin')).toBe('application/octet-stream');
    expect(contentTypeFor('/x/Font.WOFF2')).toBe('font/woff2');
  });
});

describe('registering the app scheme with Electron', () => {
  it('grants standard, secure and fetch privileges and nothing that weakens the CSP or CORS', () => {
    registerAppScheme();
    expect(electron.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves the renderer folder through protocol.handle on the app scheme', async () => {
    handleAppProtocol(root);
    const handler = electron.handlers.get('app');
    expect(handler).toBeDefined();
    const response = await handler?.(new Request('app://sinch-keys/'));
    expect(response?.status).toBe(200);
    expect(await response?.text()).toContain('Sinch Keys');
  });
});
