// Main's own confirmation dialog (core/confirmations.ts decides when to ask; this is what the user sees). Cancel is
// the first button, the default and the Escape answer, so no stray key press sends a secret anywhere.
import type { MessageBoxOptions } from 'electron';
import type { DialogTopic } from '../core/confirmations';

const fill = (text: string, values: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

/** The index of the one button that means yes. */
export const CONFIRM_BUTTON = 1;

export function confirmDialogOptions(
  t: (key: string) => string,
  topic: DialogTopic,
  values: Record<string, string>,
): MessageBoxOptions {
  const text = (key: string) => fill(t(`desktopConfirm.${topic}.${key}`), values);
  return {
    type: 'warning',
    title: text('title'),
    message: text('title'),
    detail: text('detail'),
    buttons: [t('desktopConfirm.cancel'), text('yes')],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}
