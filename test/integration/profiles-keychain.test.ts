// Profiles against the real Secret Service (gnome-keyring in the private D-Bus session that `npm test` starts)
// and a real settings file in a temporary folder.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeychainStore } from '../../core/keychain';
import type { SecretStore } from '../../core/ports';
import { ProfileService, secretAccount } from '../../core/profiles';
import { SettingsStore } from '../../core/settings-store';
import { AppError } from '../../shared/errors';
import { FaultySettingsFile } from '../support/faulty-settings-file';
import { rejection } from '../support/rejection';

const KEY_ID = '3f0c6f0e-1b7a-4c2e-9f57-2a8f2f1d9b11';
const PROJECT_ID = 'a1b2c3d4-e5f6-4711-8899-aabbccddeeff';
const SECRET = 'Sup3r-Secret_Key~value.42';

let dir: string;
let service: string;
let keychain: KeychainStore;

const settingsAt = (cwd: string) => SettingsStore.at(cwd);
const makeProfiles = (secrets: SecretStore = keychain, settings = settingsAt(dir)) => new ProfileService({ settings, secrets });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sinch-keys-profiles-'));
  service = `sinch-keys-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
  keychain = new KeychainStore({ service, timeoutMs: 5000 });
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('profiles with secrets in the OS keychain', () => {
  it('stores the key secret in the keychain and only metadata in the settings file', async () => {
    const profiles = makeProfiles();
    const profile = await profiles.create({ name: 'Acme prod', projectId: PROJECT_ID, environment: 'prod' });
    const credential = await profiles.addCredential(profile.id, {
      kind: 'accessKey',
      keyId: KEY_ID,
      secret: SECRET,
      label: 'CI key',
    });

    const fresh = new KeychainStore({ service });
    expect(await fresh.get(secretAccount(profile.id, credential.id))).toBe(SECRET);
    const file = readFileSync(join(dir, 'config.json'), 'utf8');
    expect(file).toContain(KEY_ID);
    expect(file).not.toContain(SECRET);
    expect(file).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(await profiles.readSecret(profile.id, credential.id)).toBe(SECRET);
  });

  it('a second process (the CLI) opening the same file sees the same profiles', async () => {
    const app = makeProfiles();
    const profile = await app.create({ name: 'Shared', projectId: PROJECT_ID });
    await app.addCredential(profile.id, { kind: 'accessKey', keyId: KEY_ID, secret: SECRET });
    const cli = makeProfiles(new KeychainStore({ service }), settingsAt(dir));
    expect(cli.find('shared').credentials).toHaveLength(1);
  });

  it('deleting a profile removes its keychain entries too', async () => {
    const profiles = makeProfiles();
    const profile = await profiles.create({ name: 'Temp' });
    const a = await profiles.addCredential(profile.id, { kind: 'accessKey', keyId: KEY_ID, secret: SECRET });
    const b = await profiles.addCredential(profile.id, {
      kind: 'mailgun',
      domain: 'mg.example.com',
      region: 'eu',
      secret: 'key-0123456789abcdef',
    });
    await profiles.remove(profile.id);
    expect(await keychain.get(secretAccount(profile.id, a.id))).toBeNull();
    expect(await keychain.get(secretAccount(profile.id, b.id))).toBeNull();
    expect(profiles.list()).toEqual([]);
  });

  it('rotating a secret replaces it in the keychain and keeps the credential id', async () => {
    const profiles = makeProfiles();
    const profile = await profiles.create({ name: 'Rotate' });
    const app = await profiles.addCredential(profile.id, {
      kind: 'applicationKey',
      applicationKey: KEY_ID,
      secret: 'BeIukql3pTKJ8RGL5zo0DA==',
    });
    const edited = await profiles.updateCredential(profile.id, app.id, { secret: 'JViE5vDor0Sw3WllZka15Q==', label: 'new' });
    expect(edited.id).toBe(app.id);
    expect(edited.label).toBe('new');
    expect(await profiles.readSecret(profile.id, app.id)).toBe('JViE5vDor0Sw3WllZka15Q==');
  });

  it('a failed keychain write leaves no metadata behind', async () => {
    const broken: SecretStore = {
      backend: 'secretService',
      get: async () => null,
      set: async () => {
        throw new AppError('KEYCHAIN_LOCKED', 'locked');
      },
      delete: async () => false,
      accounts: async () => [],
    };
    const profiles = makeProfiles(broken);
    const profile = await profiles.create({ name: 'Locked' });
    const err = await rejection(profiles.addCredential(profile.id, { kind: 'accessKey', keyId: KEY_ID, secret: SECRET }));
    expect(err.code).toBe('KEYCHAIN_LOCKED');
    expect(profiles.get(profile.id).credentials).toEqual([]);
  });

  it('a failed settings write removes the secret it had just stored', async () => {
    const file = new FaultySettingsFile(dir);
    const profiles = makeProfiles(keychain, new SettingsStore(file));
    const profile = await profiles.create({ name: 'Disk full' });
    file.failWrites = true;
    const err = await rejection(profiles.addCredential(profile.id, { kind: 'accessKey', keyId: KEY_ID, secret: SECRET }));
    expect(err.message).toContain('ENOSPC');
    file.failWrites = false;
    expect(profiles.get(profile.id).credentials).toEqual([]);
    // No orphaned secret: the service holds no entry for this profile's would-be credential ids.
    const { findCredentials } = await import('@napi-rs/keyring');
    expect(findCredentials(service)).toEqual([]);
  });
});

describe('input validation with clear messages', () => {
  it.each([
    [{ kind: 'accessKey', keyId: 'not-a-uuid', secret: SECRET }, 'Key ID must look like a UUID'],
    [{ kind: 'applicationKey', applicationKey: KEY_ID, secret: 'not base64!' }, 'Application secret must be base64'],
    [{ kind: 'accessKey', keyId: KEY_ID, secret: '' }, 'Key secret is required'],
    [{ kind: 'mailgun', domain: 'not a domain', secret: 'key-1' }, 'Mailgun domain must be a domain name'],
    [{ kind: 'servicePlan', servicePlanId: 'abc', secret: 'tok' }, 'Service plan ID is 8 to 64'],
  ])('rejects %o', async (input, message) => {
    const profiles = makeProfiles();
    const profile = await profiles.create({ name: 'Validation' });
    const err = await rejection(profiles.addCredential(profile.id, input as never));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain(message);
    expect(err.message).not.toContain(SECRET);
  });

  it('rejects a plain-http base URL to a remote host but accepts https and loopback', async () => {
    const profiles = makeProfiles();
    const bad = profiles.create({
      name: 'Http',
      baseUrls: { numbers: { url: 'http://numbers.example.com', allowForeignHost: true } },
    });
    await expect(bad).rejects.toThrowError(/must use https/);
    const ok = await profiles.create({
      name: 'Proxy',
      baseUrls: { numbers: { url: 'http://127.0.0.1:8080/', allowForeignHost: true } },
    });
    expect(ok.baseUrls.numbers?.url).toBe('http://127.0.0.1:8080');
  });

  it('refuses two profiles with the same name, ignoring case', async () => {
    const profiles = makeProfiles();
    await profiles.create({ name: 'Acme' });
    await expect(profiles.create({ name: 'acme ' })).rejects.toThrowError(/already exists/);
  });
});

describe('a damaged settings file', () => {
  it('is refused loudly, copied aside byte for byte, and never written over', async () => {
    const damaged = '{"version":1,"profiles":[{"broken';
    writeFileSync(join(dir, 'config.json'), damaged);
    const profiles = makeProfiles();
    expect(() => profiles.list()).toThrowError(/is not valid JSON.*A copy was kept as \S+config\.json\.damaged-/);
    const err = await rejection(profiles.create({ name: 'Fresh start' }));
    expect(err.code).toBe('SETTINGS_CORRUPT');
    expect(err.hint).toContain('sinch-keys doctor');
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(damaged);
    const backup = settingsAt(dir).damage()?.backupPath ?? '';
    expect(readFileSync(backup, 'utf8')).toBe(damaged);
  });
});

describe('duplicates', () => {
  it('refuses the same key twice in one profile and points to editing it instead', async () => {
    const profiles = makeProfiles();
    const profile = await profiles.create({ name: 'Twice' });
    await profiles.addCredential(profile.id, { kind: 'accessKey', keyId: KEY_ID, secret: SECRET });
    const err = await rejection(
      profiles.addCredential(profile.id, { kind: 'accessKey', keyId: KEY_ID.toUpperCase(), secret: 'other' }),
    );
    expect(err.code).toBe('CONFLICT');
    expect(err.hint).toContain('Edit the existing credential');
    expect(profiles.get(profile.id).credentials).toHaveLength(1);
  });
});

describe('editing a credential', () => {
  it('rotating the secret keeps the label and the other fields', async () => {
    const profiles = makeProfiles();
    const profile = await profiles.create({ name: 'Keep label' });
    const c = await profiles.addCredential(profile.id, {
      kind: 'mailgun',
      domain: 'mg.example.com',
      region: 'eu',
      label: 'billing',
      secret: 'key-1',
    });
    const rotated = await profiles.updateCredential(profile.id, c.id, { secret: 'key-2' });
    expect(rotated).toMatchObject({ label: 'billing', domain: 'mg.example.com', region: 'eu' });
    expect(await profiles.readSecret(profile.id, c.id)).toBe('key-2');
  });
});
