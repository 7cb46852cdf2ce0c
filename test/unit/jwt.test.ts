import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64UrlDecode, decodeJwtPayload } from '../../shared/jwt';

const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const jwtWith = (payload: unknown) => `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify(payload))}.c2lnbmF0dXJl`;

describe('reading a JWT payload', () => {
  it('reads the exp claim of a token shaped like the ones Sinch issues', () => {
    const token = jwtWith({ iss: 'https://auth.sinch.com', exp: 1_720_476_748, client_id: 'key-id' });
    expect(decodeJwtPayload(token)).toEqual({ iss: 'https://auth.sinch.com', exp: 1_720_476_748, client_id: 'key-id' });
  });

  it('decodes claims with non-ASCII text and base64url characters', () => {
    // These claims encode to both - and _, the characters plain base64 would write as + and /.
    const claims = { name: 'Zoë Ångström 漢字', odd: '~~~ÿ?', n: 1 };
    expect(decodeJwtPayload(jwtWith(claims))).toEqual(claims);
  });

  it('round-trips any JSON object, whatever padding its length needs', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (claims) => {
        expect(decodeJwtPayload(jwtWith(claims))).toEqual(JSON.parse(JSON.stringify(claims)));
      }),
    );
  });

  it('returns nothing for a value that is not a signed JWT', () => {
    for (const notAJwt of ['', 'opaque-token', 'a.b', 'a.b.c.d.e', `x.${b64url('not json')}.y`, 'x.!!!.y']) {
      expect(decodeJwtPayload(notAJwt), notAJwt).toBeUndefined();
    }
  });

  it('returns nothing when the payload is JSON but not an object', () => {
    for (const payload of [42, 'text', null, [1, 2]]) expect(decodeJwtPayload(jwtWith(payload))).toBeUndefined();
  });

  it('never throws, whatever text it is given', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (a, b, c) => {
        expect(() => decodeJwtPayload(`${a}.${b}.${c}`)).not.toThrow();
      }),
    );
  });
});

describe('base64url decoding', () => {
  it('accepts input with or without padding removed', () => {
    expect(base64UrlDecode('aGk')).toBe('hi');
    expect(base64UrlDecode('aGkh')).toBe('hi!');
  });

  it('rejects plain base64 characters, impossible lengths and invalid UTF-8', () => {
    expect(() => base64UrlDecode('a+b/')).toThrow();
    expect(() => base64UrlDecode('abcde')).toThrow();
    expect(() => base64UrlDecode(Buffer.from([0xff, 0xfe]).toString('base64url'))).toThrow();
  });
});
