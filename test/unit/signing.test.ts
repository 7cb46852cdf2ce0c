// Application-signed requests (docs/protocol.md#signing–docs/protocol.md#signing-paths-and-queries): the worked examples of docs/protocol.md#signing-vectors byte for byte, and
// random agreement with Sinch's official Node SDK as an oracle.
//
// The oracle: @sinch/sdk-client@1.5.0 reads `@sinch/sdk-core/package.json` when it loads (for its User-Agent) but
// does not declare that package, and @sinch/sdk-core@1.5.0 depends on 1.5.0 product packages the registry does not
// serve (docs/protocol.md#how-the-vectors-were-made). So package.json pins @sinch/sdk-core@1.4.0 as a devDependency: a published, resolvable
// release whose product packages (^1.4.0) dedupe onto our single sdk-client@1.5.0. A fresh `npm ci` gives a loadable
// SDK with no copy step, no alias of one package to another and no loader hook; the sdk-core version only changes the
// User-Agent string, which no signature covers.
import { generateAuthorizationHeader, SigningRequest, validateAuthenticationHeader } from '@sinch/sdk-client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basicAuthorization, contentMd5, signApplicationRequest } from '../../core/app-signing';
import { AppError } from '../../shared/errors';
import { buildStringToSign, normalizeHeaders, parseApplicationAuthorization, parseHeaderBlock } from '../../shared/signing';

const DOCS_KEY = '669E367E-6BBA-48AB-AF15-266871C28135';
const DOCS_SECRET = 'BeIukql3pTKJ8RGL5zo0DA==';
const PLUGIN_KEY = 'my-key-id';
const PLUGIN_SECRET = 'bXkta2V5LXNlY3JldA==';

describe('the worked examples of docs/protocol.md#signing-vectors sign byte for byte', () => {
  it('A1: the SDK unit test with a seven-digit .NET timestamp gives p7hUz20o…', () => {
    const signed = signApplicationRequest({
      applicationKey: 'app-key',
      applicationSecret: 'app-secret',
      method: 'POST',
      path: '/webhook',
      contentType: 'application/json; charset=utf-8',
      body: '{"id":"018d2104-aaa-bbbb-1234","price":{"amount":0.0308},"rate":{"amount":0.0}}',
      timestamp: '2024-01-19T09:19:28.9372196Z',
    });
    expect(signed.stringToSign).toBe(
      'POST\nzvgV0+i8tMaEPl5sArRgSg==\napplication/json; charset=utf-8\nx-timestamp:2024-01-19T09:19:28.9372196Z\n/webhook',
    );
    expect(signed.authorization).toBe('Application app-key:p7hUz20oz16Fhfogs4Z0X+VA/Nhuu505I1alXYqwlKw=');
    expect(signed.xTimestamp).toBe('2024-01-19T09:19:28.9372196Z');
  });

  it('A2: the Voice ACE callback example from the docs gives Tg6fMyo8…', () => {
    const signed = signApplicationRequest({
      applicationKey: DOCS_KEY,
      applicationSecret: DOCS_SECRET,
      method: 'POST',
      path: '/sinch/callback/ace',
      contentType: 'application/json',
      body: '{"event":"ace","callid":"822aa4b7-05b4-4d83-87c7-1f835ee0b6f6_257","timestamp":"2014-09-24T10:59:41Z","version":1}',
      timestamp: '2014-09-24T10:59:41Z',
    });
    expect(signed.stringToSign).toBe(
      'POST\nREWF+X220L4/Gw1spXOU7g==\napplication/json\nx-timestamp:2014-09-24T10:59:41Z\n/sinch/callback/ace',
    );
    expect(signed.authorization).toBe(`Application ${DOCS_KEY}:Tg6fMyo8mj9pYfWQ9ssbx3Tc1BNC87IEygAfLbJqZb4=`);
  });

  it('A3: the signed-request docs example signs the resource /v1/sms/+46700000000 (docs/protocol.md#docs-errata errata)', () => {
    const signed = signApplicationRequest({
      applicationKey: DOCS_KEY,
      applicationSecret: 'JViE5vDor0Sw3WllZka15Q==',
      method: 'POST',
      path: '/v1/sms/+46700000000',
      contentType: 'application/json',
      body: '{"message":"Hello world"}',
      timestamp: '2014-06-04T13:41:58Z',
    });
    expect(signed.contentMd5).toBe('jANzQ+rgAHyf1MWQFSwvYw==');
    expect(signed.stringToSign).toBe(
      'POST\njANzQ+rgAHyf1MWQFSwvYw==\napplication/json\nx-timestamp:2014-06-04T13:41:58Z\n/v1/sms/+46700000000',
    );
    expect(signed.authorization).toBe(`Application ${DOCS_KEY}:qDXMwzfaxCRS849c/2R0hg0nphgdHciTo7OdM6MsdnM=`);
  });

  it('B1: a lower-case "post" from the SDK plugin test is signed as POST', () => {
    const signed = signApplicationRequest({
      applicationKey: PLUGIN_KEY,
      applicationSecret: PLUGIN_SECRET,
      method: 'post',
      path: '/path/pathParamValue',
      contentType: 'application/json; charset=UTF-8',
      body: '{"identity":{"type":"number","endpoint":"+33444555666"},"method":"sms"}',
      timestamp: '2023-11-22T09:10:11.999Z',
    });
    expect(signed.contentMd5).toBe('RkD29EocJh6t7zr5QfKM4g==');
    expect(signed.stringToSign.startsWith('POST\n')).toBe(true);
    expect(signed.authorization).toBe('Application my-key-id:QP3OzQZVzRZAEev6DBLvJkgpiqyZPuXYsc7oyjUV0K8=');
  });

  it('B2: a GET with an empty body signs an empty Content-MD5', () => {
    const signed = signApplicationRequest({
      applicationKey: PLUGIN_KEY,
      applicationSecret: PLUGIN_SECRET,
      method: 'get',
      path: '/path/pathParamValue',
      contentType: 'application/json',
      body: '',
      timestamp: '2023-11-22T09:10:11.999Z',
    });
    expect(signed.contentMd5).toBe('');
    expect(signed.stringToSign).toBe('GET\n\napplication/json\nx-timestamp:2023-11-22T09:10:11.999Z\n/path/pathParamValue');
    expect(signed.authorization).toBe('Application my-key-id:nsrLDvP6KVD/dAxb3IfAncdwjPFJVWSrseEFOcZge+A=');
  });
});

describe('building the string to sign', () => {
  const parts = { method: 'get', contentMd5: '', contentType: '', timestamp: '2014-06-04T13:41:58Z' };

  it('a query string and fragment are left out of the signed path', () => {
    expect(buildStringToSign({ ...parts, path: '/calling/v1/callouts?page=2#top' })).toBe(
      'GET\n\n\nx-timestamp:2014-06-04T13:41:58Z\n/calling/v1/callouts',
    );
  });

  it('a pasted callback URL is signed as its path alone', () => {
    expect(buildStringToSign({ ...parts, path: 'https://callbacks.yourdomain.com/sinch/callback/ace?x=1' }).split('\n')[4]).toBe(
      '/sinch/callback/ace',
    );
    expect(buildStringToSign({ ...parts, path: 'https://callbacks.yourdomain.com' }).split('\n')[4]).toBe('/');
  });

  it('a path with unicode and + is signed as given, neither encoded nor decoded', () => {
    expect(buildStringToSign({ ...parts, path: '/v1/sms/+46700000000/ö%20x' }).endsWith('\n/v1/sms/+46700000000/ö%20x')).toBe(
      true,
    );
  });

  it('there is no trailing newline', () => {
    expect(buildStringToSign({ ...parts, path: '/x' }).endsWith('\n')).toBe(false);
  });
});

describe('signing a request', () => {
  it('without a timestamp, the current time is sent in the Node SDK format', () => {
    const before = Date.now();
    const signed = signApplicationRequest({
      applicationKey: DOCS_KEY,
      applicationSecret: DOCS_SECRET,
      method: 'GET',
      path: '/x',
    });
    expect(signed.xTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(signed.xTimestamp)).toBeGreaterThanOrEqual(before - 1);
    expect(signed.stringToSign).toBe(`GET\n\n\nx-timestamp:${signed.xTimestamp}\n/x`);
  });

  it('an empty application key or a secret that is not base64 is refused with words to act on', () => {
    const base = { applicationKey: DOCS_KEY, applicationSecret: DOCS_SECRET, method: 'GET', path: '/x' };
    expect(() => signApplicationRequest({ ...base, applicationKey: ' ' })).toThrow(AppError);
    const error = (() => {
      try {
        signApplicationRequest({ ...base, applicationSecret: '!!!' });
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION');
    expect((error as AppError).message).not.toContain('!!!');
  });

  it('a padded Content-Type is signed trimmed, as every HTTP client sends it, so Sinch accepts the signature', () => {
    const base = { applicationKey: DOCS_KEY, applicationSecret: DOCS_SECRET, method: 'POST', path: '/x', body: '{}' };
    const padded = signApplicationRequest({ ...base, contentType: ' \tapplication/json; charset=utf-8 \r\n' });
    const plain = signApplicationRequest({
      ...base,
      contentType: 'application/json; charset=utf-8',
      timestamp: padded.xTimestamp,
    });
    expect(padded.stringToSign.split('\n')[2]).toBe('application/json; charset=utf-8');
    expect(padded.authorization).toBe(plain.authorization);
  });

  it('a Content-Type no HTTP client could send (a line break or NUL inside) is refused, not signed', () => {
    const base = { applicationKey: DOCS_KEY, applicationSecret: DOCS_SECRET, method: 'POST', path: '/x', body: '{}' };
    for (const contentType of ['application/json\r\nX-Evil: 1', 'text/plain\0', 'text/plain; name=ö€'])
      expect(() => signApplicationRequest({ ...base, contentType })).toThrow(/cannot be sent/);
  });

  it('contentMd5 is empty for an empty body and base64 MD5 of the UTF-8 bytes otherwise', () => {
    expect(contentMd5('')).toBe('');
    expect(contentMd5('{"message":"Hello world"}')).toBe('jANzQ+rgAHyf1MWQFSwvYw==');
  });

  it('Basic authorization encodes key:secret as UTF-8 base64 (docs/protocol.md#token-behaviour)', () => {
    expect(basicAuthorization('KID', 'KSECRET')).toBe('Basic S0lEOktTRUNSRVQ=');
    expect(basicAuthorization('api', 'clé')).toBe(`Basic ${Buffer.from('api:clé', 'utf8').toString('base64')}`);
  });
});

describe('reading pasted headers and the Authorization header', () => {
  it('a pasted block with a request line, mixed case, folding and a body is read up to the blank line', () => {
    const block = [
      'POST /sinch/callback/ace HTTP/1.1',
      'Host: callbacks.example.com',
      'Content-Type:   application/json  ',
      'X-Timestamp: 2014-09-24T10:59:41Z',
      'Authorization: application 669E367E:abc',
      'X-Note: first',
      '  continued',
      'x-dup: 1',
      'X-Dup: 2',
      '',
      '{"event":"ace"}',
    ].join('\r\n');
    expect(parseHeaderBlock(block)).toEqual({
      host: 'callbacks.example.com',
      'content-type': 'application/json',
      'x-timestamp': '2014-09-24T10:59:41Z',
      authorization: 'application 669E367E:abc',
      'x-note': 'first continued',
      'x-dup': ['1', '2'],
    });
    expect(normalizeHeaders(block)['x-dup']).toBe('1');
  });

  it('a line that is not a header is reported by its number only, never its content', () => {
    expect(() => parseHeaderBlock('x-timestamp: 1\nmy-secret-value')).toThrow(/^Line 2 of the pasted headers/);
    expect(() => parseHeaderBlock('x-timestamp: 1\nmy-secret-value')).not.toThrow(/my-secret-value/);
  });

  it('header names are matched case-insensitively and the first of repeated values wins', () => {
    expect(normalizeHeaders({ 'X-Timestamp': 't', Authorization: ['a', 'b'], Missing: undefined })).toEqual({
      'x-timestamp': 't',
      authorization: 'a',
    });
  });

  it('both Application and application schemes are read; Basic and malformed headers say why not', () => {
    expect(parseApplicationAuthorization('application k:s')).toEqual({ ok: true, applicationKey: 'k', signature: 's' });
    expect(parseApplicationAuthorization('Application k:s')).toEqual({ ok: true, applicationKey: 'k', signature: 's' });
    const reasons = ['Basic k:s', 'Bearer abc', 'Application  k:s', 'Application ks', 'Application k:s:t', 'Application :s'].map(
      (header) => {
        const parsed = parseApplicationAuthorization(header);
        return parsed.ok ? 'accepted' : parsed.reason;
      },
    );
    expect(reasons).toEqual([
      'callbackAuthorizationBasic',
      'callbackAuthorizationScheme',
      'callbackAuthorizationMalformed',
      'callbackAuthorizationNoKey',
      'callbackAuthorizationNoKey',
      'callbackAuthorizationNoKey',
    ]);
  });
});

// ---- Random agreement with the official Node SDK ----

type PluginInput = Parameters<ReturnType<SigningRequest['load']>['transform']>[0];

const RUNS = { numRuns: 300 };

const methodArb = fc
  .tuple(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), fc.constantFrom('upper', 'lower', 'title'))
  .map(([verb, style]) =>
    style === 'upper' ? verb : style === 'lower' ? verb.toLowerCase() : verb[0] + verb.slice(1).toLowerCase(),
  );

/** Paths start with '/' and carry no '?' or '#': the SDK signs whatever it is given, we strip a query (docs/protocol.md#signing-paths-and-queries). */
const pathArb = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('+46700000000', 'calling', 'v1', 'ö', '%2B')), {
    maxLength: 5,
  })
  .map((segments) => `/${segments.join('/')}`.replace(/[?#]/g, '_'));

/** Realistic Content-Type values, and odd ones: upper case, quoted or repeated parameters, inner spaces. */
const bareContentTypeArb = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=UTF-8',
    'text/plain',
    '',
    'Application/JSON',
    'multipart/form-data; boundary="----a b"',
    'application/json;charset=utf-8;;  q=1',
  ),
  fc.stringMatching(/^[a-z]{1,10}\/[a-z0-9.+-]{1,15}(; ?charset=[A-Za-z0-9-]{1,10})?$/),
);

/** Values as a user may type or paste them: padded with the whitespace HTTP clients strip (docs/protocol.md#differences-between-the-sdks). */
const contentTypeArb = fc.oneof(
  bareContentTypeArb,
  fc
    .tuple(fc.stringMatching(/^[ \t\r\n]{0,3}$/), bareContentTypeArb, fc.stringMatching(/^[ \t\r\n]{0,3}$/))
    .map(([before, type, after]) => before + type + after),
);

/** The value a Sinch server receives: what `fetch` puts on the wire after its Headers normalise it. */
const onTheWire = (contentType: string) => new Headers({ 'Content-Type': contentType }).get('Content-Type') ?? '';

const bodyArb = fc.oneof(
  fc.constant(''),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.json().map((value) => JSON.stringify(value)),
);

const timestampArb = fc.oneof(
  fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc
    .tuple(fc.date({ noInvalidDate: true, min: new Date(0) }), fc.integer({ min: 0, max: 9_999_999 }))
    .map(([d, ticks]) => `${d.toISOString().slice(0, 19)}.${String(ticks).padStart(7, '0')}Z`),
  // Anything else a sender might put there; HTTP trims the ends of header values, so these are trimmed too.
  fc.string({ unit: 'grapheme-ascii', maxLength: 30 }).map((text) => text.trim()),
);

const keyArb = fc.oneof(
  fc.uuid().map((id) => id.toUpperCase()),
  fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/),
);
const secretArb = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64'));

const requestArb = fc.record({
  applicationKey: keyArb,
  applicationSecret: secretArb,
  method: methodArb,
  path: pathArb,
  contentType: contentTypeArb,
  body: bodyArb,
  timestamp: timestampArb,
});

describe('signing agrees with the official Sinch Node SDK on random requests', () => {
  it('our Authorization equals generateAuthorizationHeader over the Content-Type on the wire for 300 random requests', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const ours = signApplicationRequest(request);
        const sdk = generateAuthorizationHeader(
          request.method.toUpperCase(),
          request.body,
          onTheWire(request.contentType),
          `x-timestamp:${request.timestamp}`,
          request.path,
          request.applicationKey,
          request.applicationSecret,
        );
        expect(ours.authorization).toBe(sdk);
      }),
      RUNS,
    );
  });

  it("our Authorization equals the SDK's SigningRequest plugin, which upper-cases the method itself, for 300 random requests", async () => {
    await fc.assert(
      fc.asyncProperty(requestArb, async (request) => {
        const ours = signApplicationRequest(request);
        const headers = new Headers({ 'Content-Type': request.contentType, 'x-timestamp': ours.xTimestamp });
        // The plugin reads only method, path, body and headers (get/append), which WHATWG Headers provides.
        const options = {
          method: request.method,
          path: request.path,
          body: request.body,
          headers,
          hostname: '',
        } as unknown as PluginInput;
        const transformed = await new SigningRequest(request.applicationKey, request.applicationSecret).load().transform(options);
        expect(transformed.headers.get('Authorization')).toBe(ours.authorization);
      }),
      RUNS,
    );
  });

  it('every request we sign is accepted by validateAuthenticationHeader as the server receives it for 300 random requests', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const ours = signApplicationRequest(request);
        const headers = {
          authorization: ours.authorization,
          'x-timestamp': ours.xTimestamp,
          'content-type': onTheWire(request.contentType),
        };
        expect(
          validateAuthenticationHeader(
            request.applicationKey,
            request.applicationSecret,
            headers,
            request.body,
            request.path,
            request.method,
          ),
        ).toBe(true);
      }),
      RUNS,
    );
  });
});
