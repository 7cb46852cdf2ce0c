// Key hygiene in the UI, in browser mode: Chromium drives the built renderer against the real engine, the test
// session's Secret Service and a stand-in for Sinch on 127.0.0.1. "Check all" shows the fleet, a failing profile first;
// a row opens its profile; a rotation with a wrong secret keeps the old key, one with the new key swaps it in; the
// masked curl snippet shows **** and says it will not run.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretAccount } from '../../core/profiles';
import { productsForKind } from '../../shared/catalog';
import { type BrowserApp, startBrowserApp } from './support/browser-app';
import { openTool, textOf } from './support/journey';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROJECT = '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f9a4c13';
const OLD = { keyId: 'b5e2d8c4-1a7f-4e93-a6d0-2c9f1e8b7a54', keySecret: 'old-Secret.Value_9f3K2mQ7xL', projectId: PROJECT };
const NEW = { keyId: 'c6f3e9d5-2b8a-4f04-b7e1-3d0a2f9c8b65', keySecret: 'new-Secret.Value_4h7P1nR8yM', projectId: PROJECT };
const DAY = 86_400_000;

let app: BrowserApp;
let goodId: string;
let credentialId: string;

beforeAll(async () => {
  app = await startBrowserApp({ keys: [OLD, NEW], rendererDir: join(ROOT, 'dist', 'renderer') });
  const baseUrls = Object.fromEntries(
    [...productsForKind('accessKey').map((p) => p.id), 'auth'].map((t) => [
      t,
      { url: t === 'auth' ? app.fake.tokenUrl : app.fake.url, allowForeignHost: true },
    ]),
  );
  const { profiles } = app.engine;
  const good = await profiles.create({ name: 'Acme Prod', projectId: PROJECT, environment: 'prod', baseUrls });
  const typo = await profiles.create({ name: 'Acme Typo', projectId: PROJECT, environment: 'staging', baseUrls });
  credentialId = (await profiles.addCredential(good.id, { kind: 'accessKey', keyId: OLD.keyId, secret: OLD.keySecret })).id;
  await profiles.addCredential(typo.id, { kind: 'accessKey', keyId: OLD.keyId, secret: 'a-mistyped-secret' });
  goodId = good.id;
  // The good profile's key was made 200 days ago, past the default 90-day limit.
  const createdAt = new Date(Date.now() - 200 * DAY).toISOString();
  await app.engine.settings.update((s) => ({
    ...s,
    profiles: s.profiles.map((p) =>
      p.id === good.id ? { ...p, credentials: p.credentials.map((c) => ({ ...c, createdAt })) } : p,
    ),
  }));
  await app.page.goto(app.server.launchUrl);
});

afterAll(async () => {
  await app?.close();
});

describe('key hygiene in a browser', () => {
  it('flags the overdue key in the sidebar and on its card', async () => {
    const { page } = app;
    await page.locator(`[data-testid="profile-item"][data-profile-id="${goodId}"]`).click();
    expect(await page.getByTestId('profile-item-overdue').count()).toBe(1);
    expect(await page.getByTestId('credential-age').getAttribute('data-overdue')).toBe('true');
  });

  it('"Check all" shows every profile × product, the overdue and the failing ones first, and a row opens its profile', async () => {
    const { page } = app;
    await page.getByTestId('nav-fleet').click();
    const tokenCalls = app.fake.tokenRequests.length;
    await page.getByTestId('check-all').click();
    await page.getByTestId('fleet-table').waitFor();
    const rows = page.getByTestId('fleet-row');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).getAttribute('data-profile')).toBe('Acme Prod');
    expect(await rows.nth(0).getAttribute('data-overdue')).toBe('true');
    expect(await rows.nth(1).getAttribute('data-failing')).toBe('true');
    expect(await rows.nth(1).locator('[data-verdict="wrongSecret"]').count()).toBe(productsForKind('accessKey').length);
    expect(await rows.nth(0).locator('[data-verdict="works"]').count()).toBe(productsForKind('accessKey').length);
    // One exchange per key: the good key's token, and one refused attempt for the mistyped secret.
    expect(app.fake.tokenRequests.length - tokenCalls).toBe(2);
    expect(await textOf(page.getByTestId('fleet-summary'))).toContain('2 credentials checked');

    await page.getByTestId('fleet-environment').selectOption('staging');
    expect(await rows.count()).toBe(1);
    await page.getByTestId('fleet-environment').selectOption('');
    await rows.nth(0).getByTestId('fleet-open-profile').click();
    expect(await textOf(page.getByTestId('profile-title'))).toBe('Acme Prod');
  });

  it('a rotation to a wrong secret keeps the old key and says why; the new key replaces it and its age restarts', async () => {
    const { page } = app;
    await page.getByTestId('rotate-credential').click();
    const dialog = page.getByTestId('rotate-dialog');
    await dialog.getByTestId('credential-field-keyId').fill(NEW.keyId);
    await dialog.getByTestId('credential-field-secret').fill('not-the-new-secret');
    await dialog.getByTestId('rotate-submit').click();
    const result = dialog.getByTestId('rotate-result');
    await result.waitFor();
    expect(await result.getAttribute('data-rotated')).toBe('false');
    expect(await textOf(result)).toContain('the old key stays in place');
    expect(await app.keychain.get(secretAccount(goodId, credentialId))).toBe(OLD.keySecret);
    await dialog.getByTestId('rotate-close').click();

    await page.getByTestId('rotate-credential').click();
    await dialog.getByTestId('credential-field-keyId').fill(NEW.keyId);
    await dialog.getByTestId('credential-field-secret').fill(NEW.keySecret);
    await dialog.getByTestId('rotate-submit').click();
    await result.waitFor();
    expect(await result.getAttribute('data-rotated')).toBe('true');
    await dialog.getByTestId('rotate-close').click();
    await expect.poll(() => page.getByTestId('credential-public-id').textContent()).toBe(NEW.keyId);
    expect(await page.getByTestId('credential-age').getAttribute('data-overdue')).toBe('false');
    expect(await app.keychain.get(secretAccount(goodId, credentialId))).toBe(NEW.keySecret);
  });

  it('the masked curl snippet shows **** for the secret and says it will not run', async () => {
    const { page } = app;
    await openTool(page, 'snippets');
    await page.getByTestId('snippet-tab-curl').click();
    await page.getByTestId('snippet-curl-mode').selectOption('masked');
    const text = await textOf(page.getByTestId('snippet-text'), (t) => t.includes('****'));
    expect(text).toMatch(/^# Not runnable/);
    expect(text).toContain(NEW.keyId);
    expect(text).not.toContain(NEW.keySecret);
    await page.getByTestId('snippet-masked-note').waitFor();
  });
});
