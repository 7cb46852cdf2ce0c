// The OAuth2 token of an access key, as main sees it: status, a live countdown computed locally from expiresAt,
// where the expiry came from, the decoded claims, manual and automatic refresh. The token itself stays in main.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../shared/errors';
import type { CredentialKindOf } from '../../shared/profile';
import { useApi } from '../api/context';
import { settle } from '../api/settle';
import { formatCountdown, REFRESH_SOON_S, secondsUntil, shouldAutoRefresh } from '../lib/time';
import { Check } from '../ui/Field';
import { ErrorBlock, Loading } from '../ui/states';
import { useResource } from '../ui/use-resource';
import { useNow } from './use-now';

interface TokenCardProps {
  profileId: string;
  credential: CredentialKindOf<'accessKey'>;
}

export function TokenCard({ profileId, credential }: TokenCardProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const credentialId = credential.id;
  const token = useResource(() => api['token.status']({ profileId, credentialId }), [api, profileId, credentialId]);
  const { set, reload } = token;
  const [refreshError, setRefreshError] = useState<AppErrorData>();
  const [refreshing, setRefreshing] = useState(false);
  const [auto, setAuto] = useState(false);
  const autoRequestedFor = useRef<number | undefined>(undefined);
  const state = token.data;
  const now = useNow(state?.expiresAt !== undefined);

  useEffect(
    () =>
      api.onTokenChanged((event) => {
        // Another profile may hold the same key ID with another secret: its token is not this card's.
        if (event.profileId === profileId && event.credentialId === credentialId) set(event.state);
      }),
    [api, profileId, credentialId, set],
  );

  // A failed refresh is shown in the card, not as a toast: the card is where the user looks, and main usually
  // records the same failure as the token's lastError.
  const refresh = useCallback(async () => {
    setRefreshing(true);
    const reply = await settle(api['token.refresh']({ profileId, credentialId }));
    setRefreshing(false);
    setRefreshError(reply.ok ? undefined : reply.error);
    if (reply.ok) set(reply.value);
    else reload();
  }, [api, profileId, credentialId, set, reload]);

  useEffect(() => {
    if (!auto || refreshing || state?.status === 'refreshing') return;
    if (!shouldAutoRefresh(state?.expiresAt, now, autoRequestedFor.current)) return;
    autoRequestedFor.current = state?.expiresAt;
    void refresh();
  }, [auto, refreshing, state, now, refresh]);

  if (!state) return token.error ? <ErrorBlock error={token.error} onRetry={token.reload} /> : <Loading />;

  const shownError = state.lastError ?? refreshError;
  const left = state.expiresAt === undefined ? undefined : secondsUntil(state.expiresAt, now);
  const status = state.status === 'valid' && left === 0 ? 'expired' : state.status;
  const tone =
    status === 'valid' ? ((left ?? 0) < REFRESH_SOON_S ? 'warning' : 'ok') : status === 'expired' ? 'error' : 'neutral';
  const lifetime =
    state.issuedAt !== undefined && state.expiresAt !== undefined
      ? Math.round((state.expiresAt - state.issuedAt) / 1000)
      : undefined;
  const when = (ms: number | undefined) =>
    ms === undefined ? '—' : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(ms);

  return (
    <div className="token-card" data-testid="token-card">
      <div className="token-main">
        <span className={`pill pill-${tone}`} data-testid="token-status">
          {t(`token.status.${status}`)}
        </span>
        <div className="countdown">
          <span className="countdown-label">{t('token.expiresIn')}</span>
          <span
            className="countdown-value"
            role="timer"
            data-testid="token-countdown"
            aria-label={t('token.expiresInLabel', { time: left === undefined ? '—' : formatCountdown(left) })}
          >
            {left === undefined ? '--:--' : formatCountdown(left)}
          </span>
        </div>
        {lifetime !== undefined && left !== undefined && (
          <progress className={`lifetime lifetime-${tone}`} max={lifetime} value={left} aria-label={t('token.lifetime')} />
        )}
      </div>
      <dl className="facts">
        <dt>{t('token.issuedAt')}</dt>
        <dd>{when(state.issuedAt)}</dd>
        <dt>{t('token.expiresAt')}</dt>
        <dd>{when(state.expiresAt)}</dd>
        <dt>{t('token.expirySource')}</dt>
        <dd>{state.expirySource ? t(`token.source.${state.expirySource}`) : '—'}</dd>
      </dl>
      {shownError && <ErrorBlock error={shownError} />}
      {state.claims && (
        <details className="disclosure">
          <summary>{t('token.claims')}</summary>
          <pre className="code-block" data-testid="token-claims">
            {JSON.stringify(state.claims, null, 2)}
          </pre>
        </details>
      )}
      <div className="card-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={refresh}
          disabled={refreshing || status === 'refreshing'}
          data-testid="token-refresh"
        >
          {refreshing || status === 'refreshing' ? t('token.refreshing') : t('token.refreshNow')}
        </button>
        <Check label={t('token.autoRefresh')} checked={auto} onChange={setAuto} testId="token-auto-refresh" />
      </div>
      {state.status === 'none' && <p className="muted small">{t('token.noneHint')}</p>}
    </div>
  );
}
