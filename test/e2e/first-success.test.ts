// First success in two actions, in browser mode: from a fresh start, a key block pasted on the welcome screen (or a
// .env file dropped on the window, or labelled text copied from the dashboard) and one "Save and test" give a saved,
// tested credential. Profiles keep Sinch's default hosts; the stand-in answers there (test/support/fake-sinch.ts
// atSinchHosts), since real Sinch cannot be reached from tests. Each journey prints its actions and seconds to the
// verdict (measured, not asserted: the machine is shared).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../shared/locales/en.json';
import { auditPage, describeReport } from './support/axe';
import { type BrowserApp, startBrowserApp } from './support/browser-app';
import { textOf } from './support/journey';
import { setTheme, THEMES } from './support/screenshots';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const PASTED = {
  projectId: '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f9a4c13',
  keyId: 'b5e2d8c4-1a7f-4e93-a6d0-2c9f1e8b7a54',
  keySecret: 'paste-Secret.Value_9f3K2mQ7xL',
};
const DROPPED = {
  projectId: '7d1e9b3a-2c5f-4a8e-b064-1f3e5a7c9d20',
  keyId: 'c6f3e9d5-2b8a-4f04-b7e1-3d0a2f9c8b65',
  keySecret: 'drop-Secret.Value_4h7P1nR8yM',
};
const LABELLED = {
  projectId: '0f6d3c52-8a51-4f0c-9a55-6a1c2b9e7d10',
  keyId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  keySecret: 'label-Secret.Value_6t2W8vB3zQ',
};
type Key = typeof PASTED;

let app: BrowserApp;
const figures: string[] = [];

beforeAll(async () => {
  app = await startBrowserApp({
    keys: [PASTED, DROPPED, LABELLED],
    rendererDir: join(ROOT, 'dist', 'renderer'),
    atSinchHosts: true,
  });
});

afterAll(async () => {
  await app?.close();
  for (const line of figures) console.log(line);
});

/** A fresh start as the user sees it: no profile, the welcome screen. */
async function freshStart(page: Page): Promise<void> {
  for (const profile of app.engine.profiles.list()) await app.engine.profiles.remove(profile.id);
  await page.goto(app.server.launchUrl);
  await page.getByTestId('welcome').waitFor();
}

async function expectAccessible(screen: string): Promise<void> {
  for (const theme of THEMES) {
    await setTheme(app.page, theme);
    const report = await auditPage(app.page, `${screen} (${theme})`);
    figures.push(describeReport(report));
    expect(report.blocking, describeReport(report)).toEqual([]);
  }
  await setTheme(app.page, 'light');
}

// In-page code is written as strings: the Node-side tsconfig has no DOM types (as in support/axe.ts).
const copy = (page: Page, text: string) => page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);

/** The preview's verdict once it shows; returns it with the seconds since `since`. */
async function verdictAfter(page: Page, since: number): Promise<{ text: string; outcome: string; seconds: number }> {
  const verdict = page.getByTestId('quick-import-verdict');
  await verdict.waitFor();
  const seconds = (performance.now() - since) / 1000;
  return { text: (await verdict.textContent()) ?? '', outcome: (await verdict.getAttribute('data-outcome')) ?? '', seconds };
}

/** What a user can check afterwards: the profile is saved and selected, the secret in the keychain only. */
async function expectSavedAndTested(page: Page, key: Key): Promise<void> {
  const [profile] = app.engine.profiles.list();
  expect(profile?.projectId).toBe(key.projectId);
  expect(profile?.name).toBe(`Project ${key.projectId.slice(0, 8)}`);
  const [credential] = profile?.credentials ?? [];
  expect(credential?.kind === 'accessKey' && credential.keyId).toBe(key.keyId);
  expect(await app.keychain.get(`${profile?.id}/${credential?.id}`)).toBe(key.keySecret);
  expect(readFileSync(join(app.dir, 'config.json'), 'utf8')).not.toContain(key.keySecret);
  // The test's request reached Sinch's Numbers host (the stand-in answering there) for this project.
  const api = app.fake.apiRequests.at(-1);
  expect(api?.url).toBe(`/v1/projects/${key.projectId}/availableRegions`);
  expect(api?.headers['x-forwarded-host']).toBe('numbers.api.sinch.com');
  expect(await page.content()).not.toContain(key.keySecret);
  await page.getByTestId('quick-import-done').click();
  await textOf(page.getByTestId('profile-title'), (t) => t === profile?.name);
}

describe('first success: paste or drop a key block, then "Save and test"', () => {
  it('welcome screen: says pasting is enough and links to where the keys are in the dashboard', async () => {
    const { page } = app;
    await freshStart(page);
    const welcome = await textOf(page.getByTestId('welcome'));
    expect(welcome).toContain('press Ctrl+V anywhere');
    expect(welcome).toContain('Settings → Access Keys');
    expect(welcome).toContain('Voice/Verification → Apps');
    expect(await page.getByTestId('welcome-link-access-keys').getAttribute('href')).toBe(
      'https://dashboard.sinch.com/settings/access-keys',
    );
    expect(await page.getByTestId('welcome-link-apps').getAttribute('href')).toBe('https://dashboard.sinch.com/voice/apps');
    await expectAccessible('welcome');
  });

  it('a .env block pasted with Ctrl+V and Enter, keyboard only: saved and "Works for Numbers"', async () => {
    const { page } = app;
    await freshStart(page);
    await copy(
      page,
      `SINCH_PROJECT_ID=${PASTED.projectId}\nSINCH_KEY_ID=${PASTED.keyId}\nSINCH_KEY_SECRET=${PASTED.keySecret}\n`,
    );
    const started = performance.now();
    await page.keyboard.press('Control+V'); // action 1
    const dialog = page.getByTestId('quick-import-dialog');
    await dialog.getByTestId('quick-import-preview').waitFor();
    const toPreviewMs = performance.now() - started;
    expect(await textOf(dialog.getByTestId('quick-import-target'))).toContain('Project 3f6c2a1e');
    expect(await page.evaluate('document.activeElement?.dataset.testid')).toBe('quick-import-save');
    await expectAccessible('import preview');
    const pressedAt = performance.now();
    await page.keyboard.press('Enter'); // action 2
    // Paste to preview, then Enter to verdict: the audit in between is the test's time, not the user's.
    const verdict = await verdictAfter(page, pressedAt - toPreviewMs);
    expect(verdict).toMatchObject({
      outcome: 'ok',
      text: expect.stringContaining(en.quickImport.works.replace('{product}', 'Numbers')),
    });
    figures.push(
      `first success, pasted .env: 2 actions (Ctrl+V, Enter), ${verdict.seconds.toFixed(2)} s from paste to verdict (axe audit time left out)`,
    );
    await expectAccessible('import verdict');
    await expectSavedAndTested(page, PASTED);
  });

  it('a .env file dropped on the window and one click: saved and tested', async () => {
    const { page } = app;
    await freshStart(page);
    const env = `# exported\r\nSINCH_PROJECT_ID="${DROPPED.projectId}"\r\nSINCH_KEY_ID="${DROPPED.keyId}"\r\nSINCH_KEY_SECRET="${DROPPED.keySecret}"\r\n`;
    const transfer = await page.evaluateHandle(
      `(() => { const data = new DataTransfer(); data.items.add(new File([${JSON.stringify(env)}], '.env', { type: 'text/plain' })); return data; })()`,
    );
    const started = performance.now();
    await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('body', 'drop', { dataTransfer: transfer }); // action 1
    await page.getByTestId('quick-import-save').click(); // action 2
    const verdict = await verdictAfter(page, started);
    expect(verdict.outcome).toBe('ok');
    figures.push(
      `first success, dropped .env file: 2 actions (drop, click), ${verdict.seconds.toFixed(2)} s from drop to verdict`,
    );
    await expectSavedAndTested(page, DROPPED);
  });

  it('labelled text as the dashboard copies it (any order, Windows line ends) and one click: saved and tested', async () => {
    const { page } = app;
    await freshStart(page);
    await copy(page, `Key Secret: ${LABELLED.keySecret}\r\nProject ID: ${LABELLED.projectId}\r\nKey ID:\t${LABELLED.keyId}\r\n`);
    const started = performance.now();
    await page.keyboard.press('Control+V'); // action 1
    await page.getByTestId('quick-import-save').click(); // action 2
    const verdict = await verdictAfter(page, started);
    expect(verdict.outcome).toBe('ok');
    figures.push(
      `first success, labelled text: 2 actions (Ctrl+V, click), ${verdict.seconds.toFixed(2)} s from paste to verdict`,
    );
    await expectSavedAndTested(page, LABELLED);
  });

  it('a paste into a text field or an open dialog stays there; text that is no key block says so', async () => {
    const { page } = app;
    const block = `Key ID: ${PASTED.keyId}\nKey Secret: ${PASTED.keySecret}`;
    await copy(page, block);
    const search = page.getByTestId('profile-search');
    await search.focus();
    await page.keyboard.press('Control+V');
    expect(await search.inputValue()).toContain(PASTED.keyId);
    await search.fill('');

    await page.getByTestId('new-profile').click();
    const profileDialog = page.getByTestId('profile-dialog');
    await profileDialog.getByRole('button', { name: en.common.close }).focus();
    await page.keyboard.press('Control+V');
    await page.keyboard.press('Escape');
    await profileDialog.waitFor({ state: 'detached' });

    // A paste outside any field: answered with a toast. Had either paste above been taken, its preview (asked first)
    // would be open by now.
    await page.locator('body').click({ position: { x: 900, y: 700 } });
    await copy(page, 'my shopping list: eggs, milk');
    await page.keyboard.press('Control+V');
    expect(await textOf(page.getByTestId('toast'))).toContain('This is not a key block');
    expect(await page.getByTestId('quick-import-dialog').count()).toBe(0);
  });
});
