// The settings folder is for its owner alone (issue 11): created 0700, and our own folder tightened if an older
// version left it open, while a folder the user chose (SINCH_KEYS_HOME) keeps its mode.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_DIR_NAME, ensureSettingsDir, SettingsStore } from '../../core/settings-store';

const root = mkdtempSync(join(tmpdir(), 'sinch-keys-settings-folder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('the settings folder', () => {
  it('is created 0700 under the usual umask, and the settings file in it 0600', async () => {
    const previous = process.umask(0o022);
    try {
      const dir = join(root, 'fresh', APP_DIR_NAME);
      await SettingsStore.at(dir).update((s) => s);
      expect(modeOf(dir)).toBe(0o700);
      expect(modeOf(join(dir, 'config.json'))).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('our own folder left 0755 by an older version is tightened to 0700', () => {
    const dir = join(root, 'old', APP_DIR_NAME);
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
    ensureSettingsDir(dir);
    expect(modeOf(dir)).toBe(0o700);
  });

  it('a folder the user chose keeps its mode: Sinch Keys changes no mode but its own', () => {
    const dir = join(root, 'my-project');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    ensureSettingsDir(dir);
    expect(modeOf(dir)).toBe(0o755);
  });
});
