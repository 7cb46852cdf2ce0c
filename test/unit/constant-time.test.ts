// The one comparison every secret goes through (webhook signatures, the launch token, the session cookie): exact
// matches only, and a time that does not tell a forger how much of a guess was right.
import { describe, expect, it } from 'vitest';
import { bytesEqual, secretsEqual } from '../../shared/constant-time';

const SECRET = 'Tg6fMyo8mj9pYfWQ9ssbx3Tc1BNC87IEygAfLbJqZb4=';

describe('secretsEqual accepts the exact secret only', () => {
  it('accepts the same value', () => {
    expect(secretsEqual(SECRET, SECRET)).toBe(true);
    expect(secretsEqual('é', 'é')).toBe(true);
  });

  it.each([
    ['a prefix', SECRET.slice(0, 10)],
    ['one character short', SECRET.slice(0, -1)],
    ['one character more', `${SECRET}=`],
    ['the secret twice', SECRET + SECRET],
    ['one character changed', `${SECRET.slice(0, -2)}x=`],
    ['the same length, all different', 'x'.repeat(SECRET.length)],
    ['another case', SECRET.toLowerCase()],
    ['empty', ''],
    ['missing', undefined],
    ['a NUL appended', `${SECRET}\0`],
  ])('refuses %s', (_what, given) => {
    expect(secretsEqual(given, SECRET)).toBe(false);
  });

  it('never matches an empty expected value, so an unset secret opens nothing', () => {
    expect(secretsEqual('', '')).toBe(false);
    expect(secretsEqual(undefined, '')).toBe(false);
  });

  it('compares UTF-8 bytes, so visually close characters differ', () => {
    expect(secretsEqual('e\u0301', 'é')).toBe(false);
  });
});

/** The fastest of several runs: the machine is shared, so the minimum is the figure least disturbed by others. */
function fastestMs(run: () => void, times = 15): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe('the comparison takes as long whatever part of the guess is wrong', () => {
  // 1 MiB makes the walk over the expected value take about a millisecond; an early exit on the first differing
  // byte or on a length mismatch would take microseconds, hundreds of times less.
  const size = 1 << 20;
  const expected = new Uint8Array(size).fill(7);
  const right = new Uint8Array(size).fill(7);
  const wrongFirst = right.slice();
  wrongFirst[0] = 8;
  const short = right.slice(0, size - 1);
  const empty = new Uint8Array(0);

  it('a guess wrong at its first byte, one byte short or empty takes about as long as the right one', () => {
    const full = fastestMs(() => bytesEqual(right, expected));
    for (const [what, guess] of [
      ['wrong at the first byte', wrongFirst],
      ['one byte short', short],
      ['empty', empty],
    ] as const) {
      expect(bytesEqual(guess, expected), what).toBe(false);
      expect(
        fastestMs(() => bytesEqual(guess, expected)),
        what,
      ).toBeGreaterThan(full * 0.3);
    }
  });

  it('the same holds for strings', () => {
    const secret = 'k'.repeat(size);
    const full = fastestMs(() => secretsEqual(secret, secret));
    expect(fastestMs(() => secretsEqual(`x${secret.slice(1)}`, secret))).toBeGreaterThan(full * 0.3);
    expect(fastestMs(() => secretsEqual('', secret))).toBeGreaterThan(full * 0.3);
  });
});
