// Copy to the clipboard; anything secret is wiped from the clipboard after 30 s if it is still there.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const [busy, setBusy] = useState(false);
  const copy = async () => {
    setBusy(true);
    try {
      const value = typeof text === 'string' ? text : await text();
      if (value === undefined) return;
      await copyWithAutoClear(value, { sensitive });
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
