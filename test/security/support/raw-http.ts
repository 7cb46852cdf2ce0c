// Raw HTTP/1.1 requests for browser mode's server, written byte for byte to a socket: malformed request lines
// (targets that are authorities, unparsable URLs, odd methods and versions) and malformed headers (missing, repeated
// or garbage Host, bad framing, folded or overlong lines, control bytes). node:http would refuse to send most of them,
// so they never reach the server that way.
import { connect } from 'node:net';
import fc from 'fast-check';
import { edgeString } from './malformed-values';

const TARGETS = ['//[', '//a:b@[x', '//', '///', '//[::1', '//%5B', 'http://[', 'http://a:b@[x/api/x', '*', '%', '/%zz']
  .concat(['/api/%ff', '/api/%00', '/api/..%2f..%2fetc', '/api/events?token=', '/?token=%', 'http://evil.example/api/x'])
  .concat(['/api/events', '/api/profiles.list', '/api/', '/api', '/index.html', '/../../etc/passwd', '?', '#', ''])
  .concat(['/\\\\evil', '/\u00ff', '/a b', '/\t', `/${'a'.repeat(9000)}`, `//${'['.repeat(100)}`]);
const METHODS = [
  'GET',
  'POST',
  'HEAD',
  'PUT',
  'OPTIONS',
  'CONNECT',
  'TRACE',
  'get',
  'PRI',
  'G E T',
  '',
  'POST\0',
  'X'.repeat(300),
];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.1 extra', 'HTTP/1', 'HTTP/1.1\r', 'http/1.1', ''];
const HEADER_LINES = ['Content-Length: -1', 'Content-Length: 1', 'Content-Length: 99999999999999999999', 'Content-Length: 1, 2']
  .concat([
    'Transfer-Encoding: chunked',
    'Transfer-Encoding: gzip, chunked',
    'Transfer-Encoding: xchunked',
    'Expect: 100-continue',
  ])
  .concat(['Connection: upgrade', 'Upgrade: websocket', 'Content-Type: application/json', 'Origin: null', 'Origin:'])
  .concat(['Cookie: =', 'Cookie: sinch-keys-session', 'Cookie: a=b; a=c', ' folded: line', 'NoColon', ': empty-name'])
  .concat(['X-Sinch-Keys-Token:', 'Host: evil.example', 'Host:', 'bad header: x', 'X: \0', `X-Long: ${'x'.repeat(20_000)}`]);

/** A request head with a valid Host (so the request gets past the parser to our handler) unless told otherwise. */
export function rawRequests(host: string): fc.Arbitrary<string> {
  const target = fc.oneof(
    fc.constantFrom(...TARGETS),
    edgeString.map((s) => `/${s}`),
    fc.tuple(fc.constantFrom('//', '/api/', '/?', 'http://'), edgeString).map(([a, b]) => a + b),
  );
  const header = fc.oneof(
    fc.constantFrom(...HEADER_LINES),
    fc.tuple(edgeString, edgeString).map(([name, value]) => `${name}: ${value}`),
  );
  const hostLine = fc.oneof(
    { weight: 6, arbitrary: fc.constant([`Host: ${host}`]) },
    fc.constant([]),
    fc.constant([`Host: ${host}`, `Host: ${host}`]),
    edgeString.map((h) => [`Host: ${h}`]),
  );
  const body = fc.oneof(fc.constant(''), fc.constantFrom('{}', '0\r\n\r\n', 'zz\r\n', '{"a":'), edgeString);
  return fc
    .record({
      method: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('GET', 'POST') }, fc.constantFrom(...METHODS)),
      target,
      version: fc.oneof({ weight: 4, arbitrary: fc.constant('HTTP/1.1') }, fc.constantFrom(...VERSIONS)),
      hosts: hostLine,
      headers: fc.array(header, { maxLength: 4 }),
      lineEnd: fc.oneof({ weight: 6, arbitrary: fc.constant('\r\n') }, fc.constantFrom('\n', '\r', '\r\r\n')),
      body,
    })
    .map(({ method, target, version, hosts, headers, lineEnd, body }) =>
      [`${method} ${target} ${version}`.trimEnd(), ...hosts, ...headers, 'Connection: close', '', body].join(lineEnd),
    );
}

/**
 * Writes one raw request on its own connection and waits until the server answers and closes, or drops it. Resolves
 * with the status line seen (or '' when none), never rejects: a reset connection is an answer too.
 */
export function sendRaw(port: number, raw: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let head = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(head.split('\r\n')[0] ?? '');
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('connect', () => socket.end(Buffer.from(raw, 'utf8')));
    socket.on('data', (chunk) => {
      if (head.length < 200) head += chunk.toString('latin1');
    });
    socket.on('error', done);
    socket.on('close', done);
  });
}
