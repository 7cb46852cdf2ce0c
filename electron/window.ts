// The one app window. Its webPreferences are written out literally here, in the only reviewed place, so scanners
// and the tests can see every flag (docs/security-checklist.md#electronegativity: settings hidden behind a spread are invisible; docs/security-checklist.md#static-gates item 3).
import { type App, app, BrowserWindow, nativeTheme, type Rectangle, shell } from 'electron';
import { APP_ORIGIN } from '../shared/url-policy';
import { attachNavigationGuards, hardenSession } from './navigation';
import { MIN_WINDOW_SIZE } from './window-state';

// Painted before the first frame so a dark-mode user never sees a white flash.
const BACKGROUND = { dark: '#101214', light: '#ffffff' } as const;

export interface MainWindowOptions {
  /** Absolute path of the built preload script. */
  preloadPath: string;
  /** Where to open: the result of restoreBounds. */
  bounds: Rectangle;
  /** Receives the window's normal (un-maximised) bounds as it closes, for windowStateStore().save. */
  onClosedBounds: (bounds: Rectangle) => void;
}

function reportFailure(what: string): (err: unknown) => void {
  // Only the error's message: these come from Chromium (a URL and a net error code), never from secrets.
  return (err) => console.error(`Sinch Keys could not ${what}:`, err instanceof Error ? err.message : String(err));
}

export function createMainWindow({ preloadPath, bounds, onClosedBounds }: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light,
    webPreferences: {
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK — the reviewed contract-only preload (static-checks test)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click must not open links in a new window behind the window-open handler's back.
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  hardenSession(win.webContents.session);
  attachNavigationGuards(win.webContents, {
    openExternal: (url) => {
      shell.openExternal(url).catch(reportFailure('open a link in your browser')); // eng-disable OPEN_EXTERNAL_JS_CHECK — url is handleWindowOpen's allowlisted https href
    },
  });
  win.once('ready-to-show', () => win.show());
  // 'close' rather than 'closed': the bounds can no longer be read once the window is destroyed.
  win.on('close', () => onClosedBounds(win.getNormalBounds()));
  win.loadURL(`${APP_ORIGIN}/index.html`).catch(reportFailure('load its window'));
  return win;
}

/** Keeps one running copy: a second launch focuses the first one's window and quits. Returns false in the copy that must quit. */
export function enforceSingleInstance(
  instance: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  focus: () => void,
): boolean {
  if (!instance.requestSingleInstanceLock()) {
    instance.quit();
    return false;
  }
  instance.on('second-instance', () => focus());
  return true;
}
