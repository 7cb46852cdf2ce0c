// The Function check through the engine (issue 11 item 4): the key goes to a Function host only once the user has
// confirmed that host for this profile, and the confirmation is remembered in the settings file, not asked again.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { composeEngine } from '../../core/composition';
import { dispatch } from '../../core/engine';
import { MemorySecretStore } from '../../core/keychain';
import { SettingsStore } from '../../core/settings-store';
import { sendJson, startLocalServer } from '../support/local-server';

const dir = mkdtempSync(join(tmpdir(), 'sinch-keys-function-hosts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('asks once per function host, remembers it on the profile, and asks again for another host', async () => {
  const engine = composeEngine({
    settings: SettingsStore.at(dir),
    secrets: new MemorySecretStore(),
    version: 'test',
  });
  const fn = await startLocalServer((_req, res) => sendJson(res, 401, {}));
  const other = await startLocalServer((_req, res) => sendJson(res, 401, {}));
  try {
    const profile = await engine.handlers['profiles.create']({
      name: 'Fn',
      projectId: '',
      environment: 'prod',
      notes: '',
      regions: {},
      baseUrls: {},
    });
    const credential = await engine.handlers['credentials.add']({
      profileId: profile.id,
      credential: { kind: 'accessKey', keyId: '3f0c6f0e-1b7a-4c2e-9f57-2a8f2f1d9b11', secret: 'fn-secret', label: '' },
    });
    const ref = { profileId: profile.id, credentialId: credential.id };
    const test = (url: string, allowForeignHost: boolean) =>
      dispatch(engine.handlers, 'request.testFunction', { ...ref, url, allowForeignHost });

    expect(await test(`${fn.url}/hook`, false)).toMatchObject({ ok: false, error: { code: 'HOST_NOT_ALLOWED' } });
    expect(fn.requests).toHaveLength(0);
    expect(await test(`${fn.url}/hook`, true)).toMatchObject({ ok: true });
    const host = new URL(fn.url).host;
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).profiles[0].functionHosts).toEqual([host]);
    expect(await test(`${fn.url}/another`, false)).toMatchObject({ ok: true });
    expect(fn.requests).toHaveLength(4);
    expect(await test(`${other.url}/hook`, false)).toMatchObject({ ok: false, error: { code: 'HOST_NOT_ALLOWED' } });
    expect(other.requests).toHaveLength(0);
  } finally {
    await fn.close();
    await other.close();
  }
});
