// "Are you sure?" for anything that cannot be undone; the safe choice has focus first.
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): Promise<void> | void;
  onClose(): void;
  testId?: string;
}

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose, testId }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      <div className="confirm-text">{children}</div>
      <div className="form-actions">
        {/* biome-ignore lint/a11y/noAutofocus: the harmless choice takes focus in a destructive confirmation. */}
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button-danger" onClick={confirm} disabled={busy} data-testid="confirm-delete">
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
