// Electron's main process: hosts the engine, serves the UI from app://, and wires the one IPC contract.
// Kept thin on purpose — every decision lives in a tested module (window, navigation, protocol, ipc, services).
import { join } from 'node:path';
import { app, BrowserWindow, ClipboardItem, clipboard, dialog, ipcMain, net, screen, shell } from 'electron';
import ElectronStore from 'electron-store';
import { launcherOnThisComputer } from '../core/agent-launcher';
import { openDefaultEngine, readBootConfig } from '../core/bootstrap';
import { createClipboardWiper } from '../core/clipboard-wiper';
import { type DialogTopic, mainConfirms } from '../core/confirmations';
import { UnexpectedErrorLog } from '../core/error-log';
import { CLIPBOARD_CLEAR_MS } from '../shared/clipboard';
import { AppError } from '../shared/errors';
import { SETTINGS_CHANGED_CHANNEL, TOKEN_CHANGED_CHANNEL } from '../shared/operations';
import { toAllowedExternalUrl } from '../shared/url-policy';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { CONFIRM_BUTTON, confirmDialogOptions } from './confirm-dialog';
import { envPathChooser } from './env-save-dialog';
import { projectFolderChooser } from './folder-dialog';
import { registerIpcHandlers } from './ipc';
import { installApplicationMenu } from './menu';
import { menuLabel } from './menu-labels';
import { fetchOverNetRequest } from './net-fetch';
import { startOrQuit } from './startup';
import { createMainWindow, enforceSingleInstance } from './window';
import { restoreBounds, windowStateStore } from './window-state';

const openExternal = (url: string) => {
  const allowed = toAllowedExternalUrl(url);
  if (allowed) void shell.openExternal(allowed); // eng-disable OPEN_EXTERNAL_JS_CHECK — only toAllowedExternalUrl's https allowlist
};

registerAppScheme();
let focusWindow = () => {};
if (!enforceSingleInstance(app, () => focusWindow())) app.exit(0);

// Main's own answers (core/confirmations.ts): a foreign host, a link target or a user-level AI client config in a
// native dialog, an export path only from main's save dialog and an AI client's project folder only from main's folder
// dialog in this session. What the renderer sends is at most a request to ask.
const chosenPaths = new Set<string>();
const chosenFolders = new Set<string>();
const dialogParent = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
async function askInDialog(topic: DialogTopic, values: Record<string, string>): Promise<boolean> {
  const options = confirmDialogOptions(menuLabel<string>(app.getLocale()), topic, values);
  const parent = dialogParent();
  const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  return response === CONFIRM_BUTTON;
}

/** The engine over <userData>/config.json (or SINCH_KEYS_HOME) and the keychain, as the CLI and browser mode open it. */
function openEngine() {
  // Unexpected errors go to main's stderr, redacted: the user sees INTERNAL, the developer the stack.
  const errorLog = new UnexpectedErrorLog((text) => process.stderr.write(text));
  // A bad SINCH_KEYS_* value is said before quitting (startOrQuit), never replaced by defaults.
  const config = readBootConfig(process.env, app.getPath('userData'));
  // Chromium's network stack: the system's proxy settings and trust store, as the user's browser has them.
  const engine = openDefaultEngine(config, app.getVersion(), {
    fetch: fetchOverNetRequest(net.request),
    errorLog,
    confirmer: mainConfirms({ ask: askInDialog, chosenPaths, chosenFolders }),
    // Electron cannot run the CLI for an AI client; a checkout (`npm start`) has its own bin script, the
    // packaged app none, so the client config names a Node.js and `sinch-keys` installed on this computer.
    agentLauncher: launcherOnThisComputer(app.isPackaged ? {} : { ownCli: join(app.getAppPath(), 'bin', 'sinch-keys.mjs') }),
  });
  // Read once now: a settings path that is a folder or belongs to root fails here, in the error box, not in the
  // window. A damaged file is not fatal: the window shows it and the Doctor panel repairs it.
  engine.settings.inspect();
  return { config, engine };
}

function start() {
  const { config, engine } = openEngine();

  handleAppProtocol(join(__dirname, '..', 'renderer'));
  // Main copies and wipes: it needs no window focus, and the wipe also runs when the app quits.
  const clipboardWiper = createClipboardWiper(
    {
      readText: () => clipboard.readText(),
      // One ClipboardItem commits the text and the concealment formats together (raw OS formats by name).
      writeText: (text, formats) =>
        clipboard.write([
          new ClipboardItem({
            'text/plain': text,
            ...Object.fromEntries(
              Object.entries(formats).map(([name, value]) => [
                `electron application/osclipboard;format="${name}"`,
                typeof value === 'string' ? value : new Blob([value]),
              ]),
            ),
          }),
        ]),
    },
    { clearAfterMs: CLIPBOARD_CLEAR_MS, platform: process.platform },
  );
  // The wipe must finish before the process ends, so quitting waits for it once.
  let wiped = false;
  app.on('will-quit', (event) => {
    if (wiped) return;
    event.preventDefault();
    void clipboardWiper.wipeNow().finally(() => {
      wiped = true;
      app.quit();
    });
  });
  registerIpcHandlers(ipcMain, {
    ...engine.handlers,
    // The native save dialog decides the path; the renderer only ever sees the path the user picked.
    'env.choosePath': envPathChooser({
      showSaveDialog: (window, options) => (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)),
      window: dialogParent,
      store: new ElectronStore({ name: 'export-folders', cwd: config.home }),
      homeFolder: app.getPath('home'),
      chosenPaths,
    }),
    'agent.chooseProjectDir': projectFolderChooser({
      showOpenDialog: (window, options) => (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options)),
      window: dialogParent,
      homeFolder: app.getPath('home'),
      chosenFolders,
    }),
    'clipboard.copy': async ({ text, sensitive }) => {
      await clipboardWiper.copy(text, sensitive);
      return { native: true };
    },
    // Deleting secrets is confirmed here, in main, with a native box: a request from the window is not consent.
    'doctor.repair': async (request) => {
      if (request.action === 'deleteOrphans') {
        const { response } = await dialog.showMessageBox({
          type: 'warning',
          message: `Delete ${request.accounts.length} keychain entries for good?`,
          detail: 'They belong to no profile. Once deleted they cannot be restored, even from a kept-aside copy.',
          buttons: ['Cancel', 'Delete'],
          defaultId: 0,
          cancelId: 0,
        });
        if (response !== 1) throw new AppError('CANCELLED', 'Nothing was deleted.');
      }
      return engine.handlers['doctor.repair'](request);
    },
  });

  installApplicationMenu({ platform: process.platform, isPackaged: app.isPackaged, t: menuLabel(app.getLocale()), openExternal });

  // The window's position is worth nothing next to a start that works: a damaged file of it is simply replaced.
  const windowState = windowStateStore(new ElectronStore({ name: 'window-state', cwd: config.home, clearInvalidConfig: true }));
  const win = createMainWindow({
    preloadPath: join(__dirname, 'preload.cjs'),
    bounds: restoreBounds(windowState.load(), [screen.getPrimaryDisplay(), ...screen.getAllDisplays()]),
    onClosedBounds: (bounds) => windowState.save(bounds),
  });
  focusWindow = () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  };
  const send = (channel: string, payload: unknown) => {
    if (!win.isDestroyed()) win.webContents.send(channel, payload);
  };
  const unsubscribe = [
    engine.tokens.subscribe((change) => send(TOKEN_CHANGED_CHANNEL, change)),
    // The CLI or browser mode changed the profiles: the window reloads what it shows.
    engine.settings.watch(() => send(SETTINGS_CHANGED_CHANNEL, {})),
  ];
  win.on('closed', () => {
    for (const stop of unsubscribe) stop();
  });
}

app.whenReady().then(() =>
  startOrQuit(start, {
    showError: (title, content) => dialog.showErrorBox(title, content),
    releaseSingleInstanceLock: () => app.releaseSingleInstanceLock(),
    exit: (code) => app.exit(code),
  }),
);

// Tokens live only in this process's memory: quitting is the way to forget them all.
app.on('window-all-closed', () => app.quit());
