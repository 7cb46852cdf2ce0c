// One user's journey through the desktop app's UI in browser mode (`npm run web`): Chromium drives the built renderer,
// the loopback server and the real engine; secrets go to the real Secret Service (a throwaway keyring under
// `npm test`). Only Sinch is a stand-in (test/support/fake-sinch.ts) on 127.0.0.1. The steps run in order and share one
// page, as a user's session would; along the way they audit accessibility and take the README's screenshots.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../shared/locales/en.json';
import { openWebSession } from '../support/web-session';
import { type AxeReport, auditPage, describeReport } from './support/axe';
import { type BrowserApp, startBrowserApp } from './support/browser-app';
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
import { captureBothThemes, screenshotDir, setTheme, THEMES } from './support/screenshots';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCREENSHOT_DIR = screenshotDir(ROOT);
const README_PICTURES = join(ROOT, 'docs', 'screenshots');
/** The README's pictures as name → last change, to tell whether a run rewrote them. */
const picturesNow = () =>
  Object.fromEntries(readdirSync(README_PICTURES).map((name) => [name, statSync(join(README_PICTURES, name)).mtimeMs]));
const picturesBefore = picturesNow();
const runStartedAt = Date.now();

// Fixed values, so the screenshots show the same names and IDs on every run.
const PROFILE = { name: 'Acme Messaging', projectId: '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f9a4c13', environment: 'prod' };
const OTHER_PROFILE = { name: 'Acme Staging', projectId: '7d1e9b3a-2c5f-4a8e-b064-1f3e5a7c9d20', environment: 'staging' };
const APP_KEY = {
  applicationKey: '9a4f7c21-6e3b-4d58-8c1a-0b2e4f6d8a93',
  secret: 'BeIukql3pTKJ8RGL5zo0DA==',
  label: 'Voice app',
};
const KEY = { keyId: 'b5e2d8c4-1a7f-4e93-a6d0-2c9f1e8b7a54', keySecret: 'e2e-Secret.Value_9f3K2mQ7xL' };

let app: BrowserApp;
let profileId: string;
const audits: AxeReport[] = [];
const screenshots: string[] = [];

/** Audits the screen in both themes (contrast differs) and expects nothing serious or critical. */
async function expectAccessible(screen: string): Promise<void> {
  for (const theme of THEMES) {
    await setTheme(app.page, theme);
    const report = await auditPage(app.page, `${screen} (${theme})`);
    audits.push(report);
    expect(report.blocking, describeReport(report)).toEqual([]);
  }
  await setTheme(app.page, 'light');
}

const capture = async (screen: string) => screenshots.push(...(await captureBothThemes(app.page, SCREENSHOT_DIR, screen)));

/** A call through the browser-mode door itself, as any page with a session could make. */
async function callDoor(op: string, input: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
  const { cookie } = await openWebSession(app.server);
  const res = await fetch(`${app.server.url}/api/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(input),
  });
  return (await res.json()) as { ok: boolean; error?: { code: string } };
}

/**
 * One step of the journey. Steps share the page, so after a failure the next ones would only wait on a screen the user
 * never reached: they fail at once instead, naming the step that broke.
 */
let brokenAt: string | undefined;
function step(name: string, body: () => Promise<void>): void {
  it(name, async () => {
    if (brokenAt) throw new Error(`Not reached: the journey broke at "${brokenAt}".`);
    try {
      await body();
    } catch (err) {
      brokenAt = name;
      throw err;
    }
  });
}

/** Scrolls the element to the top of its scrolling area, so a screenshot frames it the same way on every run. */
const scrollToTop = (locator: Locator) =>
  locator.evaluate((element: { scrollIntoView(options: { block: 'start' }): void }) =>
    element.scrollIntoView({ block: 'start' }),
  );

const countdownSeconds = (text: string): number => {
  const [minutes, seconds] = text.split(':').map(Number);
  return (minutes ?? Number.NaN) * 60 + (seconds ?? Number.NaN);
};

beforeAll(async () => {
  app = await startBrowserApp({ keys: [{ ...KEY, projectId: PROFILE.projectId }], rendererDir: join(ROOT, 'dist', 'renderer') });
  await app.page.goto(app.server.launchUrl);
});

afterAll(async () => {
  await app?.close();
  for (const report of audits) console.log(describeReport(report));
  console.log(`screenshots written: ${screenshots.map((p) => p.slice(ROOT.length)).join(', ')}`);
});

describe('Sinch Keys in a browser, with the real keychain and a stand-in for Sinch', () => {
  step(
    'opens on its launch address, drops the token from the address bar and names the Secret Service as its keychain',
    async () => {
      const { page } = app;
      const badge = page.getByTestId('keychain-badge');
      expect(await textOf(badge)).toContain('Secret Service');
      expect(await badge.getAttribute('data-state')).toBe('ok');
      expect(page.url()).not.toContain('launch=');
      await page.getByTestId('welcome').waitFor();
      expect(await page.getByTestId('profile-item').count()).toBe(0);
      await capture('welcome');
    },
  );

  step('keeps working after a reload (session cookie and this tab’s proof key); the spent address opens nothing', async () => {
    const { page } = app;
    const spent = app.server.launchUrl;
    await page.reload();
    expect(await page.getByTestId('keychain-badge').getAttribute('data-state')).toBe('ok');
    await page.getByTestId('welcome').waitFor();
    // The address left in history, opened in a new tab: the token is spent and that tab has no proof key.
    const other = await app.context.newPage();
    await other.goto(spent);
    await other.getByText('This page has no session with Sinch Keys.').first().waitFor();
    await other.close();
  });

  step('creates a profile through the form and keeps its key secret in the keychain, not in the settings file', async () => {
    const { page } = app;
    // A second project, with a Voice application key for the debugger, as a user with several projects would have
    // (added through the engine: the forms are exercised on the first profile).
    const other = await app.engine.profiles.create(OTHER_PROFILE);
    await app.engine.profiles.addCredential(other.id, { kind: 'applicationKey', ...APP_KEY });
    await createProfile(page, PROFILE);
    profileId = await selectedProfileId(page);
    expect(await page.getByTestId('profile-item').count()).toBe(2);
    expect(await page.getByTestId('profile-project-id-value').textContent()).toBe(PROFILE.projectId);

    await openAddCredential(page);
    await expectAccessible('add-credential dialog');
    await fillAccessKey(page, KEY);

    expect(await textOf(page.getByTestId('credential-card'))).toContain(KEY.keyId);
    const [credential] = app.engine.profiles.get(profileId).credentials;
    expect(await app.keychain.get(`${profileId}/${credential?.id}`)).toBe(KEY.keySecret);
    expect(readFileSync(join(app.dir, 'config.json'), 'utf8')).not.toContain(KEY.keySecret);
    expect(await page.content()).not.toContain(KEY.keySecret);
    await expectAccessible('profile page');
  });

  step('sends Numbers and token requests to another host only once the user ticks the confirmation', async () => {
    const { page, fake } = app;
    await openTool(page, 'regions');
    const numbers = await overrideBaseUrl(page, 'numbers', fake.url);
    expect(numbers.savableWithoutConfirmation).toBe(false);
    expect(numbers.confirmationText).toContain(new URL(fake.url).host);
    expect(numbers.shownHost).toContain(fake.url);
    const auth = await overrideBaseUrl(page, 'auth', fake.tokenUrl);
    expect(auth.savableWithoutConfirmation).toBe(false);
    expect(auth.shownHost).toContain(fake.tokenUrl);

    // An override saved without the confirmation (the form cannot do that; the door can) is refused when used.
    const conversation = { profileId, target: 'conversation', url: fake.url, allowForeignHost: false };
    expect((await callDoor('profiles.setOverride', conversation)).ok).toBe(true);
    const credentialId = app.engine.profiles.get(profileId).credentials[0]?.id;
    const refused = await callDoor('request.test', { profileId, credentialId, productId: 'conversation', scheme: 'bearer' });
    expect(refused.error?.code).toBe('HOST_NOT_ALLOWED');
    expect(fake.requests).toHaveLength(0);
    expect((await callDoor('profiles.setOverride', { ...conversation, url: null })).ok).toBe(true);
  });

  step('refreshes the token from the token tab and shows it valid, with a countdown that runs down', async () => {
    const { page, fake } = app;
    await openTool(page, 'token');
    await page.getByTestId('token-refresh').click();
    expect(await textOf(page.getByTestId('token-status'), (t) => t === en.token.status.valid)).toBe('Valid');
    expect(fake.tokenRequests).toHaveLength(1);
    const countdown = page.getByTestId('token-countdown');
    const before = countdownSeconds(await textOf(countdown, (t) => /^\d+:\d\d$/.test(t)));
    expect(before).toBeGreaterThan(3500);
    await page.waitForTimeout(2100); // the behaviour under test is the passing of time
    const after = countdownSeconds((await countdown.textContent()) ?? '');
    expect(after).toBeLessThanOrEqual(before - 1);
    expect(after).toBeGreaterThanOrEqual(before - 4);
    await capture('profile');
  });

  step('runs the Numbers test: a success, then a 403 explained as a key without access to the project', async () => {
    const { page, fake } = app;
    await openTool(page, 'test');
    const ok = await runProductTest(page, 'numbers');
    expect(ok.outcome).toBe('ok');
    expect(ok.status).toBe('200');
    expect(fake.apiRequests.at(-1)?.url).toBe(`/v1/projects/${PROFILE.projectId}/availableRegions`);

    fake.script.api({
      status: 403,
      body: { type: 'https://developers.sinch.com/docs/errors/registry/permission-denied', title: 'Permission Denied' },
    });
    const denied = await runProductTest(page, 'numbers', 'KEY_WITHOUT_ACCESS');
    expect(denied.outcome).toBe('problem');
    expect(denied.status).toBe('403');
    expect(fake.tokenRequests).toHaveLength(1); // both tests used the token the token tab fetched
    const text = await textOf(denied.card);
    expect(text).toContain(en.diagnosis.KEY_WITHOUT_ACCESS.title);
    expect(text).toContain(en.diagnosis.KEY_WITHOUT_ACCESS.fix.replaceAll('{service}', en.products.numbers));

    await scrollToTop(page.locator('section.tools'));
    await expectAccessible('test result');
    await capture('test-result');
  });

  step('copies a curl snippet that reads the secret from $SINCH_KEY_SECRET and never holds the secret', async () => {
    const { page } = app;
    await openTool(page, 'snippets');
    await page.getByTestId('snippet-tab-curl').click();
    const snippet = await textOf(page.getByTestId('snippet-text'), (t) => t.includes('curl'));
    expect(snippet).toContain('$SINCH_KEY_SECRET');
    expect(snippet).not.toContain(KEY.keySecret);
    await scrollToTop(page.locator('section.tools'));
    await capture('snippets');

    await page.getByTestId('snippet-copy').click();
    const toast = page.getByTestId('toast');
    expect(await textOf(toast)).toContain(en.copy.copied);
    const copied = (await page.evaluate('navigator.clipboard.readText()')) as string;
    expect(copied).toBe(snippet);
    expect(copied).not.toContain(KEY.keySecret);
    await toast.getByRole('button', { name: en.toast.dismiss }).click();
    await toast.waitFor({ state: 'detached' });
  });

  step('exports a .env file with the key secret in it, readable by the user alone, and lists the variables added', async () => {
    const { page } = app;
    const path = join(app.dir, '.env');
    await page.getByTestId('export-open').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByTestId('export-path').fill(path);
    await dialog.getByTestId('export-run').click();
    const result = await textOf(dialog.getByTestId('export-result'));
    expect(result).toContain(path);
    const added = await textOf(dialog.getByTestId('export-added'));
    for (const name of ['SINCH_PROJECT_ID', 'SINCH_KEY_ID', 'SINCH_KEY_SECRET']) expect(added).toContain(name);
    const content = readFileSync(path, 'utf8');
    expect(content).toMatch(new RegExp(`^SINCH_PROJECT_ID=["']?${PROFILE.projectId}["']?$`, 'm'));
    expect(content).toMatch(new RegExp(`^SINCH_KEY_ID=["']?${KEY.keyId}["']?$`, 'm'));
    expect(content).toMatch(new RegExp(`^SINCH_KEY_SECRET=["']?${KEY.keySecret.replaceAll('.', '\\.')}["']?$`, 'm'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await dialog.getByRole('button', { name: en.common.close }).last().click();
    await dialog.waitFor({ state: 'detached' });
  });

  step('signs a Voice request in the debugger with the stored application key, showing the string to sign', async () => {
    const { page } = app;
    await page.getByTestId('nav-debugger').click();
    await page.getByTestId('debugger-page').waitFor();
    expect(await textOf(page.getByTestId('debugger-app-key'))).toContain(APP_KEY.applicationKey);
    await page.getByTestId('sign-body').fill('{"method":"ttsCallout"}');
    await page.getByTestId('sign-timestamp-input').fill('2026-01-01T12:00:00Z');
    await page.getByTestId('sign-run').click();
    const stringToSign = await textOf(page.getByTestId('sign-string-to-sign'));
    expect(stringToSign.split('\n')).toEqual([
      'POST',
      expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/),
      'application/json',
      'x-timestamp:2026-01-01T12:00:00Z',
      '/calling/v1/callouts',
    ]);
    expect(await page.getByTestId('sign-authorization').textContent()).toMatch(
      new RegExp(`^Application ${APP_KEY.applicationKey}:[A-Za-z0-9+/]+=*$`),
    );
    await expectAccessible('debugger');
    await scrollToTop(page.locator('section.card', { has: page.getByTestId('signing-debugger') }));
    await capture('debugger');
    await page.getByTestId('nav-profiles').click();
    await page.getByTestId('profile-page').waitFor();
  });

  step('deletes the profile after confirmation: it leaves the sidebar and its secret leaves the keychain', async () => {
    const { page } = app;
    const [credential] = app.engine.profiles.get(profileId).credentials;
    await page.locator(`[data-testid="profile-item"][data-profile-id="${profileId}"]`).click();
    await deleteProfile(page, profileId);
    expect(await page.getByTestId('profile-item').allTextContents()).toEqual([expect.stringContaining(OTHER_PROFILE.name)]);
    expect(await app.keychain.get(`${profileId}/${credential?.id}`)).toBeNull();
    expect(app.engine.profiles.list().map((p) => p.name)).toEqual([OTHER_PROFILE.name]);
  });

  step("took its screenshots into test-results, leaving the README's pictures alone unless asked", async () => {
    // One fresh picture for each of the README's, all in the run's folder.
    expect(screenshots.map((path) => basename(path)).sort()).toEqual(Object.keys(picturesBefore).sort());
    for (const path of screenshots) {
      expect(dirname(path)).toBe(SCREENSHOT_DIR);
      expect(statSync(path).mtimeMs, path).toBeGreaterThanOrEqual(runStartedAt);
    }
    if (process.env.UPDATE_SCREENSHOTS === '1') expect(SCREENSHOT_DIR).toBe(README_PICTURES);
    else {
      expect(SCREENSHOT_DIR).toBe(join(ROOT, 'test-results', 'screenshots'));
      expect(picturesNow()).toEqual(picturesBefore);
    }
  });
});
