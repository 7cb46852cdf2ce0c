import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropPartialSecretAtEnd, REDACTED, redactHeaders, redactorsForBatch, redactSecrets } from '../../shared/redact';

// The forms are computed here with Node's Buffer, independently of the pure implementation under test.
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const formsOf = (secret: string, user: string): string[] => [
  secret,
  b64(secret),
  Buffer.from(secret, 'utf8').toString('base64url'),
  `Basic ${b64(`${user}:${secret}`)}`,
  encodeURIComponent(secret),
  Buffer.from(secret, 'utf8').toString('hex'),
  Buffer.from(secret, 'utf8').toString('hex').toUpperCase(),
  JSON.stringify(secret).slice(1, -1),
];

/** The characters of base64(prefix + secret + suffix) that carry only the secret's bits. */
function secretStretch(prefix: string, secret: string, suffix: string): string {
  const start = Buffer.byteLength(prefix, 'utf8');
  const end = start + Buffer.byteLength(secret, 'utf8');
  const encoded = b64(prefix + secret + suffix);
  const first = Math.ceil((8 * start) / 6);
  const last = Math.floor((8 * end - 6) / 6);
  return encoded.slice(first, last + 1);
}

// A form that begins with the end of "[redacted]" or ends with its start could be rebuilt by the marker itself
// next to ordinary text; no marker can avoid that, so such secrets are left out.
const clashesWithMarker = (form: string) =>
  [...REDACTED].some((_, i) => form.startsWith(REDACTED.slice(i)) || form.endsWith(REDACTED.slice(0, i + 1)));

const secretArb = fc.oneof(
  fc.string({ unit: 'binary', minLength: 8, maxLength: 48 }),
  fc.stringMatching(/^[A-Za-z0-9+/=_-]{8,48}$/),
  fc.string({ unit: 'binary-ascii', minLength: 8, maxLength: 48 }),
);
const noise = fc.string({ unit: 'binary', maxLength: 40 });

describe('redactSecrets', () => {
  it('leaves no form of a secret in text that holds it raw, base64, Basic, URL-encoded, hex or JSON-escaped', () => {
    fc.assert(
      fc.property(
        secretArb,
        fc.string({ unit: 'grapheme-ascii', maxLength: 36 }),
        fc.array(noise, { minLength: 9, maxLength: 9 }),
        (secret, user, gaps) => {
          const forms = formsOf(secret, user);
          fc.pre(!forms.some(clashesWithMarker));
          const text = forms.reduce((acc, form, i) => acc + form + gaps[i + 1], gaps[0] ?? '');
          const out = redactSecrets(text, [secret], [[user, secret]]);
          for (const form of forms) expect(out).not.toContain(form);
        },
      ),
      { numRuns: 1500 },
    );
  });

  // Written out by hand from each encoder's documented defaults, not computed by the code under test.
  const SECRET = 'ab/cd+ef&gh<ij>é😀';
  it.each([
    ['PHP json_encode (\\/ and \\u00e9)', 'ab\\/cd+ef&gh<ij>\\u00e9\\ud83d\\ude00'],
    ['Go encoding/json (\\u0026, \\u003c)', 'ab/cd+ef\\u0026gh\\u003cij\\u003eé😀'],
    ['Python json.dumps (ensure_ascii)', 'ab/cd+ef&gh<ij>\\u00e9\\ud83d\\ude00'],
    ['.NET System.Text.Json (\\u002B, upper-case hex)', 'ab/cd\\u002Bef\\u0026gh\\u003Cij\\u003E\\u00E9\\uD83D\\uDE00'],
    [
      'every character escaped',
      Array.from({ length: SECRET.length }, (_, i) => SECRET.charCodeAt(i))
        .map((c) => `\\u${c.toString(16).padStart(4, '0')}`)
        .join(''),
    ],
  ])('finds a secret a server echoed in JSON as %s', (_style, echoed) => {
    const reply = `{"error":"invalid client","client_secret":"${echoed}"}`;
    // The echo really is the secret once the JSON is read, so whoever reads the reply would see it.
    expect((JSON.parse(reply) as { client_secret: string }).client_secret).toBe(SECRET);
    expect(redactSecrets(reply, [SECRET])).toBe(`{"error":"invalid client","client_secret":"${REDACTED}"}`);
  });

  it('finds a secret inside any base64 blob, such as a Basic header whose user name it was not told', () => {
    fc.assert(
      fc.property(secretArb, noise, noise, (secret, prefix, suffix) => {
        const stretch = secretStretch(prefix, secret, suffix);
        fc.pre(stretch.length >= 8);
        const out = redactSecrets(`Authorization: Basic ${b64(prefix + secret + suffix)}`, [secret]);
        expect(out).not.toContain(stretch);
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps text without secrets exactly as it was', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{12,30}$/), fc.stringMatching(/^[0-9 .,]{0,200}$/), (secret, text) => {
        expect(redactSecrets(text, [secret])).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('replaces overlapping occurrences as one stretch, so no tail of a secret is left behind', () => {
    expect(redactSecrets('key=abababab-abab', ['abababab'])).toBe(`key=${REDACTED}-abab`);
    expect(redactSecrets('xabababababx', ['abababab'])).toBe(`x${REDACTED}x`);
  });

  it('shows the marker where a secret was', () => {
    expect(redactSecrets('{"client_secret":"s3cr3t-v4lue"}', ['s3cr3t-v4lue'])).toBe(`{"client_secret":"${REDACTED}"}`);
  });
});

describe('dropPartialSecretAtEnd', () => {
  it('removes the start of a secret that a size limit cut in two', () => {
    fc.assert(
      fc.property(secretArb, fc.stringMatching(/^[ .,;]{0,40}$/), fc.nat(), (secret, prefix, at) => {
        fc.pre(!clashesWithMarker(secret));
        const cut = 1 + (at % (secret.length - 1));
        const body = `${prefix}${secret}`.slice(0, prefix.length + cut);
        const out = dropPartialSecretAtEnd(redactSecrets(body, [secret]), [secret]);
        // Nothing after the text before the secret survives (the prefix itself may end like the secret begins).
        expect(prefix.startsWith(out)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('redactHeaders', () => {
  it('masks credential headers whatever they hold, and lower-cases names', () => {
    const out = redactHeaders({
      Authorization: 'Bearer abc',
      'Proxy-Authorization': 'Basic xyz',
      Cookie: 'a=b',
      'Set-Cookie': 'sid=1',
      'X-Api-Key': 'k',
      'Content-Type': 'application/json',
    });
    expect(out).toEqual({
      authorization: REDACTED,
      'proxy-authorization': REDACTED,
      cookie: REDACTED,
      'set-cookie': REDACTED,
      'x-api-key': REDACTED,
      'content-type': 'application/json',
    });
  });

  it('masks any header whose value carries a secret in any form', () => {
    const secret = 'Zq9-secret-VALUE';
    const headers = new Headers({
      'x-echo': `basic ${b64(`key-id:${secret}`)}`,
      location: `https://example.test/cb?s=${encodeURIComponent(secret)}`,
      'x-request-id': 'req-42',
    });
    expect(redactHeaders(headers, [secret], [['key-id', secret]])).toEqual({
      'x-echo': REDACTED,
      location: REDACTED,
      'x-request-id': 'req-42',
    });
  });
});

describe('redactorsForBatch', () => {
  it('redacts each set of secrets with its own forms, however many requests share a set', () => {
    const redactors = redactorsForBatch();
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrZXktMSJ9.c2lnbmF0dXJl';
    const reply = (secret: string) => `{"echo":"${secret}","basic":"${b64(`key-id:${secret}`)}","token":"${token}"}`;
    const redacted = () => `{"echo":"${REDACTED}","basic":"${REDACTED}","token":"${REDACTED}"}`;
    for (const secret of ['first-secret', 'other-secret', 'first-secret']) {
      const redactor = redactors([secret, token], [['key-id', secret]]);
      expect(redactor.text(reply(secret))).toBe(redacted());
    }
    // Same token, different pair: the Basic form of the pair given is the one cut out.
    expect(redactors([token], [['other-id', 'first-secret']]).text(b64('other-id:first-secret'))).toBe(REDACTED);
    expect(redactors([token]).text(reply('first-secret'))).toBe(
      `{"echo":"first-secret","basic":"${b64('key-id:first-secret')}","token":"${REDACTED}"}`,
    );
  });
});
