// The native save dialog for a .env export: modal to the app's window (a parentless dialog can hide behind it), and
// opened in the folder this profile last exported to. A bare `defaultPath: '.env'` opens in Downloads since
// Electron 43, the last place a project's .env belongs; with no folder remembered yet it opens in the home folder.
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { BrowserWindow, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { KeyValueStore } from './window-state';

const FOLDERS_KEY = 'exportFolders';

export interface EnvSaveDialogDeps {
  showSaveDialog: (window: BrowserWindow | undefined, options: SaveDialogOptions) => Promise<SaveDialogReturnValue>;
  /** The window the request came from; the dialog is modal to it. */
  window: () => BrowserWindow | undefined;
  store: KeyValueStore;
  homeFolder: string;
  /** Every path the user picked in this session: the only paths an export may write to (core/confirmations.ts). */
  chosenPaths: Set<string>;
}

/** Remembered folders by profile id; anything that is not an absolute path is ignored, not trusted. */
function folders(store: KeyValueStore): Record<string, string> {
  const value = store.get(FOLDERS_KEY);
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && isAbsolute(entry[1])),
  );
}

export function envPathChooser(deps: EnvSaveDialogDeps) {
  return async ({ defaultName, profileId }: { defaultName: string; profileId?: string | undefined }) => {
    const remembered = profileId === undefined ? undefined : folders(deps.store)[profileId];
    // Only a file name is taken from the renderer; the folder is decided here.
    const name = basename(defaultName) || '.env';
    const choice = await deps.showSaveDialog(deps.window(), {
      defaultPath: join(remembered ?? deps.homeFolder, name),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    const path = choice.canceled ? null : (choice.filePath ?? null);
    if (path) deps.chosenPaths.add(path);
    if (path && profileId !== undefined) deps.store.set(FOLDERS_KEY, { ...folders(deps.store), [profileId]: dirname(path) });
    return { path, native: true };
  };
}
