// The native folder dialog for an AI client's project config (Claude Code, VS Code): modal to the app's window. Every
// folder it hands out is remembered for this session; core/confirmations.ts lets a project config be written only
// into one of them, so a folder the renderer names on its own is refused.
import type { BrowserWindow, OpenDialogOptions, OpenDialogReturnValue } from 'electron';

export interface FolderDialogDeps {
  showOpenDialog: (window: BrowserWindow | undefined, options: OpenDialogOptions) => Promise<OpenDialogReturnValue>;
  /** The window the request came from; the dialog is modal to it. */
  window: () => BrowserWindow | undefined;
  homeFolder: string;
  chosenFolders: Set<string>;
}

export function projectFolderChooser(deps: FolderDialogDeps) {
  return async () => {
    const choice = await deps.showOpenDialog(deps.window(), {
      defaultPath: deps.homeFolder,
      properties: ['openDirectory', 'createDirectory'],
    });
    const path = choice.canceled ? null : (choice.filePaths[0] ?? null);
    if (path) deps.chosenFolders.add(path);
    return { path, native: true };
  };
}
