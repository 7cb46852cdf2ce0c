// The token card's two calls, refresh and status, through the engine: they must agree on which token they mean,
// and refresh must pass the same host guard as a test request before the key secret goes anywhere.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeEngine } from '../../core/composition';
import { dispatch } from '../../core/engine';
import { MemorySecretStore } from '../../core/keychain';
import { SettingsStore } from '../../core/settings-store';
import { type FakeSinch, startFakeSinch } from '../support/fake-sinch';

const KEY = {
  keyId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  keySecret: 'token-card-secret',
  projectId: '0f6d3c52-8a51-4f0c-9a55-6a1c2b9e7d10',
};

let dir: string;
let sinch: FakeSinch;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sinch-keys-engine-tokens-'));
  sinch = await startFakeSinch({ keys: [KEY] });
});
afterAll(async () => {
  await sinch.close();
  rmSync(dir, { recursive: true, force: true });
});

async function profileWithKey(authUrl: string, allowForeignHost: boolean) {
  const { handlers } = composeEngine({
    settings: SettingsStore.at(mkdtempSync(join(dir, 'p-'))),
    secrets: new MemorySecretStore(),
    version: 'test',
  });
  const call = (op: string, input: unknown) => dispatch(handlers, op, input);
  const created = await dispatch(handlers, 'profiles.create', { name: 'Tokens', projectId: KEY.projectId });
  if (!created.ok) throw new Error(created.error.message);
  const profileId = created.value.id;
  const added = await dispatch(handlers, 'credentials.add', {
    profileId,
    credential: { kind: 'accessKey', keyId: KEY.keyId, secret: KEY.keySecret },
  });
  if (!added.ok) throw new Error(added.error.message);
  await dispatch(handlers, 'profiles.setOverride', { profileId, target: 'auth', url: authUrl, allowForeignHost });
  return { call, ids: { profileId, credentialId: added.value.id } };
}

describe('the token card through the engine', () => {
  it('shows the token that refresh just obtained, however the override URL was spelled', async () => {
    const spelled = sinch.tokenUrl.replace('http://', 'HTTP://');
    const { call, ids } = await profileWithKey(spelled, true);
    expect(await call('token.refresh', ids)).toMatchObject({ ok: true, value: { status: 'valid' } });
    expect(await call('token.status', ids)).toMatchObject({ ok: true, value: { status: 'valid' } });
  });

  it('refuses to refresh through an unconfirmed foreign token URL, and nothing is sent there', async () => {
    const before = sinch.tokenRequests.length;
    const { call, ids } = await profileWithKey(sinch.tokenUrl, false);
    expect(await call('token.refresh', ids)).toMatchObject({ ok: false, error: { code: 'HOST_NOT_ALLOWED' } });
    expect(sinch.tokenRequests.length).toBe(before);
  });
});

describe('two profiles with one key ID and different secrets, in one running engine', () => {
  const WRONG = 'a-mistyped-secret';

  async function twoProfiles() {
    const { handlers } = composeEngine({
      settings: SettingsStore.at(mkdtempSync(join(dir, 'p-'))),
      secrets: new MemorySecretStore(),
      version: 'test',
    });
    const call = (op: string, input: unknown) => dispatch(handlers, op, input);
    const withSecret = async (name: string, secret: string) => {
      const allowed = { url: sinch.url, allowForeignHost: true };
      const created = await dispatch(handlers, 'profiles.create', {
        name,
        projectId: KEY.projectId,
        baseUrls: { auth: { url: sinch.tokenUrl, allowForeignHost: true }, numbers: allowed },
      });
      if (!created.ok) throw new Error(created.error.message);
      const added = await dispatch(handlers, 'credentials.add', {
        profileId: created.value.id,
        credential: { kind: 'accessKey', keyId: KEY.keyId, secret },
      });
      if (!added.ok) throw new Error(added.error.message);
      return { profileId: created.value.id, credentialId: added.value.id, productId: 'numbers', scheme: 'bearer' };
    };
    return { call, right: await withSecret('Right secret', KEY.keySecret), wrong: await withSecret('Wrong secret', WRONG) };
  }
  const verdict = async (call: (op: string, input: unknown) => Promise<unknown>, input: unknown) => {
    const result = (await call('request.test', input)) as { ok: boolean; value?: { ok: boolean } };
    if (!result.ok) throw new Error('the test request itself failed');
    return result.value?.ok ? 'works' : 'rejected';
  };

  it('the right one works and the wrong one is rejected, tested in that order', async () => {
    const { call, right, wrong } = await twoProfiles();
    expect(await verdict(call, right)).toBe('works');
    expect(await verdict(call, wrong)).toBe('rejected');
  });

  it('the wrong one is rejected and the right one works, tested in that order', async () => {
    const { call, right, wrong } = await twoProfiles();
    expect(await verdict(call, wrong)).toBe('rejected');
    expect(await verdict(call, right)).toBe('works');
    expect(await verdict(call, wrong)).toBe('rejected');
  });
});
