// The default credential of a kind is the newest whose last test worked, else the newest; its verdict is kept in
// the settings file for exactly the secret that was tested.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../core/keychain';
import { ProfileService } from '../../core/profiles';
import { SettingsStore } from '../../core/settings-store';
import { defaultOrder, defaultReasonOf, selectCredentials } from '../../shared/env-vars';
import type { CredentialMeta, LastTest } from '../../shared/profile';

const KEY_A = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const KEY_B = '2f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const works: LastTest = { verdict: 'works', productId: 'numbers', at: '2026-11-30T10:00:00.000Z' };
const refused: LastTest = { verdict: 'wrongSecret', productId: 'numbers', at: '2026-11-30T11:00:00.000Z' };

const key = (keyId: string, createdAt: string, lastTest?: LastTest): CredentialMeta => ({
  kind: 'accessKey',
  id: keyId.slice(0, 4),
  keyId,
  label: '',
  createdAt,
  updatedAt: createdAt,
  ...(lastTest ? { lastTest } : {}),
});

describe('the default order', () => {
  const older = '2026-01-01T00:00:00.000Z';
  const newer = '2026-06-01T00:00:00.000Z';

  it('takes the newest key whose last test worked over a newer one that failed or was never tested', () => {
    for (const newest of [key(KEY_B, newer), key(KEY_B, newer, refused)]) {
      const working = key(KEY_A, older, works);
      expect(defaultOrder([newest, working])[0]).toBe(working);
      expect(defaultReasonOf(working, [newest, working])).toBe('newestWorking');
    }
  });

  it('falls back to the newest when none has worked, and among working keys takes the newest', () => {
    const a = key(KEY_A, older, refused);
    const b = key(KEY_B, newer);
    expect(defaultOrder([a, b])[0]).toBe(b);
    expect(defaultReasonOf(b, [a, b])).toBe('newestUntested');
    const both = [key(KEY_A, older, works), key(KEY_B, newer, works)];
    expect(defaultOrder(both)[0]).toBe(both[1]);
    expect(defaultReasonOf(both[0] as CredentialMeta, both.slice(0, 1))).toBe('only');
  });

  it('is what env, export and exec use for a kind unless a credential is named', () => {
    const profile = {
      id: 'p',
      name: 'Pair',
      projectId: '',
      environment: 'prod',
      notes: '',
      baseUrls: {},
      regions: {},
      credentials: [key(KEY_B, newer), key(KEY_A, older, works)],
      createdAt: older,
      updatedAt: older,
    };
    expect(selectCredentials(profile).accessKey?.keyId).toBe(KEY_A);
    expect(selectCredentials(profile, [KEY_B.slice(0, 4)]).accessKey?.keyId).toBe(KEY_B);
  });
});

describe('remembering a verdict', () => {
  let dir: string;
  let profiles: ProfileService;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sinch-keys-verdict-'));
    profiles = new ProfileService({ settings: SettingsStore.at(dir), secrets: new MemorySecretStore() });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps it for the secret that was tested, leaves its version alone, and drops it with a new secret', async () => {
    const { id } = await profiles.create({ name: 'Pair' });
    const tested = await profiles.addCredential(id, { kind: 'accessKey', keyId: KEY_A, secret: 'first-secret-value' });
    await profiles.recordTest(id, tested, works);
    const remembered = profiles.credential(id, tested.id).credential;
    expect(remembered.lastTest).toEqual(works);
    expect(remembered.updatedAt).toBe(tested.updatedAt);

    // Rotated while a second test ran: that test's verdict was about the old secret, not this one.
    await new Promise((r) => setTimeout(r, 5));
    const rotated = await profiles.updateCredential(id, tested.id, { secret: 'second-secret-value' });
    expect(rotated.lastTest).toBeUndefined();
    await profiles.recordTest(id, tested, refused);
    expect(profiles.credential(id, tested.id).credential.lastTest).toBeUndefined();
    await profiles.recordTest(id, rotated, works);
    expect(profiles.credential(id, tested.id).credential.lastTest).toEqual(works);
  });
});
