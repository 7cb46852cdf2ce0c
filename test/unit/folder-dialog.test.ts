// The project folder dialog (electron/folder-dialog.ts): modal to the window, and the only source of the folders a
// project's AI client config may be written into. A recorder stands in for Electron's dialog.
import type { BrowserWindow, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { describe, expect, it } from 'vitest';
import { projectFolderChooser } from '../../electron/folder-dialog';

const WINDOW = { id: 1 } as unknown as BrowserWindow;

function setUp(answers: OpenDialogReturnValue[]) {
  const shown: { window: BrowserWindow | undefined; options: OpenDialogOptions }[] = [];
  const chosenFolders = new Set<string>();
  const choose = projectFolderChooser({
    showOpenDialog: async (window, options) => {
      shown.push({ window, options });
      return answers.shift() ?? { canceled: true, filePaths: [] };
    },
    window: () => WINDOW,
    homeFolder: '/home/dev',
    chosenFolders,
  });
  return { choose, shown, chosenFolders };
}

describe('the project folder dialog', () => {
  it('is a folder picker modal to the app window, and remembers the folder the user picked', async () => {
    const { choose, shown, chosenFolders } = setUp([{ canceled: false, filePaths: ['/home/dev/acme-api'] }]);
    expect(await choose()).toEqual({ path: '/home/dev/acme-api', native: true });
    expect(shown).toEqual([
      {
        window: WINDOW,
        options: expect.objectContaining({ defaultPath: '/home/dev', properties: expect.arrayContaining(['openDirectory']) }),
      },
    ]);
    expect([...chosenFolders]).toEqual(['/home/dev/acme-api']);
  });

  it('a cancelled dialog hands out no folder and remembers none', async () => {
    const { choose, chosenFolders } = setUp([{ canceled: true, filePaths: ['/home/dev/ignored'] }]);
    expect(await choose()).toEqual({ path: null, native: true });
    expect(chosenFolders.size).toBe(0);
  });
});
