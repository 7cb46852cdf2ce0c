// Guided rotation through the engine against a stand-in for Sinch: the new key must pass where the old one passes
// before it replaces it; a failing new key leaves the old one, the file and the keychain exactly as they were.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeEngine } from '../../core/composition';
import { dispatch } from '../../core/engine';
import { MemorySecretStore } from '../../core/keychain';
import { secretAccount } from '../../core/profiles';
import { SettingsStore } from '../../core/settings-store';
import { productsForKind } from '../../shared/catalog';
import type { ProfileSummary, RotationResult } from '../../shared/views';
import { type FakeSinch, startFakeSinch } from '../support/fake-sinch';

const PROJECT = '0f6d3c52-8a51-4f0c-9a55-6a1c2b9e7d10';
const OLD = { keyId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', keySecret: 'old-secret-from-2025', projectId: PROJECT };
const NEW = { keyId: '2f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b', keySecret: 'new-secret-from-today', projectId: PROJECT };
const DAY = 86_400_000;

let dir: string;
let sinch: FakeSinch;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sinch-keys-rotation-'));
  sinch = await startFakeSinch({ keys: [OLD, NEW] });
});
afterAll(async () => {
  await sinch.close();
  rmSync(dir, { recursive: true, force: true });
});

async function profileWithOldKey(ageDays: number) {
  const folder = mkdtempSync(join(dir, 'p-'));
  const settings = SettingsStore.at(folder);
  const secrets = new MemorySecretStore();
  const { handlers } = composeEngine({ settings, secrets, version: 'test' });
  const call = async <T>(op: string, input: unknown): Promise<T> => {
    const r = await dispatch(handlers, op, input);
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.value as T;
  };
  const overrides = Object.fromEntries(
    [...productsForKind('accessKey').map((p) => p.id), 'auth'].map((t) => [
      t,
      { url: t === 'auth' ? sinch.tokenUrl : sinch.url, allowForeignHost: true },
    ]),
  );
  const { id: profileId } = await call<{ id: string }>('profiles.create', {
    name: 'Acme',
    projectId: PROJECT,
    baseUrls: overrides,
  });
  const { id: credentialId } = await call<{ id: string }>('credentials.add', {
    profileId,
    credential: { kind: 'accessKey', keyId: OLD.keyId, secret: OLD.keySecret, label: 'ci' },
  });
  // The key was made long ago: back-date it in the file, as if it had been saved then.
  const createdAt = new Date(Date.now() - ageDays * DAY).toISOString();
  await settings.update((s) => ({
    ...s,
    profiles: s.profiles.map((p) => ({ ...p, credentials: p.credentials.map((c) => ({ ...c, createdAt })) })),
  }));
  const account = secretAccount(profileId, credentialId);
  return { call, secrets, account, ids: { profileId, credentialId }, file: join(folder, 'config.json') };
}

describe('guided rotation', () => {
  it('swaps in a new key that passes where the old one passed, removes the old secret and restarts the age', async () => {
    const { call, secrets, account, ids } = await profileWithOldKey(200);
    const [before] = await call<ProfileSummary[]>('profiles.list', {});
    expect(before?.oldestKeyAge).toMatchObject({ days: 200, maxDays: 90, overdue: true });

    const result = await call<RotationResult>('credentials.rotate', { ...ids, publicId: NEW.keyId, secret: NEW.keySecret });
    expect(result.rotated).toBe(true);
    expect(result.required).toContain('numbers');
    expect(result.credential).toMatchObject({ keyId: NEW.keyId, label: 'ci' });
    expect(await secrets.get(account)).toBe(NEW.keySecret);
    const [after] = await call<ProfileSummary[]>('profiles.list', {});
    expect(after?.oldestKeyAge).toMatchObject({ days: 0, overdue: false });
  });

  it('keeps the old key when the new one fails its test, and says why', async () => {
    const { call, secrets, account, ids, file } = await profileWithOldKey(10);
    const fileBefore = readFileSync(file, 'utf8');
    const result = await call<RotationResult>('credentials.rotate', { ...ids, publicId: NEW.keyId, secret: 'mistyped-secret' });
    expect(result.rotated).toBe(false);
    expect(result.reason).toMatch(/old key stays in place/);
    expect(result.after.find((c) => c.productId === 'numbers')?.verdict).toBe('wrongSecret');
    expect(await secrets.get(account)).toBe(OLD.keySecret);
    expect(readFileSync(file, 'utf8')).toBe(fileBefore);
    expect(JSON.stringify(result)).not.toContain('mistyped-secret');
  });

  it('refuses a "rotation" to the secret already stored, so the age cannot restart without a new key', async () => {
    const { call, ids } = await profileWithOldKey(100);
    await expect(call('credentials.rotate', { ...ids, secret: OLD.keySecret })).rejects.toThrow(/already stored/);
    const [after] = await call<ProfileSummary[]>('profiles.list', {});
    expect(after?.oldestKeyAge).toMatchObject({ days: 100, overdue: true });
  });
});
