// Toasts: every failed call ends here with a title translated by error code, the engine's message and its hint —
// never a stack trace. Successes (copied, saved) are short-lived; errors stay until dismissed.
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData, Result } from '../../shared/errors';
import { settle } from '../api/settle';
import { sayError } from '../lib/engine-text';

type Toast = { id: number; kind: 'error' | 'success'; title: string; message?: string; hint?: string };

export interface Notify {
  error(error: AppErrorData): void;
  success(title: string, message?: string): void;
}

const NotifyContext = createContext<Notify | null>(null);
const SUCCESS_MS = 5000;
const MAX_TOASTS = 4;

/**
 * Toasts render where the provider is. A modal dialog makes the rest of the page inert and covers it, so each dialog
 * has its own provider: its errors show inside it, and its successes go to the page (the dialog is usually closing).
 */
export function NotifyProvider({ children, successTo }: { children: ReactNode; successTo?: Notify }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((x) => x.id !== id)), []);
  const push = useCallback(
    (toast: Omit<Toast, 'id'>) => {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-(MAX_TOASTS - 1)), { ...toast, id }]);
      if (toast.kind === 'success') setTimeout(() => dismiss(id), SUCCESS_MS);
    },
    [dismiss],
  );
  const notify = useMemo<Notify>(
    () => ({
      error: (e) => {
        const { message, hint } = sayError(e, t);
        push({ kind: 'error', title: t(`errors.${e.code}`), message, ...(hint ? { hint } : {}) });
      },
      success: successTo?.success ?? ((title, message) => push({ kind: 'success', title, ...(message ? { message } : {}) })),
    }),
    [push, t, successTo],
  );

  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <section className="toasts" aria-live="polite" aria-label={t('toast.region')}>
        {toasts.map((toast) => (
          <div
            key={toast.id}
            className={`toast toast-${toast.kind}`}
            role={toast.kind === 'error' ? 'alert' : 'status'}
            data-testid="toast"
          >
            <div className="toast-body">
              <strong>{toast.title}</strong>
              {toast.message && <p>{toast.message}</p>}
              {toast.hint && <p className="muted">{toast.hint}</p>}
            </div>
            <button type="button" className="icon-button" onClick={() => dismiss(toast.id)} aria-label={t('toast.dismiss')}>
              ×
            </button>
          </div>
        ))}
      </section>
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  const notify = useContext(NotifyContext);
  if (!notify) throw new Error('useNotify outside NotifyProvider');
  return notify;
}

/** Awaits a call; on failure shows the error and resolves to undefined, so callers only handle success. */
export function useCall(): <T>(pending: Promise<Result<T>>) => Promise<T | undefined> {
  const notify = useNotify();
  return useCallback(
    async <T,>(pending: Promise<Result<T>>): Promise<T | undefined> => {
      const result = await settle(pending);
      if (result.ok) return result.value;
      notify.error(result.error);
      return undefined;
    },
    [notify],
  );
}
