// The engine's own sentences in the Chinese UI, in browser mode: Chromium drives the built renderer against the real
// engine. The user switches the language to 简体中文; then a refused foreign host, a callback whose signature does
// not match, and a locked keychain (its label and its error) are all said in Chinese, with hints that name the UI's
// own controls. The keychain is a stand-in that locks on demand, because the session's real one must stay unlocked
// for the other test files running beside this one.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zh from '../../shared/locales/zh-CN.json';
import { FailingSecretStore } from '../security/support/failing-store';
import { type BrowserApp, startBrowserApp } from './support/browser-app';
import { openTool, textOf } from './support/journey';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROJECT = '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f9a4c13';
const KEY = { keyId: 'b5e2d8c4-1a7f-4e93-a6d0-2c9f1e8b7a54', keySecret: 'zh-Secret.Value_9f3K2mQ7xL', projectId: PROJECT };
const PROXY = 'proxy.example.com';

/**
 * Latin words left once the facts (a host, header names) and the proper names the Chinese UI keeps (Sinch Keys, the
 * product, the keychain's own name) are taken out: anything else is English that should have been translated.
 */
function englishLeft(text: string, facts: string[] = []): string[] {
  const kept = [
    ...facts,
    'Sinch Keys',
    'Sinch',
    'Numbers',
    'Secret Service',
    'GNOME',
    'KWallet',
    'KeePassXC',
    'D-Bus',
    'ID',
    'URL',
  ];
  let rest = text;
  for (const word of kept) rest = rest.split(word).join(' ');
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}

let app: BrowserApp;
let keychain: FailingSecretStore;

beforeAll(async () => {
  keychain = new FailingSecretStore('locked');
  app = await startBrowserApp({ keys: [KEY], rendererDir: join(ROOT, 'dist', 'renderer'), secrets: keychain });
  // Numbers goes through a proxy whose host the user has not confirmed for this profile's secrets.
  const profile = await app.engine.profiles.create({
    name: 'Acme',
    projectId: PROJECT,
    environment: 'prod',
    baseUrls: { numbers: { url: `https://${PROXY}`, allowForeignHost: false } },
  });
  await app.engine.profiles.addCredential(profile.id, { kind: 'accessKey', keyId: KEY.keyId, secret: KEY.keySecret });
  await app.page.goto(app.server.launchUrl);
  await app.page.getByTestId('language-select').selectOption('zh-CN');
  await app.page.locator(`[data-testid="profile-item"][data-profile-id="${profile.id}"]`).click();
});

afterAll(async () => {
  if (keychain) keychain.failing = false;
  await app?.close();
});

describe('the engine’s sentences in the Chinese UI', () => {
  it('a host the user has not confirmed is refused in Chinese, and the hint names the checkbox to tick', async () => {
    const { page } = app;
    await openTool(page, 'test');
    await page.getByTestId('test-product').selectOption('numbers');
    await page.getByTestId('test-run').click();
    const toast = page.getByTestId('toast');
    const text = await textOf(toast, (t) => t.includes(zh.errors.HOST_NOT_ALLOWED));
    expect(text).toContain(`Sinch Keys 不会把项目访问密钥（密钥 ID 和密钥机密）发送到 ${PROXY}`);
    expect(text).toContain(zh.regions.confirmForeign.replace('{host}', PROXY));
    expect(englishLeft(text, [PROXY])).toEqual([]);
    await toast.getByRole('button').click();
  });

  it('a callback whose signature does not match says why in Chinese', async () => {
    const { page } = app;
    await page.getByTestId('nav-debugger').click();
    await page.getByTestId('callback-kind').selectOption('conversation');
    await page.getByTestId('callback-secret').fill('not-the-webhook-secret');
    const headers = [
      'x-sinch-webhook-signature: c2lnbmF0dXJl',
      'x-sinch-webhook-signature-nonce: 01FJA8B4A7BM43YGWSG9GBV067',
      `x-sinch-webhook-signature-timestamp: ${Math.floor(Date.now() / 1000)}`,
    ];
    await page.getByTestId('callback-headers').fill(headers.join('\n'));
    await page.getByTestId('callback-body').fill('{"event":"MESSAGE_DELIVERY"}');
    await page.getByTestId('callback-run').click();
    const reason = await textOf(page.getByTestId('callback-reason'));
    expect(reason).toBe(zh.engineText.callbackMismatchConversation.message);
    // "nonce" is the protocol's own word, as in the header's name.
    expect(englishLeft(reason, ['nonce'])).toEqual([]);
    await page.getByTestId('nav-profiles').click();
  });

  it('a locked keychain: its name on the badge and its error in the banner are Chinese', async () => {
    const { page } = app;
    keychain.failing = true;
    await page.getByTestId('keychain-badge').click();
    const banner = page.getByTestId('keychain-banner');
    const text = await textOf(banner, (t) => t.includes(zh.keychain.title.locked));
    expect(text).toContain(`${zh.engineText.backends.secretService}已锁定`);
    expect(text).toContain(zh.keychain.recheck);
    expect(englishLeft(text)).toEqual([]);
    const badge = await textOf(page.getByTestId('keychain-badge'), (t) => t.includes(zh.keychain.state.locked));
    expect(badge).toContain(zh.engineText.backends.secretService);
    expect(englishLeft(badge)).toEqual([]);
  });
});
