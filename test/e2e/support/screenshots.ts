// The README's pictures, taken by the end-to-end run so they always show the current UI: each screen in the light and
// the dark theme (the app follows prefers-color-scheme), at one fixed viewport, as <screen>-<theme>.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Where a run writes its screenshots: test-results/screenshots (ignored by git), so `npm test` leaves the tracked
 * files alone — a PNG re-encoded by another Chromium differs byte for byte though it looks the same. The README's
 * copies in docs/screenshots are replaced only when asked for, with UPDATE_SCREENSHOTS=1.
 */
export function screenshotDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.UPDATE_SCREENSHOTS === '1' ? join(root, 'docs', 'screenshots') : join(root, 'test-results', 'screenshots');
}

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const setTheme = (page: Page, theme: Theme): Promise<void> => page.emulateMedia({ colorScheme: theme });

/** Writes <screen>-light.png and <screen>-dark.png into `dir`, leaves the page in the light theme, returns the paths. */
export async function captureBothThemes(page: Page, dir: string, screen: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (const theme of THEMES) {
    await setTheme(page, theme);
    const path = join(dir, `${screen}-${theme}.png`);
    await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
    paths.push(path);
  }
  await setTheme(page, 'light');
  return paths;
}
