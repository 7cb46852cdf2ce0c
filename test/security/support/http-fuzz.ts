// The HTTP requests browser mode is fuzzed with: malformed requests on every contract route (and the same under wrong
// content types, bad JSON and unicode headers), then everything around the contract — unknown routes, wrong methods,
// and bad session cookies, Hosts and Origins on otherwise valid requests. Generated lazily, so big bodies exist one at a time.
import fc from 'fast-check';
import type { Operation } from '../../../shared/contract';
import { OPERATION_NAMES } from '../../../shared/operations';
import { type HttpRequest, utf8Header } from './http';
import { malformedRequest } from './malformed';
import { edgeString } from './malformed-values';

/** The server under test: where it listens and the session cookie a launched page holds (`name=value`). */
export interface Door {
  url: string;
  cookie: string;
}

const headersWith = (door: Door, extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  cookie: door.cookie,
  ...extra,
});
const bodyOf = (request: unknown) => JSON.stringify(request) ?? '';
export const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};
/** Percent-encoded for a path; a lone surrogate travels as U+FFFD, as a browser would send it. */
const inPath = (s: string) => encodeURIComponent(Buffer.from(s, 'utf8').toString('utf8'));
// A header value cannot hold control characters on the wire (the HTTP parser would refuse the request, not us), and
// node:http replaces an empty Host with its own, so values are non-empty.
const unicodeValue = fc
  .oneof(edgeString, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }))
  .map((s) => utf8Header(s.replace(/\p{Cc}/gu, '')))
  .filter((s) => s.trim() !== '');

const someOp = fc.constantFrom(...OPERATION_NAMES);
const malformedBody = someOp.chain((op) => malformedRequest(op, 'json').map((request) => ({ op, request })));
const contentType = fc.oneof(
  fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'APPLICATION/JSON'),
  fc.constantFrom('', ' application/json', 'application/jso', 'json', 'application/json; charset=utf-16'),
  unicodeValue,
);
const badJson = fc.oneof(
  edgeString,
  fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
  fc.constantFrom('{', '{"profileId":', '{"a":1,}', "{'a':1}", 'NaN', '[1,]', '\ufeff{}', '{"a":"\\x"}', 'undefined'),
  fc.jsonValue().map((v) => `${JSON.stringify(v)}}`),
);

/** POST /api/<operation>: malformed requests per operation, then the same under wrong content types and odd headers. */
export function* contractRoutes(door: Door, perOperation: number): Generator<HttpRequest> {
  for (const op of OPERATION_NAMES)
    for (const request of fc.sample(malformedRequest(op, 'json'), perOperation))
      yield { path: `/api/${op}`, headers: headersWith(door), body: bodyOf(request) };
  for (const [{ op, request }, type] of fc.sample(fc.tuple(malformedBody, contentType), 1200))
    yield { path: `/api/${op}`, headers: headersWith(door, { 'content-type': type }), body: bodyOf(request) };
  for (const [op, text] of fc.sample(
    fc.tuple(
      someOp,
      badJson.filter((t) => t !== '' && !isJson(t)),
    ),
    1200,
  ))
    yield { path: `/api/${op}`, headers: headersWith(door), body: text };
  for (const [{ op, request }, name, value] of fc.sample(fc.tuple(malformedBody, edgeString, unicodeValue), 1000))
    yield {
      path: `/api/${op}`,
      headers: headersWith(door, { [`x-${Buffer.from(name).toString('hex')}`]: value }),
      body: bodyOf(request),
    };
  yield { path: '/api/profiles.get', headers: headersWith(door), body: Buffer.from([0xff, 0xfe, 0x7b, 0xc3]) };
}

/** Everything around the contract: unknown routes, wrong methods, and bad cookies, hosts and origins on valid requests. */
export function* guardedRoutes(door: Door): Generator<HttpRequest> {
  const { port } = new URL(door.url);
  const valid = fc.constantFrom(
    { op: 'profiles.list', body: '{}' },
    { op: 'app.info', body: '{}' },
    { op: 'profiles.get', body: '{"profileId":"p1"}' },
  );
  const isOperationPath = (path: string) =>
    OPERATION_NAMES.includes(new URL(path, door.url).pathname.slice('/api/'.length) as Operation);
  const name = fc.oneof(
    edgeString.map(inPath),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'events', '', '..%2fapp.info', 'app.info%00', 'APP.INFO'),
    fc.tuple(someOp, edgeString).map(([op, s]) => `${op}${inPath(s)}`),
  );
  for (const path of fc.sample(
    name.map((n) => `/api/${n}`).filter((p) => !isOperationPath(p)),
    6000,
  ))
    yield { path, headers: headersWith(door), body: '{}' };
  const method = fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');
  for (const [m, { op, body }] of fc.sample(fc.tuple(method, valid), 1000))
    yield { method: m, path: `/api/${op}`, headers: headersWith(door), body };
  const [cookieName, value] = door.cookie.split('=') as [string, string];
  const cookie = fc.oneof(
    fc.constant(undefined),
    unicodeValue,
    unicodeValue.map((v) => `${cookieName}=${v}`),
    fc.constantFrom(
      '',
      `${cookieName}=`,
      `${cookieName}=${value.slice(1)}`,
      `${cookieName}=${value.slice(0, -1)}`,
      `${cookieName}=${value}x`,
    ),
    fc.constantFrom(
      `${cookieName}=${value.toUpperCase()}`,
      `${cookieName}=${value.slice(0, 8)}`,
      `${cookieName}x=${value}`,
      `x-token=${value}`,
    ),
  );
  for (const [c, { op, body }] of fc.sample(fc.tuple(cookie, valid), 2000)) {
    const { cookie: _right, ...headers } = headersWith(door);
    yield { path: `/api/${op}`, headers: c === undefined ? headers : { ...headers, cookie: c }, body };
  }
  const foreign = fc.oneof(
    fc.tuple(fc.constant('host'), fc.oneof(unicodeValue, fc.constantFrom('evil.example', `evil.example:${port}`, 'localhost'))),
    fc.tuple(
      fc.constant('origin'),
      fc.oneof(unicodeValue, fc.constantFrom('null', 'http://evil.example', `https://127.0.0.1:${port}`)),
    ),
  );
  for (const [[header, value], { op, body }] of fc.sample(fc.tuple(foreign, valid), 1000))
    yield { path: `/api/${op}`, headers: headersWith(door, { [header]: value }), body };
}
