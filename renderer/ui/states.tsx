// Loading, empty and failed states, so no panel is ever just blank.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../shared/errors';
import { sayError } from '../lib/engine-text';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export function Empty({ title, children, testId }: { title: ReactNode; children?: ReactNode; testId?: string }) {
  return (
    <div className="empty" data-testid={testId}>
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}

export function ErrorBlock({ error, onRetry }: { error: AppErrorData; onRetry?: () => void }) {
  const { t } = useTranslation();
  const { message, hint } = sayError(error, t);
  return (
    <div className="callout callout-error" role="alert">
      <strong>{t(`errors.${error.code}`)}</strong>
      {message && <p>{message}</p>}
      {hint && <p className="muted">{hint}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
