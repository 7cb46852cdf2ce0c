// The built renderer's files, answered as app://sinch-keys/… requests (docs/security-checklist.md#electron-checklist item 18): only files inside
// the renderer folder can ever be read. No Electron import, so browser mode serves the UI through the same code.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_CSP } from '../shared/csp';
import { isAppUrl } from '../shared/url-policy';

const INDEX = 'index.html';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

// A segment that is empty, dot-led, or ends in a dot or space could mean "parent" or "same name" to some file
// system (Windows trims trailing dots and spaces); `:` opens drive letters and NTFS streams. Asset names never need them.
const UNSAFE_SEGMENT = /^$|^\.|[.\s]$|[:\\\0]/;
const ENCODED_SEPARATOR = /%2f|%5c/i;

/**
 * Maps an app:// request URL to a file under rootDir, or null when the request must be refused.
 * Paths without an extension are client-side routes and get index.html.
 */
export function resolveAppAsset(requestUrl: string, rootDir: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  const { pathname } = new URL(requestUrl);
  // Asset names never contain an encoded separator; refusing them keeps "a%2f..%2fb" from becoming a path.
  if (ENCODED_SEPARATOR.test(pathname)) return null;
  let decoded: string;
  try {
    // Decoding after the URL parser has removed literal dot segments exposes encoded ones (%2e%2e) to the check below.
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const root = path.resolve(rootDir);
  const index = path.join(root, INDEX);
  const segments = decoded.replace(/^\//, '').split('/');
  // A trailing slash (empty last segment) is a route, not a file.
  if (segments.at(-1) === '') segments.pop();
  if (segments.length === 0) return index;
  if (segments.some((segment) => UNSAFE_SEGMENT.test(segment))) return null;
  if (!segments.at(-1)?.includes('.')) return index;
  const file = path.resolve(root, ...segments);
  // Last line of defence should a platform read some segment differently than the checks above expect.
  const inside = path.relative(root, file);
  return inside !== '' && !inside.startsWith('..') && !path.isAbsolute(inside) ? file : null;
}

function responseHeaders(contentType?: string): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Security-Policy': APP_CSP, 'X-Content-Type-Options': 'nosniff' };
  if (contentType !== undefined) headers['Content-Type'] = contentType;
  return headers;
}

const emptyResponse = (status: number): Response => new Response(null, { status, headers: responseHeaders() });

/** The request handler behind protocol.handle, exported so tests can drive it with real files. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return emptyResponse(405);
    const file = resolveAppAsset(request.url, rootDir);
    if (file === null) return emptyResponse(404);
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return emptyResponse(code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' ? 404 : 500);
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: responseHeaders(contentTypeFor(file)),
    });
  };
}
