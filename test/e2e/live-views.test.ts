// Browser mode notices what other processes do to the profiles: the CLI adds a profile and the open page lists it,
// the CLI deletes the open profile and the page says so, each within a second of the command finishing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeEngine } from '../../core/composition';
import { dispatch } from '../../core/engine';
import { KeychainStore } from '../../core/keychain';
import { SettingsStore } from '../../core/settings-store';
import en from '../../shared/locales/en.json';
import { cleanEnv, runCli } from '../support/cli';
import { type BrowserApp, startBrowserApp } from './support/browser-app';
import { openTool } from './support/journey';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KEY_ID = 'c4d2e8f1-3b5a-4e7c-9d1f-2a6b8c0e4f13';
/** The access key fake Sinch knows; two profiles hold its ID, one with its secret and one with a mistyped one. */
const TOKEN_KEY = {
  keyId: '8e1f4a2b-6c3d-4b5e-9f70-1a2b3c4d5e6f',
  keySecret: 'the-right-secret',
  projectId: '0f6d3c52-8a51-4f0c-9a55-6a1c2b9e7d10',
};

let app: BrowserApp;
let cli: (args: string[], stdin?: string) => ReturnType<typeof runCli>;

beforeAll(async () => {
  app = await startBrowserApp({ keys: [TOKEN_KEY], rendererDir: join(ROOT, 'dist', 'renderer') });
  const env = cleanEnv(app.env);
  cli = (args, stdin) => runCli(args, env, stdin);
  await app.page.goto(app.server.launchUrl);
  await app.page.getByTestId('welcome').waitFor();
});
afterAll(() => app?.close());

/** Milliseconds from now until the locator shows up (or the test's timeout). */
async function msUntil(locator: ReturnType<BrowserApp['page']['locator']>): Promise<number> {
  const since = performance.now();
  await locator.waitFor({ timeout: 5000 });
  return performance.now() - since;
}

describe('changes by another process appear in the open page', () => {
  it('a profile added by the CLI is listed and opened without a reload', async () => {
    const added = await cli(['add', 'From the CLI', '--kind', 'access-key', '--key-id', KEY_ID], 'cli-secret\n');
    expect(added.code, added.stderr).toBe(0);
    const item = app.page.getByTestId('profile-item').filter({ hasText: 'From the CLI' });
    expect(await msUntil(item)).toBeLessThan(1000);
    await expect.poll(() => app.page.getByTestId('profile-title').textContent()).toBe('From the CLI');
  });

  it('an edit by the CLI shows in the open profile', async () => {
    const edited = await cli(['edit', 'From the CLI', '--name', 'Renamed by the CLI']);
    expect(edited.code, edited.stderr).toBe(0);
    expect(await msUntil(app.page.getByTestId('profile-title').filter({ hasText: 'Renamed by the CLI' }))).toBeLessThan(1000);
  });

  it('deleting the open profile from the CLI says so, and the page goes back to the empty state', async () => {
    const removed = await cli(['remove', 'Renamed by the CLI']);
    expect(removed.code, removed.stderr).toBe(0);
    const notice = app.page.getByTestId('toast').filter({ hasText: en.live.deletedTitle });
    expect(await msUntil(notice)).toBeLessThan(1000);
    await expect.poll(() => notice.textContent()).toContain('Renamed by the CLI');
    await app.page.getByTestId('welcome').waitFor();
  });
});

describe('a settings file damaged while the page is open', () => {
  it('shows the banner, and the Doctor panel brings the readable profiles back', async () => {
    const added = await cli(['add', 'Survivor', '--kind', 'access-key', '--key-id', KEY_ID], 'survivor-secret\n');
    expect(added.code, added.stderr).toBe(0);
    await app.page.getByTestId('profile-item').filter({ hasText: 'Survivor' }).waitFor();
    // Another program breaks one profile of the file: the whole file no longer matches the format.
    const file = join(app.dir, 'config.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.profiles.push({ id: 'broken', name: 42 });
    writeFileSync(file, JSON.stringify(json));

    await app.page.getByTestId('settings-recovery-banner').waitFor();
    await app.page.getByTestId('open-doctor').click();
    await app.page.getByTestId('doctor-damage').waitFor();
    await app.page.getByTestId('doctor-backup').getByRole('button').click();
    await app.page.getByTestId('doctor-healthy').waitFor();
    await app.page.getByTestId('settings-recovery-banner').waitFor({ state: 'detached' });
    await app.page.getByTestId('nav-profiles').click();
    await expect.poll(() => app.page.getByTestId('profile-title').textContent()).toBe('Survivor');
  });
});

describe('token events in the open page', () => {
  it("another profile's token for the same key ID never shows in this profile's card", async () => {
    const { engine, fake, page } = app;
    // Profiles come from another door on the same file and keychain, so the page hears of them.
    const other = composeEngine({
      settings: SettingsStore.at(app.dir),
      secrets: new KeychainStore({ service: app.env.SINCH_KEYS_KEYCHAIN_SERVICE }),
      version: 'test',
    });
    const withSecret = async (name: string, secret: string) => {
      const profile = await other.profiles.create(
        { name, projectId: TOKEN_KEY.projectId, baseUrls: { auth: { url: fake.tokenUrl, allowForeignHost: true } } },
        [{ kind: 'accessKey', keyId: TOKEN_KEY.keyId, secret }],
      );
      return { profileId: profile.id, credentialId: profile.credentials[0]?.id };
    };
    const right = await withSecret('Right secret', TOKEN_KEY.keySecret);
    const wrong = await withSecret('Wrong secret', 'a-mistyped-secret');
    await page.getByTestId('profile-item').filter({ hasText: 'Wrong secret' }).click();
    await expect.poll(() => page.getByTestId('profile-title').textContent()).toBe('Wrong secret');
    await openTool(page, 'token');
    const status = page.getByTestId('token-status');
    await expect.poll(() => status.textContent()).toBe(en.token.status.none);

    // Its own exchange, refused, is shown as it happens...
    expect(await dispatch(engine.handlers, 'token.refresh', wrong)).toMatchObject({ ok: false });
    const card = page.getByTestId('token-card');
    await card.getByText(en.errors.TOKEN_INVALID_CLIENT).waitFor();
    // ...the other profile's exchange, which works, is not: its events come first on the same stream as the list
    // change after them, so once the new profile is listed, the card has had every chance to show "Valid".
    expect(await dispatch(engine.handlers, 'token.refresh', right)).toMatchObject({ ok: true, value: { status: 'valid' } });
    await other.profiles.create({ name: 'After the refresh' });
    await page.getByTestId('profile-item').filter({ hasText: 'After the refresh' }).waitFor();
    expect(await status.textContent()).toBe(en.token.status.none);
    await card.getByText(en.errors.TOKEN_INVALID_CLIENT).waitFor();
  });
});
