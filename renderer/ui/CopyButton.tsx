// Copy to the clipboard; anything secret is wiped from the clipboard after 30 s if it is still there. On the desktop
// main copies and wipes (it needs no focus, and wipes on quit too); in browser mode the page does, retrying on focus.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { CLIPBOARD_CLEAR_MS, copyWithAutoClear } from '../lib/clipboard';
import { useNotify } from './notify';

interface CopyButtonProps {
  /** The text, or a function that fetches it (a secret is read from the keychain only when the user asks). */
  text: string | (() => Promise<string | undefined>);
  sensitive: boolean;
  label?: string;
  testId?: string;
  className?: string;
}

export function CopyButton({ text, sensitive, label, testId, className }: CopyButtonProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const copy = async () => {
    setBusy(true);
    try {
      const value = typeof text === 'string' ? text : await text();
      if (value === undefined) return;
      // Only the desktop preload has a native clipboard: browser mode would send the text to the server for nothing.
      const native = window.sinchKeys ? await api['clipboard.copy']({ text: value, sensitive }) : undefined;
      if (native?.ok && native.value.native) {
        notify.success(t('copy.copied'), sensitive ? t('copy.willClear', { seconds: CLIPBOARD_CLEAR_MS / 1000 }) : undefined);
        return;
      }
      await copyWithAutoClear(value, {
        sensitive,
        // The browser refuses the wipe while another window has focus: say so, and that it runs on return.
        onWipeDeferred: () =>
          notify.error({ code: 'INTERNAL', message: t('clipboardWipe.deferred'), hint: t('clipboardWipe.deferredHint') }),
        onWipedLate: () => notify.success(t('clipboardWipe.done')),
      });
      notify.success(t('copy.copied'), sensitive ? t('copy.willClear', { seconds: CLIPBOARD_CLEAR_MS / 1000 }) : undefined);
    } catch {
      notify.error({ code: 'INTERNAL', message: t('copy.failed'), hint: t('copy.failedHint') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className={className ?? 'button'} onClick={copy} disabled={busy} data-testid={testId}>
      {label ?? t('copy.copy')}
    </button>
  );
}
