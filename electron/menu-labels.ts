// Menu labels come from the same locale files as the renderer (one i18n layer), chosen by the OS locale.
import en from '../shared/locales/en.json';
import zhCN from '../shared/locales/zh-CN.json';
import type { MenuI18nKey } from './menu';

type Tree = { [key: string]: string | Tree };

const lookup = (tree: Tree, key: string): string | undefined => {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
};

/** A t(key) for the menu: Simplified Chinese for zh locales, English otherwise and for any missing key. */
export function menuLabel<K extends string = MenuI18nKey>(locale: string): (key: K) => string {
  const tree = (locale.toLowerCase().startsWith('zh') ? zhCN : en) as Tree;
  return (key) => lookup(tree, key) ?? lookup(en as Tree, key) ?? key;
}
