// A modal built on <dialog>: the browser traps focus, Escape closes it and the rest of the page is inert.
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NotifyProvider, useNotify } from './notify';

interface DialogProps {
  title: ReactNode;
  onClose(): void;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
}

export function Dialog({ title, onClose, children, testId, wide }: DialogProps) {
  const { t } = useTranslation();
  const page = useNotify();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first control (the close button); a dialog built for one main action marks that one.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </header>
      <div className="dialog-body">
        <NotifyProvider successTo={page}>{children}</NotifyProvider>
      </div>
    </dialog>
  );
}
