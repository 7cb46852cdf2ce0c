// The .env save dialog (electron/env-save-dialog.ts): modal to the window, opened in the folder this profile last
// exported to. Electron's dialog cannot be opened here, so a recorder takes its place and answers as the user would.
import type { BrowserWindow, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { describe, expect, it } from 'vitest';
import { envPathChooser } from '../../electron/env-save-dialog';

const WINDOW = { id: 1 } as unknown as BrowserWindow;
const HOME = '/home/dev';

function setUp(answers: SaveDialogReturnValue[]) {
  const data = new Map<string, unknown>();
  const shown: { window: BrowserWindow | undefined; options: SaveDialogOptions }[] = [];
  const chosenPaths = new Set<string>();
  const choose = envPathChooser({
    showSaveDialog: async (window, options) => {
      shown.push({ window, options });
      return answers.shift() ?? { canceled: true, filePath: '' };
    },
    window: () => WINDOW,
    store: { get: (key) => data.get(key), set: (key, value) => data.set(key, value) },
    homeFolder: HOME,
    chosenPaths,
  });
  return { choose, shown, data, chosenPaths };
}

describe('the .env save dialog', () => {
  it('is modal to the app window and opens in the home folder the first time, not in Downloads', async () => {
    const { choose, shown } = setUp([{ canceled: true, filePath: '' }]);
    expect(await choose({ defaultName: '.env', profileId: 'p1' })).toEqual({ path: null, native: true });
    expect(shown).toEqual([{ window: WINDOW, options: expect.objectContaining({ defaultPath: '/home/dev/.env' }) }]);
  });

  it("opens where this profile's last export went, and another profile keeps its own folder", async () => {
    const { choose, shown } = setUp([
      { canceled: false, filePath: '/home/dev/acme-api/.env.local' },
      { canceled: false, filePath: '/home/dev/other/.env' },
    ]);
    expect(await choose({ defaultName: '.env', profileId: 'p1' })).toEqual({
      path: '/home/dev/acme-api/.env.local',
      native: true,
    });
    await choose({ defaultName: '.env', profileId: 'p2' });
    await choose({ defaultName: '.env', profileId: 'p1' });
    await choose({ defaultName: '.env', profileId: 'p2' });
    expect(shown.map((s) => s.options.defaultPath)).toEqual([
      '/home/dev/.env',
      '/home/dev/.env',
      '/home/dev/acme-api/.env',
      '/home/dev/other/.env',
    ]);
  });

  it('remembers nothing when the user cancels', async () => {
    const { choose, shown, chosenPaths } = setUp([{ canceled: true, filePath: '/home/dev/x/.env' }]);
    await choose({ defaultName: '.env', profileId: 'p1' });
    await choose({ defaultName: '.env', profileId: 'p1' });
    expect(shown[1]?.options.defaultPath).toBe('/home/dev/.env');
    expect(chosenPaths.size).toBe(0);
  });

  it('hands each picked path to the export check, the only paths an export may write to', async () => {
    const { choose, chosenPaths } = setUp([
      { canceled: false, filePath: '/home/dev/acme-api/.env' },
      { canceled: false, filePath: '/home/dev/other/.env.local' },
    ]);
    await choose({ defaultName: '.env', profileId: 'p1' });
    await choose({ defaultName: '.env' });
    expect([...chosenPaths]).toEqual(['/home/dev/acme-api/.env', '/home/dev/other/.env.local']);
  });

  it('takes only a file name from the renderer: the folder is never the page’s to choose', async () => {
    const { choose, shown } = setUp([]);
    await choose({ defaultName: '../../etc/cron.d/x', profileId: 'p1' });
    expect(shown[0]?.options.defaultPath).toBe('/home/dev/x');
  });

  it('ignores a remembered folder that is not an absolute path (a hand-edited settings file)', async () => {
    const { choose, shown, data } = setUp([]);
    data.set('exportFolders', { p1: 'relative/dir', p2: 42 });
    await choose({ defaultName: '.env', profileId: 'p1' });
    expect(shown[0]?.options.defaultPath).toBe('/home/dev/.env');
  });
});
