// Requests that break the contract (shared/contract.ts) by construction: each starts from a valid request for its
// operation and breaks one rule of one field, or is not an object at all, and carries noise that must not matter
// (own `__proto__`/`constructor`/`prototype` keys, unknown keys). The rules are written out here rather than read
// from the schemas, so the fuzz checks the contract instead of agreeing with itself (docs/security-checklist.md#ipc-boundary.6).
import fc from 'fast-check';
import { PRODUCT_IDS } from '../../../shared/catalog';
import type { Operation } from '../../../shared/contract';
import {
  anythingOf,
  type Bad,
  bool,
  DEEP,
  DEEP_ARRAY,
  edgeNumber,
  edgeString,
  exoticValue,
  headers,
  hugeString,
  int,
  keyedRecord,
  list,
  MISSING,
  object,
  oneOf,
  str,
  type Transport,
  trimmed,
  UUID,
} from './malformed-values';

export type { Transport } from './malformed-values';

const PRODUCTS: readonly string[] = PRODUCT_IDS;
const AGENT_RULE = /^(GET|HEAD|POST|PUT|PATCH|DELETE) \/[^\s?#]*$/;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HOSTNAME = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/i;
const SERVICE_PLAN_ID = /^[A-Za-z0-9]+$/;
const VALID_UUID = '3f0c6f0e-1b7a-4c2e-9f57-2a8f2f1d9b11';

const id = str({ min: 1, max: 100 });
const optionalId = str({ optional: true, min: 1, max: 100 });
const uuid = (optional = false) => str({ optional, must: (s) => UUID.test(s.trim()) });
const secret = (pattern = /^[\x21-\x7e]+$/) => str({ min: 'trim', max: 512, must: trimmed(1, 512, pattern) });

// reference: shared/profile.ts baseUrlString — https, or http on loopback; no user info, query or fragment.
const isBaseUrl = (s: string) => {
  if (!URL.canParse(s.trim()) || s.trim().length > 2048) return false;
  const url = new URL(s.trim());
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  const scheme = url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
  return scheme && !url.username && !url.password && !url.search && !url.hash;
};
const notAnOverride = (mode: Transport) => object()(mode).filter((v) => v !== MISSING && v !== undefined);
const overrideValue: Bad = (mode) =>
  fc.oneof(
    notAnOverride(mode),
    str({ must: isBaseUrl })(mode).map((url) => (url === MISSING ? {} : { url })),
    bool(mode).map((allowForeignHost) => ({ url: 'https://proxy.example', allowForeignHost })),
  );

// reference: shared/profile.ts maxKeyAgeDays — a whole number of days from 1 to 3650.
const badKeyAge: Bad = (mode) =>
  fc.oneof(
    // Through JSON NaN and ±Infinity arrive as null, which a patch and the global setting accept (it clears the limit).
    edgeNumber(mode, true).filter((n) => !(Number.isInteger(n) && n >= 1 && n <= 3650)),
    fc.constantFrom('90', true, 3651, 0, 1.5),
  );

const profileFields = (optional: boolean): Record<string, Bad> => ({
  name: str({ optional, min: 'trim', max: 80 }),
  projectId: str({ optional: true, must: (s) => s === '' || UUID.test(s.trim()) }),
  environment: str({ optional: true, must: trimmed(1, 24, /^[a-z0-9][a-z0-9_-]*$/i) }),
  notes: str({ optional: true, max: 4000 }),
  regions: keyedRecord(PRODUCTS, str({ max: 16 }), 'us'),
  baseUrls: keyedRecord([...PRODUCTS, 'auth'], overrideValue, { url: 'https://proxy.example' }),
  maxKeyAgeDays: badKeyAge,
});

interface Case {
  base: Record<string, unknown>;
  /** Dotted path of one field → values that break it. */
  rules: Record<string, Bad>;
}
const credRef = { profileId: 'p1', credentialId: 'c1' };
const credRefRules = { profileId: id, credentialId: id };
const requestRules = {
  ...credRefRules,
  productId: oneOf(PRODUCTS),
  region: str({ optional: true, max: 16 }),
  scheme: oneOf(['bearer', 'basic', 'signed', 'apiToken'], true),
  custom: object(true),
  'custom.method': oneOf(METHODS),
  'custom.path': str({ min: 1, max: 2048, must: (s) => s.startsWith('/') }),
  'custom.body': str({ optional: true, max: 1_000_000 }),
  'custom.contentType': str({ optional: true, max: 200 }),
};
const requestBase = { ...credRef, productId: 'numbers', custom: { method: 'GET', path: '/x' } };
const callbackBody = str({ max: 1_000_000 });

const credentialRules: Record<string, Record<string, Bad>> = {
  accessKey: { keyId: uuid(), secret: secret() },
  applicationKey: { applicationKey: uuid(), secret: secret(BASE64) },
  servicePlan: {
    servicePlanId: str({ must: trimmed(8, 64, SERVICE_PLAN_ID) }),
    region: oneOf(['us', 'eu', 'au', 'br', 'ca'], true),
    secret: secret(),
  },
  mailgun: { domain: str({ must: (s) => HOSTNAME.test(s.trim()) }), region: oneOf(['us', 'eu'], true), secret: secret() },
};
const credentialCases: Case[] = [
  { kind: 'accessKey', keyId: VALID_UUID, secret: 's3cret' },
  { kind: 'applicationKey', applicationKey: VALID_UUID, secret: 'QUJD' },
  { kind: 'servicePlan', servicePlanId: 'abcdef1234567890', secret: 'tok3n' },
  { kind: 'mailgun', domain: 'mg.example.com', secret: 'key-1' },
].map((credential) => ({
  base: { profileId: 'p1', credential },
  rules: {
    profileId: id,
    credential: object(),
    'credential.kind': oneOf(Object.keys(credentialRules)),
    'credential.label': str({ optional: true, max: 80 }),
    ...Object.fromEntries(Object.entries(credentialRules[credential.kind] ?? {}).map(([k, v]) => [`credential.${k}`, v])),
  },
}));

const callbackCases: Case[] = (
  [
    {
      base: { kind: 'application', ...credRef, method: 'POST', path: '/cb', headers: '', body: '' },
      rules: { ...credRefRules, method: oneOf(METHODS), path: str({ max: 2048 }), headers, body: callbackBody },
    },
    ...['conversation', 'numbers'].map((kind) => ({
      base: { kind, secret: 'whsec', headers: {}, body: '' },
      rules: { secret: str({ min: 1, max: 512 }), headers, body: callbackBody },
    })),
    {
      base: { kind: 'mailgun', signingKey: 'k', body: '{}' },
      rules: { signingKey: str({ min: 1, max: 512 }), body: callbackBody },
    },
  ] as Case[]
).map((c) => ({ ...c, rules: { ...c.rules, kind: oneOf(['application', 'conversation', 'numbers', 'mailgun']) } }));

const one = (base: Record<string, unknown>, rules: Record<string, Bad> = {}): Case[] => [{ base, rules }];

const DOCTOR_ACTIONS = oneOf(['restore', 'startFresh', 'deleteOrphans']);
const doctorRepairCases: Case[] = (
  [
    {
      base: { action: 'restore', backupPath: '/nowhere/config.json.damaged-x' },
      rules: { backupPath: str({ min: 1, max: 4096 }) },
    },
    { base: { action: 'startFresh' }, rules: {} },
    // Deleting runs only on accounts that are orphans under the lock; the fuzz breaks the action, not the list.
    { base: { action: 'deleteOrphans', accounts: ['p/c'] }, rules: {} },
  ] as Case[]
).map((c) => ({ ...c, rules: { ...c.rules, action: DOCTOR_ACTIONS } }));

/** Every operation's valid starting points and the rules that break them; {} is valid where every field is optional. */
const CASES: Record<Operation, Case[]> = {
  'app.info': one({}),
  'keychain.status': one({}),
  'profiles.list': one({}, { query: str({ optional: true, max: 200 }) }),
  'profiles.get': one({ profileId: 'p1' }, { profileId: id }),
  'profiles.create': one({ name: 'Acme' }, profileFields(false)),
  'profiles.update': one(
    { profileId: 'p1', patch: {} },
    {
      profileId: id,
      patch: object(),
      ...Object.fromEntries(Object.entries(profileFields(true)).map(([k, v]) => [`patch.${k}`, v])),
    },
  ),
  'profiles.remove': one({ profileId: 'p1' }, { profileId: id }),
  'profiles.setOverride': one(
    { profileId: 'p1', target: 'numbers', url: 'https://proxy.example', allowForeignHost: true },
    { profileId: id, target: oneOf([...PRODUCTS, 'auth']), url: str({ nullable: true, max: 2048 }), allowForeignHost: bool },
  ),
  'credentials.add': credentialCases,
  'credentials.update': one(
    { ...credRef, patch: {} },
    {
      ...credRefRules,
      patch: object(),
      'patch.label': str({ optional: true, max: 80 }),
      'patch.keyId': uuid(true),
      'patch.applicationKey': uuid(true),
      'patch.servicePlanId': str({ optional: true, must: trimmed(8, 64, SERVICE_PLAN_ID) }),
      'patch.domain': str({ optional: true, must: (s) => HOSTNAME.test(s.trim()) }),
      'patch.region': oneOf(['us', 'eu', 'au', 'br', 'ca'], true),
      'patch.secret': str({ optional: true }),
    },
  ),
  'credentials.remove': one(credRef, credRefRules),
  'credentials.rotate': one(
    { ...credRef, secret: 'n3w' },
    { ...credRefRules, publicId: str({ optional: true, max: 253 }), secret: str({ min: 1, max: 512 }) },
  ),
  'fleet.check': one({}),
  'settings.setMaxKeyAge': one(
    { maxKeyAgeDays: 30 },
    { maxKeyAgeDays: (mode) => fc.oneof(badKeyAge(mode), fc.constant(MISSING)) },
  ),
  'secrets.reveal': one(credRef, credRefRules),
  'token.status': one(credRef, credRefRules),
  'token.refresh': one(credRef, credRefRules),
  'request.test': one(requestBase, { ...requestRules, requestId: str({ optional: true, max: 100 }) }),
  'request.cancel': one({ requestId: 'r1' }, { requestId: id }),
  'request.testFunction': one(
    { ...credRef, url: 'https://fn.example/x' },
    { ...credRefRules, url: str({ min: 1, max: 2048 }), allowForeignHost: bool },
  ),
  'signing.sign': one(
    { ...credRef, method: 'POST', path: '/calling/v1/callouts' },
    {
      ...credRefRules,
      method: oneOf(METHODS),
      path: str({ min: 1, max: 2048 }),
      contentType: str({ optional: true, max: 200 }),
      body: str({ optional: true, max: 1_000_000 }),
      timestamp: str({ optional: true, max: 200 }),
    },
  ),
  'callbacks.verify': callbackCases,
  'snippets.curl': one(requestBase, { ...requestRules, mode: oneOf(['env', 'masked', 'inline'], true) }),
  'snippets.env': one(
    { profileId: 'p1', syntax: 'dotenv' },
    {
      profileId: id,
      syntax: oneOf(['dotenv', 'posix', 'fish', 'powershell', 'cmd']),
      set: oneOf(['sdk', 'functions'], true),
      credentialIds: list(id, 'c1'),
      includeSecrets: bool,
    },
  ),
  'snippets.sdk': one(
    { profileId: 'p1', language: 'node' },
    { profileId: id, language: oneOf(['node', 'python', 'java', 'dotnet']), productIds: list(oneOf(PRODUCTS), 'numbers') },
  ),
  'env.export': one(
    { profileId: 'p1', path: '/tmp/never-written.env' },
    { profileId: id, path: str({ min: 1, max: 4096 }), set: oneOf(['sdk', 'functions'], true), credentialIds: list(id, 'c1') },
  ),
  'env.choosePath': one({}, { defaultName: str({ optional: true, max: 255 }), profileId: optionalId }),
  'clipboard.copy': one({ text: 'x', sensitive: false }, { text: str({ max: 1_000_000 }), sensitive: bool }),
  'import.preview': one({ text: 'A=1' }, { text: str({ min: 1, max: 200_000 }) }),
  'import.apply': one(
    { text: 'A=1' },
    { text: str({ min: 1, max: 200_000 }), profileName: str({ optional: true, max: 80 }), profileId: optionalId },
  ),
  'agent.status': one({}),
  'agent.chooseProjectDir': one({}),
  'agent.setAccess': one(
    { profileId: 'p1', patch: {} },
    {
      profileId: id,
      patch: object(),
      'patch.enabled': bool,
      'patch.allowWrites': bool,
      'patch.allowList': list(str({ must: (s) => s.trim().length <= 300 && AGENT_RULE.test(s.trim()) }), 'GET /v1/*'),
      'patch.ratePerMinute': int(1, 10_000),
    },
  ),
  'agent.setStopped': one({ stopped: true }, { stopped: bool }),
  'agent.activity': one({}, { limit: int(1, 1000) }),
  'agent.clientConfig': one(
    { client: 'cursor' },
    {
      client: oneOf(['claude-desktop', 'claude-code', 'cursor', 'vscode']),
      server: oneOf(['sinch-keys', 'sinch-mcp'], true),
      profileId: optionalId,
      projectDir: str({ optional: true, min: 1, max: 4096 }),
      write: bool,
    },
  ),
  'doctor.report': one({}),
  'doctor.repair': doctorRepairCases,
};

// ---- noise that must not matter, and the request builder ----

const NOISE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then', 'polluted'];
const noiseValue = fc.oneof(
  fc.constantFrom(JSON.parse('{"polluted":"yes","isAdmin":true}'), JSON.parse('{"prototype":{"polluted":"yes"}}')),
  fc.constantFrom(...DEEP),
  edgeString,
  fc.jsonValue({ maxDepth: 2 }),
);
const noise = fc.array(
  fc.tuple(
    fc.oneof(
      fc.constantFrom(...NOISE_KEYS),
      edgeString.map((s) => `x-${s}`),
    ),
    noiseValue,
  ),
  {
    maxLength: 3,
  },
);
/** Object fields (not records) where unknown keys are stripped, so noise belongs there too. */
const NESTED_OBJECTS = ['credential', 'patch', 'custom'];

/** Own keys only: an own `__proto__` key is what JSON.parse makes, and must not become a prototype. */
const setOwn = (target: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

function build(base: Record<string, unknown>, path: string, value: unknown, extra: [string, unknown][]): unknown {
  const request = structuredClone(base);
  for (const [key, v] of extra) {
    setOwn(request, key, v);
    for (const field of NESTED_OBJECTS) {
      const child = request[field];
      if (child && typeof child === 'object' && !Array.isArray(child)) setOwn(child as Record<string, unknown>, key, v);
    }
  }
  const keys = path.split('.');
  let at = request;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  const last = keys[keys.length - 1] as string;
  if (value === MISSING) delete at[last];
  else at[last] = value;
  return request;
}

/** Not an object at all; null and undefined only where they do not turn into a valid empty request. */
function notAnObject(mode: Transport, base: Record<string, unknown>, acceptsEmpty: boolean): fc.Arbitrary<unknown> {
  const common = [
    edgeString,
    edgeNumber(mode, acceptsEmpty),
    fc.boolean(),
    fc.array(anythingOf(mode), { maxLength: 4 }),
    fc.constant([base]),
    acceptsEmpty ? fc.constant(DEEP_ARRAY) : fc.constantFrom(...DEEP),
    ...(acceptsEmpty ? [] : [fc.constantFrom(null, undefined)]),
    ...(mode === 'direct'
      ? [exoticValue.filter((v) => typeof v !== 'object' || !acceptsEmpty), fc.constant(Symbol('request'))]
      : []),
  ];
  return fc.oneof(...common.map((arbitrary) => ({ weight: 10, arbitrary })), { weight: 1, arbitrary: hugeString });
}

/** Malformed requests for one operation, over one transport. */
export function malformedRequest(op: Operation, mode: Transport): fc.Arbitrary<unknown> {
  const cases = CASES[op];
  const first = cases[0]?.base ?? {};
  const acceptsEmpty = Object.keys(first).length === 0;
  const broken = cases.flatMap((c) =>
    Object.entries(c.rules).map(([path, bad]) =>
      fc.tuple(bad(mode), noise).map(([value, extra]) => build(c.base, path, value, extra)),
    ),
  );
  return fc.oneof(
    { weight: 1, arbitrary: notAnObject(mode, first, acceptsEmpty) },
    ...(broken.length ? [{ weight: 4, arbitrary: fc.oneof(...broken) }] : []),
  );
}
