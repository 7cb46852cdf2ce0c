// "Save and test" through the engine: a pasted key block becomes a profile (or joins the one with its project ID),
// its secret goes to the real keychain, and each new credential's test runs against Sinch's default hosts — answered
// by the stand-in (test/support/fake-sinch.ts), since real Sinch cannot be reached from tests.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComposedEngine, composeEngine } from '../../core/composition';
import { dispatch } from '../../core/engine';
import { KeychainStore } from '../../core/keychain';
import { SettingsStore } from '../../core/settings-store';
import type { ImportApplied, ImportPreview } from '../../shared/views';
import { atSinchHosts, type FakeSinch, startFakeSinch } from '../support/fake-sinch';

const PROJECT = '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f9a4c13';
const KEY = { keyId: 'b5e2d8c4-1a7f-4e93-a6d0-2c9f1e8b7a54', keySecret: 'import-Secret.Value_9f3K2mQ7xL', projectId: PROJECT };
const SECOND = { keyId: 'c6f3e9d5-2b8a-4f04-b7e1-3d0a2f9c8b65', keySecret: 'second-Secret.Value_4h7P1nR8yM', projectId: PROJECT };

let dir: string;
let fake: FakeSinch;
let engine: ComposedEngine;
const service = `sinch-keys-import-${randomUUID()}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sinch-keys-import-'));
  fake = await startFakeSinch({ keys: [KEY, SECOND] });
  engine = composeEngine({
    settings: SettingsStore.at(dir),
    secrets: new KeychainStore({ service }),
    version: 'test',
    fetch: atSinchHosts(fake),
  });
});

afterAll(async () => {
  for (const profile of engine.profiles.list()) await engine.profiles.remove(profile.id);
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(op: string, input: unknown): Promise<T> {
  const result = await dispatch(engine.handlers, op, input);
  if (!result.ok) throw new Error(`${op}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

const block = (key: typeof KEY) => `Project ID: ${key.projectId}\nKey ID: ${key.keyId}\nKey Secret: ${key.keySecret}\n`;

describe('save and test a pasted key block', () => {
  it('previews a new profile named after the project, with no secret in the preview', async () => {
    const preview = await call<ImportPreview>('import.preview', { text: block(KEY) });
    expect(preview.format).toBe('labelled-text');
    expect(preview.target).toEqual({ name: 'Project 3f6c2a1e' });
    expect(preview.credentials).toEqual([{ kind: 'accessKey', publicId: KEY.keyId, secretFound: true }]);
    expect(JSON.stringify(preview)).not.toContain(KEY.keySecret);
  });

  it('saves the profile, keeps the secret in the keychain only, and tests the key on Numbers at its default host', async () => {
    const applied = await call<ImportApplied>('import.apply', { text: block(KEY), test: true });
    expect(applied.profile.name).toBe('Project 3f6c2a1e');
    const [credential] = applied.added;
    expect(await new KeychainStore({ service }).get(`${applied.profile.id}/${credential?.id}`)).toBe(KEY.keySecret);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).not.toContain(KEY.keySecret);
    expect(applied.tests).toEqual([expect.objectContaining({ credentialId: credential?.id, productId: 'numbers', status: 200 })]);
    const [test] = applied.tests ?? [];
    expect(test && 'diagnosis' in test ? test.diagnosis.outcome : test).toBe('ok');
    expect(fake.tokenRequests.at(-1)?.headers['x-forwarded-host']).toBe('auth.sinch.com');
    const api = fake.apiRequests.at(-1);
    expect(api?.headers['x-forwarded-host']).toBe('numbers.api.sinch.com');
    expect(api?.url).toBe(`/v1/projects/${PROJECT}/availableRegions`);
    expect(JSON.stringify(applied)).not.toContain(KEY.keySecret);
  });

  it('adds a second key of the same project to that profile instead of making another', async () => {
    const preview = await call<ImportPreview>('import.preview', { text: block(SECOND) });
    const [existing] = engine.profiles.list();
    expect(preview.target).toEqual({ profileId: existing?.id, name: 'Project 3f6c2a1e' });
    const applied = await call<ImportApplied>('import.apply', { text: block(SECOND), test: true });
    expect(engine.profiles.list()).toHaveLength(1);
    expect(applied.added.map((c) => c.kind === 'accessKey' && c.keyId)).toEqual([SECOND.keyId]);
    expect(applied.profile.credentials).toHaveLength(2);
  });

  it('says the key is already saved when the same block is pasted again, and stores nothing twice', async () => {
    const preview = await call<ImportPreview>('import.preview', { text: block(KEY) });
    expect(preview.credentials[0]?.alreadySaved).toBe(true);
    const again = await dispatch(engine.handlers, 'import.apply', { text: block(KEY), test: true });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(engine.profiles.list()[0]?.credentials).toHaveLength(2);
  });

  it('saves a key Sinch refuses and shows the diagnosis in place of the verdict', async () => {
    const wrong = { keyId: randomUUID(), keySecret: 'not-the-right-secret-at-all', projectId: randomUUID() };
    const applied = await call<ImportApplied>('import.apply', { text: block(wrong), test: true });
    const [test] = applied.tests ?? [];
    expect(test && 'diagnosis' in test ? test.diagnosis.code : test).toBe('INVALID_KEY_SECRET');
    expect(engine.profiles.get(applied.profile.id).credentials).toHaveLength(1);
  });

  it('answers garbage with "not a key block" and creates nothing', async () => {
    const before = engine.profiles.list().length;
    const result = await dispatch(engine.handlers, 'import.apply', { text: 'just some notes', test: true });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_FAILED', message: expect.stringMatching(/not a key block/) },
    });
    expect(engine.profiles.list()).toHaveLength(before);
  });
});
