// The building blocks of malformed requests: values of the wrong type, strings that are too long, blank, outside an
// enum or failing a pattern, deep structures, huge strings, NaN/±Infinity, lone surrogates, NUL bytes and other
// unicode edge cases (docs/security-checklist.md#ipc-boundary.6). Each `Bad` yields only values the field's rule refuses.
import fc from 'fast-check';

/** `direct`: any value a caller could hand to dispatch (IPC); `json`: what survives JSON (browser mode). */
export type Transport = 'direct' | 'json';
export type Bad = (mode: Transport) => fc.Arbitrary<unknown>;

/** Leave the key out of the request. */
export const MISSING = Symbol('missing');

const MiB = 1024 * 1024;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every character JavaScript's trim() removes, so a string of them is blank to a trimmed field. */
const WHITESPACE = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u2028', '\u2029', '\u3000', '\ufeff'];
const EDGE_CHARS = ['\0', '\ud800', '\udbff', '\udc00', '\udfff', '\u202e', '\u200b', '\ufffd', '\uffff', 'İ', 'ß', 'é', '😀']
  .concat(['e\u0301', '\r\n', '"', '\\', '%', '{', '<', '/', '.', ':', '=', 'a', 'Z', '0', '-'])
  .concat(WHITESPACE);
const EDGE_STRINGS = ['', '\0', 'a\0b', '\ud800', 'x\ud83d', '\ude00x', '__proto__', 'constructor', 'prototype', 'toString']
  .concat(['hasOwnProperty', 'valueOf', 'then', 'null', 'undefined', 'NaN', 'true', '{}', '[]', '../../etc/passwd', '%00'])
  .concat(['https://evil.example', 'http://evil.example/x', 'javascript:alert(1)', 'GET ', ' get', 'numbers\0', 'NUMBERS']);

/** Deep structures made once: 1 000 levels of arrays, of objects, and of own `__proto__` keys (via JSON.parse). */
const deep = (open: string, close: string, depth = 1000): unknown => JSON.parse(`${open.repeat(depth)}1${close.repeat(depth)}`);
export const DEEP_ARRAY = deep('[', ']');
export const DEEP = [DEEP_ARRAY, deep('{"a":', '}'), deep('{"__proto__":', '}'), deep('{"constructor":{"prototype":', '}}', 500)];

/**
 * Huge strings made once and reused (a fresh 1 MiB string per sample would make the run slower, not more thorough),
 * and drawn rarely: each costs milliseconds, not microseconds — zod walks a two-byte string to check its length, and
 * JSON escapes a lone surrogate in six bytes.
 */
const HUGE = ['a'.repeat(MiB), '\0'.repeat(MiB), '\ud800'.repeat(MiB / 2), '😀'.repeat(MiB / 4)];

export const edgeString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...EDGE_STRINGS),
  fc.string({ unit: fc.constantFrom(...EDGE_CHARS), maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ maxLength: 24 }),
);
/** How many strings of 100 000+ characters were drawn, for the figures a run prints. */
export const drawn = { huge: 0 };
const counted = (s: string) => {
  if (s.length >= 100_000) drawn.huge++;
  return s;
};
export const hugeString: fc.Arbitrary<string> = fc.constantFrom(...HUGE).map(counted);

export const edgeNumber = (mode: Transport, nullable: boolean): fc.Arbitrary<number> =>
  fc.oneof(
    fc.constantFrom(0, -0, 1, -1, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53, -(2 ** 31)),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    // Through JSON, NaN and ±Infinity become null, which a nullable field (or an empty request) accepts.
    ...(mode === 'direct' || !nullable ? [fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)] : []),
  );

/** Values that are not plain data: structured clone (IPC) carries some, JSON none; a careless caller might pass any. */
export const exoticValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  // Not an Error: its inherited `name` is a valid profile name, so it would be a well-formed profiles.create.
  fc.constantFrom(new Map([['profileId', 'p1']]), new Set(['p1']), new Uint8Array([1, 2]), /x/g),
  fc.constantFrom(Symbol('x'), () => 'p1', new String('p1'), Object.create(null)),
);

export const anythingOf = (mode: Transport): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: mode === 'json' ? fc.jsonValue({ maxDepth: 3 }) : fc.anything({ maxDepth: 3, withBigInt: true }) },
    { weight: 1, arbitrary: fc.constantFrom(...DEEP) },
    ...(mode === 'direct' ? [{ weight: 1, arbitrary: exoticValue }] : []),
  );

type JsType = 'string' | 'boolean' | 'object' | 'array';
// "object" is what z.object / z.record could take: anything object-like but an array (a Date passes z.object).
const isA = (type: JsType, v: unknown): boolean =>
  type === 'array'
    ? Array.isArray(v)
    : type === 'object'
      ? typeof v === 'object' && v !== null && !Array.isArray(v)
      : typeof v === type;

export interface Presence {
  optional?: boolean;
  nullable?: boolean;
}

/** A value of another type; left out or `undefined` only when the field is required, `null` unless it is nullable. */
function wrongType(mode: Transport, type: JsType, o: Presence = {}): fc.Arbitrary<unknown> {
  const keep = (v: unknown) => !isA(type, v) && v !== undefined && !(o.nullable && v === null);
  return fc.oneof(
    { weight: 6, arbitrary: anythingOf(mode).filter(keep) },
    { weight: 2, arbitrary: edgeNumber(mode, Boolean(o.nullable)) },
    { weight: 1, arbitrary: type === 'string' ? fc.boolean() : edgeString },
    ...(o.optional || o.nullable ? [] : [{ weight: 1, arbitrary: fc.constantFrom(MISSING, undefined, null) }]),
  );
}

const LONG_PREFIX = 'y'.repeat(MiB);

/** A string longer than `max` (never blank, so trimming cannot save it): mostly just over, now and then up to 1 MiB. */
const tooLong = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 100,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 64 }), fc.constantFrom('x', 'é', '\0', '\ud800'))
        .map(([n, c]) => counted(LONG_PREFIX.slice(0, max) + c.repeat(n))),
    },
    ...(max < MiB ? [{ weight: 1, arbitrary: hugeString.filter((s) => s.length > max) }] : []),
  );

export interface StringRule extends Presence {
  max?: number;
  /** 1: '' is too short; 'trim': the field trims first, so any whitespace-only string is too short. */
  min?: 1 | 'trim';
  /** The rule a value must pass; edge strings that fail it are malformed. */
  must?: (value: string) => boolean;
}

export const str =
  (rule: StringRule): Bad =>
  (mode) =>
    fc.oneof(
      { weight: 3, arbitrary: wrongType(mode, 'string', rule) },
      ...(rule.max === undefined ? [] : [{ weight: 1, arbitrary: tooLong(rule.max) }]),
      ...(rule.min === 1 ? [{ weight: 1, arbitrary: fc.constant('') }] : []),
      ...(rule.min === 'trim'
        ? [{ weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...WHITESPACE), maxLength: 8 }) }]
        : []),
      ...(rule.must ? [{ weight: 3, arbitrary: edgeString.filter((s) => !rule.must?.(s)) }] : []),
    );

export const oneOf = (values: readonly string[], optional = false): Bad =>
  str({ optional, max: 64, must: (s) => values.includes(s) });
export const bool: Bad = (mode) => wrongType(mode, 'boolean', { optional: true });
/** Optional integers in [min, max]: a value of another type, a fraction, or a number just outside. */
export const int =
  (min: number, max: number): Bad =>
  (mode) =>
    fc.oneof(
      anythingOf(mode).filter((v) => typeof v !== 'number' && v !== undefined),
      fc.constantFrom(min - 1, max + 1, min + 0.5, -(2 ** 31)),
    );
export const object =
  (optional = false): Bad =>
  (mode) =>
    wrongType(mode, 'object', { optional });
export const trimmed = (min: number, max: number, pattern?: RegExp) => (s: string) => {
  const t = s.trim();
  return t.length >= min && t.length <= max && (pattern === undefined || pattern.test(t));
};

/** A value to put inside a record or an array: there, leaving it out would be valid, so only present values. */
const present = (bad: Bad, mode: Transport): fc.Arbitrary<unknown> => bad(mode).filter((v) => v !== MISSING && v !== undefined);

/** Arrays: not an array, one malformed element, or more than 20 elements. */
export const list =
  (element: Bad, valid: string): Bad =>
  (mode) =>
    fc.oneof(
      wrongType(mode, 'array', { optional: true }),
      present(element, mode).map((v) => [valid, v]),
      fc.integer({ min: 21, max: 200 }).map((n) => Array.from({ length: n }, () => valid)),
    );

/** A record keyed by product (regions) or override target (baseUrls): wrong type, unknown key, or a bad value. */
export const keyedRecord =
  (keys: readonly string[], value: Bad, validValue: unknown): Bad =>
  (mode) =>
    fc.oneof(
      wrongType(mode, 'object', { optional: true }),
      // zod drops an own `__proto__` key rather than refusing it, so it is noise, not a malformed key.
      edgeString.filter((k) => !keys.includes(k) && k !== '__proto__').map((k) => ({ [k]: validValue })),
      fc.tuple(fc.constantFrom(...keys), present(value, mode)).map(([k, v]) => ({ [k]: v })),
    );

/** Callback headers: a pasted block (≤ 100 000 characters) or a record of name → value (≤ 200 / ≤ 10 000). */
export const headers: Bad = (mode) =>
  fc.oneof(
    wrongType(mode, 'string').filter((v) => !isA('object', v)),
    tooLong(100_000),
    tooLong(200).map((k) => ({ [k]: 'v' })),
    tooLong(10_000).map((v) => ({ authorization: v })),
    anythingOf(mode)
      .filter((v) => typeof v !== 'string' && v !== undefined)
      .map((v) => ({ 'x-timestamp': v })),
  );
