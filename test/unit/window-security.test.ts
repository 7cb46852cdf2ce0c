// docs/security-checklist.md#static-gates items 3–5: the window factory, the CSP, the menu and the packaging fuses.
// Electron cannot run here, so `electron` is replaced by fakes that record what our code asks of it
// (vi.mock is hoisted above the imports); everything under test is our real code.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, HELP_LINKS, installApplicationMenu, MENU_I18N_KEYS, type MenuI18nKey } from '../../electron/menu';
import { createMainWindow, enforceSingleInstance } from '../../electron/window';
import { APP_CSP } from '../../shared/csp';
import { isAllowedExternal } from '../../shared/url-policy';

type Listener = (...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  class FakeEmitter {
    readonly listeners = new Map<string, Listener[]>();
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    once(name: string, listener: Listener) {
      return this.on(name, listener);
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
    }
  }
  const state = {
    FakeEmitter,
    calls: [] as string[],
    windows: [] as FakeWindow[],
    opened: [] as string[],
    menus: [] as unknown[],
    theme: { shouldUseDarkColors: false },
    app: { isPackaged: true },
  };
  class FakeWebContents extends FakeEmitter {
    openHandler?: (details: { url: string }) => { action: string };
    readonly session = {
      setPermissionRequestHandler: () => state.calls.push('setPermissionRequestHandler'),
      setPermissionCheckHandler: () => state.calls.push('setPermissionCheckHandler'),
      webRequest: { onHeadersReceived: () => state.calls.push('onHeadersReceived') },
    };
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler;
    }
  }
  class FakeWindow extends FakeEmitter {
    readonly webContents = new FakeWebContents();
    visible = false;
    loadedUrl?: string;
    constructor(readonly options: Record<string, unknown>) {
      super();
      state.windows.push(this);
    }
    show() {
      this.visible = true;
    }
    getNormalBounds() {
      return { x: 1, y: 2, width: 900, height: 700 };
    }
    loadURL(url: string) {
      state.calls.push('loadURL');
      this.loadedUrl = url;
      return Promise.resolve();
    }
  }
  return { ...state, FakeWindow };
});

vi.mock('electron', () => ({
  app: electron.app,
  BrowserWindow: electron.FakeWindow,
  nativeTheme: electron.theme,
  shell: {
    openExternal: (url: string) => {
      electron.opened.push(url);
      return Promise.resolve();
    },
  },
  Menu: {
    buildFromTemplate: (template: unknown) => ({ template }),
    setApplicationMenu: (menu: unknown) => electron.menus.push(menu),
  },
}));

const ROOT = path.resolve(import.meta.dirname, '../..');
const source = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

const BOUNDS = { x: 10, y: 20, width: 1000, height: 700 };

function openWindow() {
  electron.windows.length = 0;
  electron.calls.length = 0;
  const onClosedBounds = vi.fn();
  createMainWindow({ preloadPath: '/opt/sinch-keys/preload.cjs', bounds: BOUNDS, onClosedBounds });
  const win = electron.windows[0];
  if (win === undefined) throw new Error('createMainWindow built no BrowserWindow');
  return { win, onClosedBounds, prefs: win.options.webPreferences as Record<string, unknown> };
}

/** The text between `open` (which must end in a bracket) and its matching closing bracket. */
function bracketBlock(text: string, open: string): string {
  const start = text.indexOf(open);
  if (start < 0) throw new Error(`"${open}" not found`);
  const pairs: Record<string, string> = { '{': '}', '(': ')' };
  const first = start + open.length - 1;
  let depth = 0;
  for (let i = first; i < text.length; i++) {
    const char = text.charAt(i);
    if (char in pairs) depth++;
    else if (Object.values(pairs).includes(char)) depth--;
    if (depth === 0) return text.slice(first, i + 1);
  }
  throw new Error(`"${open}" is never closed`);
}

describe('the main window', () => {
  beforeEach(() => {
    electron.app.isPackaged = true;
    electron.theme.shouldUseDarkColors = false;
  });

  it('isolates the page: context isolation, sandbox and no Node anywhere', () => {
    const { prefs } = openWindow();
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and every risky feature off', () => {
    const { prefs } = openWindow();
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('uses the given preload and has exactly the reviewed set of preferences', () => {
    const { prefs } = openWindow();
    expect(prefs).toEqual({
      preload: '/opt/sinch-keys/preload.cjs',
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
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
  });

  it('offers developer tools only in a development build', () => {
    electron.app.isPackaged = false;
    expect(openWindow().prefs.devTools).toBe(true);
  });

  it('writes every window option out in window.ts, with no spread that could hide a setting', () => {
    const options = bracketBlock(source('electron/window.ts'), 'new BrowserWindow(');
    expect(bracketBlock(options, 'webPreferences: {')).not.toContain('...');
    expect(options).not.toContain('...');
  });

  it('is the only place in electron/ that creates a window or sets webPreferences', () => {
    const files = readdirSync(path.join(ROOT, 'electron'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    );
    const offenders = files.filter((file) => {
      const text = source(path.join('electron', file));
      return file !== 'window.ts' && (text.includes('new BrowserWindow') || text.includes('webPreferences'));
    });
    expect(offenders).toEqual([]);
  });

  it('opens at the restored bounds and stays hidden until the first paint is ready', () => {
    const { win } = openWindow();
    expect(win.options).toMatchObject({ ...BOUNDS, show: false });
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });

  it('paints a dark or light background to match the system theme', () => {
    electron.theme.shouldUseDarkColors = true;
    const dark = openWindow().win.options.backgroundColor;
    electron.theme.shouldUseDarkColors = false;
    const light = openWindow().win.options.backgroundColor;
    expect(dark).not.toBe(light);
    expect(light).toBe('#ffffff');
  });

  it('hardens the session before it loads the UI from app://sinch-keys', () => {
    const { win } = openWindow();
    expect(win.loadedUrl).toBe('app://sinch-keys/index.html');
    expect(electron.calls).toEqual(['setPermissionRequestHandler', 'setPermissionCheckHandler', 'onHeadersReceived', 'loadURL']);
  });

  it('guards navigation and sends only allowlisted links to the browser', () => {
    electron.opened.length = 0;
    const { win } = openWindow();
    const contents = win.webContents;
    expect([...contents.listeners.keys()].sort()).toEqual([
      'will-attach-webview',
      'will-frame-navigate',
      'will-navigate',
      'will-redirect',
    ]);
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://dashboard.sinch.com/settings' })).toEqual({ action: 'deny' });
    expect(electron.opened).toEqual(['https://dashboard.sinch.com/settings']);
  });

  it('reports its normal bounds as it closes so the next start can restore them', () => {
    const { win, onClosedBounds } = openWindow();
    win.emit('close');
    expect(onClosedBounds).toHaveBeenCalledExactlyOnceWith({ x: 1, y: 2, width: 900, height: 700 });
  });
});

describe('a single running copy', () => {
  function fakeApp(gotLock: boolean) {
    const emitter = new electron.FakeEmitter();
    return Object.assign(emitter, { requestSingleInstanceLock: () => gotLock, quit: vi.fn() });
  }
  const asApp = (fake: ReturnType<typeof fakeApp>) => fake as unknown as Parameters<typeof enforceSingleInstance>[0];

  it('the first copy keeps running and focuses its window when a second one starts', () => {
    const fake = fakeApp(true);
    const focus = vi.fn();
    expect(enforceSingleInstance(asApp(fake), focus)).toBe(true);
    expect(fake.quit).not.toHaveBeenCalled();
    fake.emit('second-instance');
    expect(focus).toHaveBeenCalledOnce();
  });

  it('a second copy quits straight away', () => {
    const fake = fakeApp(false);
    const focus = vi.fn();
    expect(enforceSingleInstance(asApp(fake), focus)).toBe(false);
    expect(fake.quit).toHaveBeenCalledOnce();
    expect(fake.listeners.size).toBe(0);
  });
});

describe('the Content-Security-Policy', () => {
  it('is exactly the reviewed policy', () => {
    expect(APP_CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('allows no inline or eval code, no wildcard and no plain http', () => {
    expect(APP_CSP).not.toMatch(/unsafe-/);
    expect(APP_CSP).not.toContain('*');
    expect(APP_CSP).not.toMatch(/http:/i);
  });
});

describe('the application menu', () => {
  const template = (platform: NodeJS.Platform, isPackaged: boolean, openExternal = vi.fn()) => {
    const used: string[] = [];
    const t = (key: MenuI18nKey) => {
      used.push(key);
      return `«${key}»`;
    };
    return { menu: buildMenuTemplate({ platform, isPackaged, t, openExternal }), used, openExternal };
  };
  const roles = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((item) => [
      ...(item.role === undefined ? [] : [item.role]),
      ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
    ]);
  const labels = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((item) => [
      ...(item.label === undefined ? [] : [item.label]),
      ...(Array.isArray(item.submenu) ? labels(item.submenu) : []),
    ]);

  it('takes every label it writes from t(), using exactly the exported keys', () => {
    const { menu, used } = template('linux', true);
    expect([...new Set(used)].sort()).toEqual([...MENU_I18N_KEYS].sort());
    expect(labels(menu).every((label) => /^«menu\.[a-zA-Z.]+»$/.test(label))).toBe(true);
  });

  it('has no developer tools or reload in a packaged build', () => {
    const packagedRoles = roles(template('win32', true).menu);
    expect(packagedRoles).not.toContain('toggleDevTools');
    expect(packagedRoles).not.toContain('reload');
    expect(packagedRoles).not.toContain('forceReload');
    expect(roles(template('win32', false).menu)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('adds the application menu on macOS only', () => {
    expect(roles(template('darwin', true).menu)).toContain('appMenu');
    expect(roles(template('linux', true).menu)).not.toContain('appMenu');
    expect(roles(template('linux', true).menu)).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'windowMenu', 'help']));
  });

  it('opens each help link in the browser, and every one is on the allowlist', () => {
    const { menu, openExternal } = template('linux', true);
    const help = menu.find((item) => item.role === 'help')?.submenu as MenuItemConstructorOptions[];
    for (const item of help) (item.click as () => void)();
    expect(openExternal.mock.calls.map(([url]) => url)).toEqual(HELP_LINKS.map(({ url }) => url));
    expect(HELP_LINKS.every(({ url }) => isAllowedExternal(url))).toBe(true);
  });

  it('installs the built template as the application menu', () => {
    electron.menus.length = 0;
    installApplicationMenu({ platform: 'linux', isPackaged: true, t: (key) => key, openExternal: vi.fn() });
    expect(electron.menus).toHaveLength(1);
  });
});

/**
 * Just enough YAML for electron-builder.yml: nested maps, lists of scalars, comments, quoted strings, booleans.
 * Anything else throws, so a line this reader does not understand fails the test instead of being skipped.
 */
function parseSimpleYaml(text: string): Record<string, unknown> {
  const lines = text
    .split('\n')
    .map((raw) => ({ indent: raw.length - raw.trimStart().length, body: raw.replace(/\s+#.*$|^\s*#.*$/, '').trim() }))
    .filter((line) => line.body !== '');
  const scalar = (value: string): unknown => {
    if (value === 'true' || value === 'false') return value === 'true';
    const quoted = /^"(.*)"$|^'(.*)'$/.exec(value);
    return quoted ? (quoted[1] ?? quoted[2]) : value;
  };
  let at = 0;
  const block = (indent: number): unknown => {
    const first = lines[at];
    if (first === undefined || first.indent !== indent) throw new Error(`expected a block at indent ${indent}`);
    if (first.body.startsWith('- ')) {
      const list: unknown[] = [];
      for (let line = lines[at]; line?.indent === indent && line.body.startsWith('- '); line = lines[++at]) {
        list.push(scalar(line.body.slice(2).trim()));
      }
      return list;
    }
    const map: Record<string, unknown> = {};
    for (let line = lines[at]; line?.indent === indent; line = lines[at]) {
      const match = /^([A-Za-z][\w-]*):(?:\s+(.*))?$/.exec(line.body);
      if (match?.[1] === undefined) throw new Error(`cannot read "${line.body}"`);
      at++;
      map[match[1]] = match[2] === undefined ? block(lines[at]?.indent ?? -1) : scalar(match[2]);
    }
    return map;
  };
  const root = block(0);
  if (at !== lines.length) throw new Error(`unexpected indentation at "${lines[at]?.body}"`);
  return root as Record<string, unknown>;
}

describe('electron-builder.yml', () => {
  const config = parseSimpleYaml(source('electron-builder.yml'));

  it('flips every security fuse from docs/security-checklist.md#fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      // Not a fuse: re-signs an arm64 macOS build ad hoc after the flip, or it would not start.
      resetAdHocDarwinSignature: true,
    });
  });

  it('names the app, packs only the build and keeps the keychain addon loadable', () => {
    expect(config).toMatchObject({
      appId: 'com.sinch.keys',
      productName: 'Sinch Keys',
      // The UI and the two bundles; of node_modules only the keychain binding (desktop-package.test.ts checks the result).
      files: [
        'dist/electron/**',
        'dist/renderer/**',
        'package.json',
        '!node_modules/**',
        'node_modules/@napi-rs/keyring/**',
        'node_modules/@napi-rs/keyring-*/**',
      ],
      asar: true,
      asarUnpack: ['**/*.node'],
    });
    // Installers must not land in dist/, or the next build would pack them into the app.
    expect((config.directories as Record<string, unknown>).output).not.toBe('dist');
  });

  it('builds a hardened-runtime dmg, an nsis installer, an AppImage and a deb', () => {
    expect(config.mac).toEqual({ target: 'dmg', category: 'public.app-category.developer-tools', hardenedRuntime: true });
    expect(config.win).toEqual({ target: 'nsis' });
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Development', syncDesktopName: true });
    expect(config.deb).toEqual({ appArmorProfile: 'build/apparmor-profile' });
  });

  it('is read by a reader that refuses what it does not understand', () => {
    expect(() => parseSimpleYaml('fuses:\n  runAsNode: false\n    stray: true\n')).toThrow();
    expect(() => parseSimpleYaml('{ flow: style }\n')).toThrow();
  });
});
