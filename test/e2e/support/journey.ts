// What a user does in the window, step by step, through the same controls they see. Shared by the browser-mode and
// Electron specs: both drive one renderer, so a step written twice could drift from it twice.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { OverrideTarget } from '../../../shared/profile';

export type Tool = 'token' | 'test' | 'regions' | 'snippets';

export interface ProfileFields {
  name: string;
  projectId: string;
  environment: string;
}

/** Waits until the element's text satisfies `accept` (the UI updates after a round trip to the engine). */
export async function textOf(locator: Locator, accept: (text: string) => boolean = (t) => t !== ''): Promise<string> {
  await expect.poll(async () => accept((await locator.textContent()) ?? ''), { timeout: 10_000 }).toBe(true);
  return (await locator.textContent()) ?? '';
}

export async function createProfile(page: Page, profile: ProfileFields): Promise<void> {
  await page.getByTestId('new-profile').click();
  const dialog = page.getByTestId('profile-dialog');
  await dialog.getByTestId('profile-name').fill(profile.name);
  await dialog.getByTestId('profile-project-id').fill(profile.projectId);
  await dialog.getByTestId('profile-environment').fill(profile.environment);
  await dialog.getByTestId('profile-save').click();
  await dialog.waitFor({ state: 'detached' });
  await textOf(page.getByTestId('profile-title'), (t) => t === profile.name);
}

/** Opens the add-credential dialog; fill it with fillAccessKey, or look at it first (an audit, a screenshot). */
export async function openAddCredential(page: Page): Promise<Locator> {
  await page.getByTestId('add-credential').click();
  const dialog = page.getByTestId('add-credential-dialog');
  await dialog.getByTestId('credential-kind').waitFor();
  return dialog;
}

export async function fillAccessKey(page: Page, key: { keyId: string; keySecret: string }): Promise<void> {
  const dialog = page.getByTestId('add-credential-dialog');
  await dialog.getByTestId('credential-kind').selectOption('accessKey');
  await dialog.getByTestId('credential-field-keyId').fill(key.keyId);
  await dialog.getByTestId('credential-field-secret').fill(key.keySecret);
  await dialog.getByTestId('credential-save').click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('credential-card').first().waitFor();
}

export async function openTool(page: Page, tool: Tool): Promise<void> {
  await page.getByTestId(`tool-${tool}`).click();
  await expect.poll(() => page.getByTestId(`tool-${tool}`).getAttribute('aria-selected')).toBe('true');
}

export interface OverrideOutcome {
  /** Whether "Save override" could be pressed before the confirmation box was ticked. */
  savableWithoutConfirmation: boolean;
  confirmationText: string;
  /** The host shown for the target once saved. */
  shownHost: string;
}

/** Regions tab: type a base URL for a product (or `auth`, the token endpoint), confirm the foreign host, save. */
export async function overrideBaseUrl(page: Page, target: OverrideTarget, url: string): Promise<OverrideOutcome> {
  const settings = page.getByTestId('region-settings');
  const row = settings.locator('section.region-row', { has: page.getByTestId(`host-${target}`) });
  await row.locator('summary').click();
  await row.getByTestId(`override-url-${target}`).fill(url);
  const confirm = row.getByTestId(`override-confirm-${target}`);
  await confirm.waitFor();
  const save = row.getByTestId(`override-save-${target}`);
  const savableWithoutConfirmation = await save.isEnabled();
  const confirmationText =
    (await row.locator('label.check', { has: page.getByTestId(`override-confirm-${target}`) }).textContent()) ?? '';
  await confirm.check();
  await expect.poll(() => save.isEnabled()).toBe(true);
  await save.click();
  const shownHost = await textOf(page.getByTestId(`host-${target}`), (t) => t.startsWith(url));
  return { savableWithoutConfirmation, confirmationText, shownHost };
}

export interface TestOutcome {
  outcome: string;
  code: string;
  status: string;
  card: Locator;
}

/** Test tab: pick the product, run its safe request, and read the diagnosis once `code` (or any result) shows. */
export async function runProductTest(page: Page, productId: string, expectCode?: string): Promise<TestOutcome> {
  await page.getByTestId('test-product').selectOption(productId);
  await page.getByTestId('test-run').click();
  const card = page.getByTestId('diagnosis-card');
  await expect
    .poll(async () => ((await card.count()) === 1 ? await card.getAttribute('data-code') : null), { timeout: 10_000 })
    .toSatisfy((code: string | null) => code !== null && (expectCode === undefined || code === expectCode));
  return {
    outcome: (await card.getAttribute('data-outcome')) ?? '',
    code: (await card.getAttribute('data-code')) ?? '',
    status: (await page.getByTestId('test-status').textContent()) ?? '',
    card,
  };
}

/** Delete with its confirmation dialog; resolves once the profile is gone from the sidebar. */
export async function deleteProfile(page: Page, profileId: string): Promise<void> {
  await page.getByTestId('delete-profile').click();
  await page.getByTestId('confirm-delete').click();
  await page.locator(`[data-testid="profile-item"][data-profile-id="${profileId}"]`).waitFor({ state: 'detached' });
}

/** The selected profile's id, as the sidebar knows it (the account of its secrets is `<profile id>/<credential id>`). */
export async function selectedProfileId(page: Page): Promise<string> {
  const id = await page.locator('[data-testid="profile-item"][aria-current="true"]').getAttribute('data-profile-id');
  if (!id) throw new Error('no profile is selected in the sidebar');
  return id;
}
