// The native application menu. Standard items use Electron roles; every label we write comes from t(key), whose
// strings live in the renderer's locale files. Developer tools are offered only in development builds.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { toAllowedExternalUrl } from '../shared/url-policy';

export const MENU_I18N_KEYS = [
  'menu.file.title',
  'menu.edit.title',
  'menu.view.title',
  'menu.window.title',
  'menu.help.title',
  'menu.help.sinchAuthDocs',
  'menu.help.sinchDashboard',
  'menu.help.mailgunAuthDocs',
  'menu.help.sinchCommunity',
] as const;

export type MenuI18nKey = (typeof MENU_I18N_KEYS)[number];

export const HELP_LINKS: readonly { key: MenuI18nKey; url: string }[] = [
  {
    key: 'menu.help.sinchAuthDocs',
    url: 'https://developers.sinch.com/docs/identity-access-management/authenticate/authentication',
  },
  { key: 'menu.help.sinchDashboard', url: 'https://dashboard.sinch.com/' },
  { key: 'menu.help.mailgunAuthDocs', url: 'https://documentation.mailgun.com/docs/mailgun/api-reference/authentication' },
  { key: 'menu.help.sinchCommunity', url: 'https://community.sinch.com/' },
];

export interface MenuOptions {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  t: (key: MenuI18nKey) => string;
  openExternal: (url: string) => void;
}

function viewSubmenu(isPackaged: boolean): MenuItemConstructorOptions[] {
  const zoom: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (isPackaged) return zoom;
  return [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }, ...zoom];
}

export function buildMenuTemplate({ platform, isPackaged, t, openExternal }: MenuOptions): MenuItemConstructorOptions[] {
  const help: MenuItemConstructorOptions[] = HELP_LINKS.map(({ key, url }) => ({
    label: t(key),
    click: () => {
      // The links are constants, but they still pass the same allowlist as any link from the page.
      const allowed = toAllowedExternalUrl(url);
      if (allowed !== null) openExternal(allowed);
    },
  }));
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { role: 'fileMenu', label: t('menu.file.title') },
    { role: 'editMenu', label: t('menu.edit.title') },
    { label: t('menu.view.title'), submenu: viewSubmenu(isPackaged) },
    { role: 'windowMenu', label: t('menu.window.title') },
    { role: 'help', label: t('menu.help.title'), submenu: help },
  ];
}

export function installApplicationMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
