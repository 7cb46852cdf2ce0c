// The engine's own sentences (errors, callback verdicts, snippet warnings) reach the UI as an id and facts: every id
// has words in both UI languages, English reads exactly as the engine wrote it, Chinese leaves no English phrase, and
// each door's hint names that door's own controls (UI labels, CLI flags).
import { describe, expect, it } from 'vitest';
import { withCliHint } from '../../cli/hints';
import { recogniseKeyBlock } from '../../core/key-block';
import { planTest } from '../../core/test-request';
import { sayError, sayPart } from '../../renderer/lib/engine-text';
import {
  ENGINE_TEXT,
  ENGINE_TEXT_IDS,
  ENGLISH_ENGINE_WORDS,
  type EngineTextId,
  type EngineTextParams,
  enginePhrases,
  englishText,
  KEYCHAIN_BACKENDS,
} from '../../shared/engine-text';
import { AppError } from '../../shared/errors';
import en from '../../shared/locales/en.json';
import zh from '../../shared/locales/zh-CN.json';
import type { CredentialMeta, Profile } from '../../shared/profile';
import { translator } from '../support/i18n';

/** Every fact an engine sentence can carry, so each template is filled in full. */
const FACTS: EngineTextParams = {
  host: 'proxy.example.com:8443',
  kind: 'accessKey',
  target: 'auth',
  backend: 'secretService',
  afterMs: 20_000,
  label: 'ci',
  profile: 'Acme',
  header: 'X-Sinch-Signature',
  applicationKey: 'AAAAAAAA-6BBA-48AB-AF15-266871C28135',
  signedFor: '669E367E-6BBA-48AB-AF15-266871C28135',
  ageSeconds: 7200,
  windowSeconds: 300,
  product: 'voice',
  fields: ['token', 'signature'],
  path: '/home/me/project/.env',
  linkTarget: '/home/me/.bashrc',
  seconds: 20,
  publicId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  neededKind: 'applicationKey',
  region: 'mars',
  regions: ['us', 'eu'],
  method: 'GET',
  line: 3,
};
const ref = (id: EngineTextId, params: EngineTextParams = FACTS) => ({ id, params });
const partsOf = (id: EngineTextId) => (['message', 'hint'] as const).filter((part) => part in ENGINE_TEXT[id]);

describe('engine sentences in the UI', () => {
  it('every engine sentence, keychain and duration has words in English and Simplified Chinese', async () => {
    for (const lng of ['en', 'zh-CN'] as const) {
      const { has } = await translator(lng);
      const keys = [
        ...ENGINE_TEXT_IDS.flatMap((id) => partsOf(id).map((part) => `engineText.${id}.${part}`)),
        ...KEYCHAIN_BACKENDS.map((b) => `engineText.backends.${b}`),
        ...['day', 'hour', 'minute', 'second', 'ms'].map((unit) => `engineText.durations.${unit}_other`),
        'engineText.tokenEndpoint',
      ];
      expect(
        keys.filter((key) => !has(key)),
        lng,
      ).toEqual([]);
    }
  });

  it('the UI texts use only placeholders the engine fills', () => {
    const filled = new Set(Object.keys(enginePhrases({}, ENGLISH_ENGINE_WORDS)));
    const used = JSON.stringify([en.engineText, zh.engineText]).match(/\{(\w+)\}/g) ?? [];
    expect(used.map((p) => p.slice(1, -1)).filter((name) => name !== 'count' && !filled.has(name))).toEqual([]);
  });

  it('in English, the UI says every engine message word for word as the engine does', async () => {
    const { t } = await translator('en');
    for (const id of ENGINE_TEXT_IDS) expect(sayPart(ref(id), 'message', undefined, t), id).toBe(englishText(ref(id)).message);
  });

  it('in Simplified Chinese, no engine sentence is left in English, and no English word from its facts', async () => {
    const { t } = await translator('zh-CN');
    for (const id of ENGINE_TEXT_IDS)
      for (const part of partsOf(id)) {
        const english = englishText(ref(id))[part];
        // Given the engine's English as the fallback, as the UI is: it must not be what the user reads.
        const said = sayPart(ref(id), part, english, t) ?? '';
        expect(said, `${id}.${part}`).not.toBe(english);
        expect(said, `${id}.${part}`).not.toMatch(
          /\{\w+\}|token endpoint|hours?\b|seconds?\b|minutes?\b|GNOME Keyring, KWallet or|a project access key|Sinch Keys will|The \w+/,
        );
      }
  });

  it('a sentence this UI has no words for is shown in the engine’s English, hint included', async () => {
    const { t } = await translator('zh-CN');
    const error = { message: 'A newer engine says this.', hint: 'And this.', text: ref('notYetKnown' as EngineTextId, {}) };
    expect(sayError(error, t)).toEqual({ message: 'A newer engine says this.', hint: 'And this.' });
  });
});

describe('each door names its own controls', () => {
  it('the UI’s hints quote the labels of the checkbox and buttons they send the user to, in both languages', async () => {
    for (const lng of ['en', 'zh-CN'] as const) {
      const { t } = await translator(lng);
      const hint = (id: EngineTextId) => sayPart(ref(id), 'hint', undefined, t) ?? '';
      const confirm = t('regions.confirmForeign', { host: FACTS.host });
      expect(hint('hostNotSinch'), lng).toContain(confirm);
      expect(hint('hostNotSinch'), lng).toContain(t('regions.saveOverride'));
      expect(hint('hostNotSinch'), lng).toContain(t('tools.regions'));
      expect(hint('hostNotHttps'), lng).toContain(t('regions.overrideSummary'));
      expect(hint('functionHostUnconfirmed'), lng).toContain(confirm);
      expect(hint('functionHostUnconfirmed'), lng).toContain(t('functionCheck.run'));
      expect(hint('exportPathUnapproved'), lng).toContain(t('export.choose'));
      expect(hint('doctorNoBackup'), lng).toContain(t('nav.doctor'));
      expect(hint('doctorBackupEmpty'), lng).toContain(t('doctor.startFresh'));
      for (const id of ['keychainLocked', 'keychainUnavailable', 'keychainTimeout'] as const)
        expect(hint(id), `${lng} ${id}`).toContain(t('keychain.recheck'));
      for (const id of ENGINE_TEXT_IDS) expect(hint(id), `${lng} ${id}`).not.toMatch(/--[a-z]/);
    }
  });

  it('the CLI’s hints name its flags, with the override target as the CLI spells it', () => {
    const cli = (id: EngineTextId, params: EngineTextParams) =>
      withCliHint(new AppError('HOST_NOT_ALLOWED', 'm', 'engine hint', { id, params }).toJSON()).hint;
    const facts = { host: 'proxy.example.com', kind: 'accessKey', target: 'numbers' } as const;
    expect(cli('hostNotSinch', facts)).toBe(
      'If you trust proxy.example.com (a proxy or a test server), confirm it: sinch-keys edit <profile> --base-url numbers=<url> --allow-host',
    );
    expect(cli('hostNotHttps', { ...facts, target: 'auth' })).toContain('--base-url auth=https://');
    expect(cli('functionHostUnconfirmed', facts)).toContain('run the check again with --allow-host');
    // A sentence whose hint names no control keeps the engine's.
    expect(cli('keychainLocked', { backend: 'secretService' })).toBe('engine hint');
  });
});

describe('the engine sends ids and facts', () => {
  const credential = { kind: 'accessKey', id: 'c1', keyId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' } as CredentialMeta;
  const profileWith = (url: string): Profile =>
    ({ id: 'p1', name: 'Acme', projectId: 'x', regions: {}, baseUrls: { numbers: { url, allowForeignHost: false } } }) as never;
  const refusal = (url: string) => {
    try {
      planTest({ profile: profileWith(url), credential, productId: 'numbers' });
    } catch (err) {
      return (err as AppError).toJSON();
    }
    throw new Error('the host was not refused');
  };

  it('a host that is not Sinch’s is refused as such, with the host, kind and override target as facts', () => {
    const error = refusal('https://proxy.example.com');
    expect(error).toMatchObject({ code: 'HOST_NOT_ALLOWED', text: { id: 'hostNotSinch' } });
    expect(error.text?.params).toEqual({ host: 'proxy.example.com', kind: 'accessKey', target: 'numbers' });
    expect(error.message).toBe(
      'Sinch Keys will not send a project access key (key ID and key secret) to proxy.example.com: it is not a Sinch host for Numbers.',
    );
  });

  it('a pasted text that is not a key block is refused by id, in the same English', () => {
    const error = (() => {
      try {
        recogniseKeyBlock('hello there');
      } catch (err) {
        return (err as AppError).toJSON();
      }
      throw new Error('the text was accepted');
    })();
    expect(error).toMatchObject({ code: 'IMPORT_FAILED', text: { id: 'keyBlockNone', params: {} } });
    expect(error.message).toBe(
      'This is not a key block: no Sinch project ID, key ID, key secret, application key or secret was found in it.',
    );
  });

  it('a credential of the wrong kind is refused with both kinds and the product as facts', () => {
    const mailgun = { kind: 'mailgun', id: 'c2', domain: 'mg.example.com' } as CredentialMeta;
    let error: ReturnType<AppError['toJSON']> | undefined;
    try {
      planTest({ profile: profileWith('https://numbers.api.sinch.com'), credential: mailgun, productId: 'numbers' });
    } catch (err) {
      error = (err as AppError).toJSON();
    }
    expect(error?.text).toEqual({
      id: 'testWrongKind',
      params: { product: 'numbers', neededKind: 'accessKey', kind: 'mailgun' },
    });
    expect(error?.message).toMatch(/^Numbers is called with a project access key .*, but this credential is /);
  });

  it('plain http to a host other than this computer is refused for that, before the host question', () => {
    expect(refusal('http://numbers.api.sinch.com').text?.id).toBe('hostNotHttps');
    expect(refusal('http://proxy.example.com').text?.id).toBe('hostNotHttps');
  });
});
