// Every word of the UI comes from the locale files: these tests keep English and Simplified Chinese complete and in
// step with the code (keys used in renderer/, codes declared in shared/), and check that a translated diagnosis
// reads exactly like shared/diagnosis.ts's English one when the language is English.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIND_FIELDS } from '../../renderer/credentials/kinds';
import { diagnosisText } from '../../renderer/test-request/diagnosis-text';
import { CREDENTIAL_KINDS, PRODUCT_IDS, PRODUCTS } from '../../shared/catalog';
import { authSchemeSchema, callbackInputSchema, envSetSchema, envSyntaxSchema, sdkLanguageSchema } from '../../shared/contract';
import { DIAGNOSIS_CODES, type DiagnosisInput, diagnose, diagnoseFunctionCheck } from '../../shared/diagnosis';
import { ERROR_CODES } from '../../shared/errors';
import en from '../../shared/locales/en.json';
import zh from '../../shared/locales/zh-CN.json';
import { translator } from '../support/i18n';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const EN = flatten(en as Tree);
const ZH = flatten(zh as Tree);
const PLURAL = /_(zero|one|two|few|many|other)$/;
/** A key exists if it is a string, or (for counts) its plural forms are. */
const has = (keys: Map<string, string>, key: string) => keys.has(key) || keys.has(`${key}_other`);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const RENDERER = join(import.meta.dirname, '../../renderer');
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Literal keys passed to t('…'), t("…") or inside t([...]) anywhere in renderer/. */
function literalKeys(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(RENDERER)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*(['"])([^'"]+)\1/g)) found.set(m[2] as string, file);
    for (const m of text.matchAll(/\bt\(\s*\[([^\]]*)\]/g))
      for (const k of (m[1] as string).matchAll(/(['"])([^'"]+)\1/g)) found.set(k[2] as string, file);
  }
  return found;
}

/** Keys built at run time from a code or an enum: every value the code can take must have words. */
function dynamicKeys(): string[] {
  const regionIds = new Set(Object.values(PRODUCTS).flatMap((p) => p.regions.map((r) => r.id)));
  const fieldKeys = new Set(Object.values(KIND_FIELDS).flatMap((fields) => fields.map((f) => f.key)));
  const menuKeys = [
    ...readFileSync(join(import.meta.dirname, '../../electron/menu.ts'), 'utf8').matchAll(/'(menu\.[\w.]+)'/g),
  ].map((m) => m[1] as string);
  return [
    ...ERROR_CODES.map((c) => `errors.${c}`),
    ...DIAGNOSIS_CODES.flatMap((c) => ['title', 'explanation', 'fix'].map((part) => `diagnosis.${c}.${part}`)),
    ...PRODUCT_IDS.map((p) => `products.${p}`),
    ...[...regionIds].map((r) => `regionNames.${r}`),
    ...CREDENTIAL_KINDS.flatMap((k) => [
      ...['name', 'usedFor', 'long', 'source'].map((part) => `kinds.${k}.${part}`),
      `credential.publicId.${k}`,
      `credential.secret.${k}`,
    ]),
    ...[...fieldKeys, 'label'].flatMap((k) => [`credential.field.${k}`, `credential.hint.${k}`, `validation.${k}.invalid`]),
    ...['profileName', 'projectId', 'environment', 'notes'].map((k) => `validation.${k}.invalid`),
    ...['none', 'valid', 'refreshing', 'expired'].map((s) => `token.status.${s}`),
    ...['jwt', 'expires_in', 'default'].map((s) => `token.source.${s}`),
    ...authSchemeSchema.options.map((s) => `test.scheme.${s}`),
    ...envSyntaxSchema.options.map((s) => `snippets.syntaxes.${s}`),
    ...envSetSchema.options.flatMap((s) => [`snippets.sets.${s}`, `export.setHint.${s}`]),
    ...sdkLanguageSchema.options.map((s) => `snippets.languages.${s}`),
    ...['curl', 'env', 'sdk'].map((s) => `snippets.tab.${s}`),
    ...['ok', 'locked', 'unavailable', 'timeout'].flatMap((s) => [`keychain.state.${s}`, `keychain.title.${s}`]),
    ...['dotenv', 'sinch-cli-json'].map((f) => `import.format.${f}`),
    ...callbackInputSchema.options.flatMap((o) => [
      `debugger.kinds.${o.shape.kind.value}`,
      `debugger.kindHint.${o.shape.kind.value}`,
    ]),
    ...['profiles', 'debugger'].map((v) => `nav.${v}`),
    ...['en', 'zh-CN'].map((l) => `language.${l}`),
    ...menuKeys,
  ];
}

describe('locale files', () => {
  it('Simplified Chinese has every English key, and no key English lacks', () => {
    expect([...EN.keys()].filter((k) => !ZH.has(k))).toEqual([]);
    expect([...ZH.keys()].filter((k) => !EN.has(k))).toEqual([]);
  });

  it('a translation uses the same {placeholders} as the English text', () => {
    const mismatched = [...EN].filter(([key, text]) => placeholders(text).join() !== placeholders(ZH.get(key) ?? '').join());
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('no text is empty', () => {
    expect([...EN, ...ZH].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it('every t("…") key used in renderer/ exists in English', () => {
    const used = literalKeys();
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter(([key]) => !has(EN, key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('every code and option the UI translates at run time has English words', () => {
    expect(dynamicKeys().filter((key) => !has(EN, key))).toEqual([]);
  });

  it('plural forms come in pairs', () => {
    const bases = new Set([...EN.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
    expect([...bases].filter((base) => !EN.has(`${base}_one`) || !EN.has(`${base}_other`))).toEqual([]);
  });
});

const NOW = Date.parse('2026-11-25T12:00:00Z');
/** Real diagnoses from shared/diagnosis.ts, chosen to cover every kind of English value a param can carry. */
const SAMPLES: DiagnosisInput[] = [
  { productId: 'numbers', credentialKind: 'accessKey', phase: 'request', status: 200 },
  { productId: 'verification', credentialKind: 'applicationKey', phase: 'request', status: 404, testSucceedsOn: [404] },
  { productId: 'numberLookup', credentialKind: 'accessKey', phase: 'token' },
  { productId: 'numbers', credentialKind: 'accessKey', phase: 'token', errorCode: 'TOKEN_INVALID_CLIENT' },
  {
    productId: 'numbers',
    credentialKind: 'accessKey',
    phase: 'request',
    status: 401,
    headers: { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="Jwt expired"' },
  },
  {
    productId: 'conversation',
    credentialKind: 'accessKey',
    phase: 'request',
    status: 404,
    tokenOk: true,
    region: 'eu',
    host: 'eu.conversation.api.sinch.com',
  },
  {
    productId: 'conversation',
    credentialKind: 'accessKey',
    phase: 'request',
    networkFailure: 'dns',
    tokenOk: true,
    region: 'br',
    host: 'br.conversation.api.sinch.com',
  },
  { productId: 'voice', credentialKind: 'accessKey', phase: 'request', errorCode: 'WRONG_CREDENTIAL_KIND' },
  {
    productId: 'voice',
    credentialKind: 'applicationKey',
    phase: 'request',
    status: 401,
    authScheme: 'signed',
    localTimeMs: NOW,
    headers: { date: new Date(NOW - 90_000).toUTCString() },
  },
  {
    productId: 'voice',
    credentialKind: 'applicationKey',
    phase: 'request',
    status: 401,
    authScheme: 'signed',
    localTimeMs: NOW,
    headers: { date: new Date(NOW + 75_000).toUTCString() },
  },
  { productId: 'voice', credentialKind: 'applicationKey', phase: 'request', status: 401, authScheme: 'basic' },
  { productId: 'numbers', credentialKind: 'accessKey', phase: 'request', status: 429, headers: { 'retry-after': '1' } },
  { productId: 'numbers', credentialKind: 'accessKey', phase: 'request', status: 429, headers: { 'retry-after': '30' } },
  {
    productId: 'numbers',
    credentialKind: 'accessKey',
    phase: 'request',
    status: 429,
    headers: { 'retry-after': 'Wed, 25 Nov 2026 12:05:00 GMT' },
  },
  { productId: 'numbers', credentialKind: 'accessKey', phase: 'request', status: 429 },
  { productId: 'voice', credentialKind: 'applicationKey', phase: 'request', status: 429, authScheme: 'basic' },
  { productId: 'mailgun', credentialKind: 'mailgun', phase: 'request', status: 401, host: 'api.mailgun.net' },
  { productId: 'sms', credentialKind: 'accessKey', phase: 'request', status: 401, tokenOk: true },
  { productId: 'mailgun', credentialKind: 'mailgun', phase: 'request', status: 403, path: '/v4/domains' },
  { productId: 'numbers', credentialKind: 'accessKey', phase: 'request', status: 503 },
  { productId: 'numbers', credentialKind: 'accessKey', phase: 'request', errorCode: 'NETWORK', errorMessage: 'Socket hang up.' },
  {
    productId: 'numbers',
    credentialKind: 'accessKey',
    phase: 'request',
    status: 302,
    redirect: { location: 'https://evil.example/', followed: false, crossOrigin: true },
  },
  {
    productId: 'fax',
    credentialKind: 'accessKey',
    phase: 'request',
    status: 404,
    method: 'GET',
    path: '/v3/projects/x/services',
  },
];

describe('translated diagnoses', () => {
  const diagnoses = [
    ...SAMPLES.map(diagnose),
    diagnoseFunctionCheck({ withoutCredentials: 200, withCredentials: 200 }),
    diagnoseFunctionCheck({ withoutCredentials: 401, withCredentials: 403 }),
    diagnoseFunctionCheck({ errorCode: 'NETWORK', errorMessage: 'Connection reset.' }),
  ];

  it('the samples reach every code whose params carry English words', () => {
    const codes = new Set(diagnoses.map((d) => d.code));
    for (const code of [
      'OK',
      'OK_TOKEN_ONLY',
      'INVALID_KEY_SECRET',
      'WRONG_REGION_HOST',
      'WRONG_CREDENTIAL_KIND',
      'CLOCK_SKEW',
      'RATE_LIMITED',
      'CREDENTIALS_REJECTED',
      'NETWORK_ERROR',
      'FUNCTION_NOT_PROTECTED',
      'FUNCTION_KEY_REJECTED',
    ] as const)
      expect(codes.has(code), code).toBe(true);
  });

  it('a diagnosis carries ids and numbers, never English words for the UI to map back', () => {
    for (const d of diagnoses)
      expect(JSON.stringify(d.params), d.code).not.toMatch(
        /ahead of|behind|answered \d|\d seconds?|a minute|Sinch's token endpoint|a project access key|the Sinch dashboard|no answer|Numbers/,
      );
  });

  it('in English, the UI shows exactly the words shared/diagnosis.ts wrote', async () => {
    const { t } = await translator('en');
    for (const d of diagnoses)
      expect(diagnosisText(d, t), d.code).toEqual({ title: d.title, explanation: d.explanation, fix: d.fix });
  });

  it('in Simplified Chinese, every placeholder is filled and no English phrase from the params is left', async () => {
    const { t } = await translator('zh-CN');
    for (const d of diagnoses) {
      const text = Object.values(diagnosisText(d, t)).join('\n');
      expect(text, d.code).not.toMatch(/\{\w+\}/);
      expect(text, d.code).not.toMatch(
        /ahead of|behind|answered \d|seconds?\b|a minute|Sinch's token endpoint|a project access key|the Sinch dashboard under/,
      );
    }
  });
});
