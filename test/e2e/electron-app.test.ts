// The same journey in the desktop app itself: Playwright starts Electron on this checkout (main process, preload,
// app:// protocol, IPC) with a settings folder of its own, and the window talks to a stand-in for Sinch on 127.0.0.1.
// Secrets go to the Secret Service under the app's own service name, which `npm test` points at a throwaway keyring.
// Electron's binary is downloaded on first start, so a machine that never had network access has none: then, and
// only then, this spec is skipped, and says why.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE, KeychainStore } from '../../core/keychain';
import { SettingsStore } from '../../core/settings-store';
import { type FakeSinch, startFakeSinch } from '../support/fake-sinch';
import { findElectronBinary } from './support/electron-binary';
import {
  createProfile,
  deleteProfile,
  fillAccessKey,
  openAddCredential,
  openTool,
  overrideBaseUrl,
  runProductTest,
  selectedProfileId,
  textOf,
} from './support/journey';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const electron = findElectronBinary(ROOT);
const PROFILE = { name: 'Acme Desktop', projectId: '5b8e1f2c-9d4a-4e6b-a3c7-8f0d2e4b6a19', environment: 'dev' };
const KEY = { keyId: 'c7a3e9f1-4b2d-4c8e-9f6a-1d3b5e7f9a20', keySecret: 'e2e-Desktop.Secret_4hT8wZ1p' };
const TITLE = 'adds a profile and an access key, tests Numbers against a stand-in for Sinch, and deletes the profile';

if (electron.reason) console.log(`Electron end-to-end spec skipped: Electron binary not installed — ${electron.reason}`);

let app: ElectronApplication | undefined;
let fake: FakeSinch;
let userData: string;

beforeAll(async () => {
  if (!electron.path) return;
  // Main and preload bundles (the renderer is built by the global setup).
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  fake = await startFakeSinch({ keys: [{ ...KEY, projectId: PROFILE.projectId }] });
  userData = mkdtempSync(join(tmpdir(), 'sinch-keys-electron-'));
  app = await _electron.launch({
    executablePath: electron.path,
    // Chromium's --user-data-dir moves app.getPath('userData'), so the profiles file is this test's own.
    args: ['.', `--user-data-dir=${userData}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    cwd: ROOT,
  });
});

afterAll(async () => {
  await app?.close();
  await fake?.close();
  if (userData) rmSync(userData, { recursive: true, force: true });
});

describe('Sinch Keys as a desktop app (Electron)', () => {
  it.skipIf(!electron.path)(
    electron.path ? TITLE : `${TITLE} (skipped: Electron binary not installed — ${electron.reason})`,
    async () => {
      if (!app) throw new Error('Electron did not start');
      const page = await app.firstWindow();
      page.setDefaultTimeout(10_000);
      expect(await page.getByTestId('keychain-badge').getAttribute('data-state')).toBe('ok');

      await createProfile(page, PROFILE);
      const profileId = await selectedProfileId(page);
      await openAddCredential(page);
      await fillAccessKey(page, KEY);
      const settings = SettingsStore.at(userData).read();
      const credentialId = settings.profiles.find((p) => p.id === profileId)?.credentials[0]?.id;
      const keychain = new KeychainStore({ service: KEYCHAIN_SERVICE });
      expect(await keychain.get(`${profileId}/${credentialId}`)).toBe(KEY.keySecret);

      await openTool(page, 'regions');
      expect((await overrideBaseUrl(page, 'numbers', fake.url)).savableWithoutConfirmation).toBe(false);
      expect((await overrideBaseUrl(page, 'auth', fake.tokenUrl)).savableWithoutConfirmation).toBe(false);
      await openTool(page, 'test');
      const result = await runProductTest(page, 'numbers');
      expect([result.outcome, result.status]).toEqual(['ok', '200']);
      expect(fake.tokenRequests).toHaveLength(1);
      expect(fake.apiRequests.map((r) => r.url)).toEqual([`/v1/projects/${PROFILE.projectId}/availableRegions`]);

      await deleteProfile(page, profileId);
      await textOf(page.getByTestId('welcome'));
      expect(await keychain.get(`${profileId}/${credentialId}`)).toBeNull();
    },
    60_000,
  );
});
