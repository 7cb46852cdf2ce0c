// Long lists say the same few things on every row ("3 credentials", "key 12 days old"). i18next works each one out
// anew (plural rules, interpolation): for the sidebar's ~30 rows that was a third of a keystroke's render.
import type { TFunction } from 'i18next';

/** A translation with number values (counts, limits), each distinct one worked out once. */
export type MemoText = (key: string, values?: Record<string, number>) => string;

/** Make one per `t`: it changes with the language, and so must every remembered text. */
export function memoText(t: TFunction): MemoText {
  const made = new Map<string, string>();
  return (key, values) => {
    const id = values === undefined ? key : `${key}\n${JSON.stringify(values)}`;
    let text = made.get(id);
    if (text === undefined) {
      text = values === undefined ? t(key) : t(key, values);
      made.set(id, text);
    }
    return text;
  };
}
