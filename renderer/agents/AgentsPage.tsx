// AI agents: the global "stop all agent access" switch, which profiles agents may use, what they did (the audit log)
// and the way to connect a client. Every change goes to the engine, which agent servers ask on each call.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentProfileAccess } from '../../shared/agent';
import { useApi } from '../api/context';
import { Check } from '../ui/Field';
import { useCall } from '../ui/notify';
import { Empty, ErrorBlock, Loading } from '../ui/states';
import { useResource } from '../ui/use-resource';
import { ActivityTable } from './ActivityTable';
import { ConnectDialog } from './ConnectDialog';

export function AgentsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();
  const status = useResource(() => api['agent.status']({}), [api]);
  const activity = useResource(() => api['agent.activity']({ limit: 100 }), [api]);
  const [connecting, setConnecting] = useState(false);

  if (!status.data) return status.error ? <ErrorBlock error={status.error} onRetry={status.reload} /> : <Loading />;
  const { stopped, profiles } = status.data;
  const setAccess = async (p: AgentProfileAccess, patch: { enabled?: boolean; allowWrites?: boolean }) => {
    if (await call(api['agent.setAccess']({ profileId: p.profileId, patch }))) status.reload();
  };

  return (
    <div className="page" data-testid="agents-page">
      <header className="page-header">
        <div>
          <h1>{t('agents.title')}</h1>
          <p className="muted">{t('agents.intro')}</p>
        </div>
        <div className="header-actions">
          <button type="button" className="button button-primary" onClick={() => setConnecting(true)} data-testid="agent-connect">
            {t('agents.connect')}
          </button>
        </div>
      </header>

      <section className="card" aria-labelledby="agents-access">
        <h2 id="agents-access">{t('agents.accessTitle')}</h2>
        <Check
          label={stopped ? t('agents.stopped') : t('agents.running')}
          checked={!stopped}
          testId="agents-global"
          onChange={async (on) => {
            const next = await call(api['agent.setStopped']({ stopped: !on }));
            if (next) status.set(next);
          }}
        />
        {profiles.length === 0 ? (
          <p className="muted">{t('agents.noProfiles')}</p>
        ) : (
          <table className="headers-table" data-testid="agents-profiles">
            <thead>
              <tr>
                <th>{t('agents.profile')}</th>
                <th>{t('agents.open')}</th>
                <th>{t('agents.writes')}</th>
                <th>{t('agents.rate')}</th>
              </tr>
            </thead>
            <tbody>
              {profiles.map((p) => (
                <tr key={p.profileId} data-testid="agents-profile-row">
                  <td>{p.name}</td>
                  <td>
                    <Check
                      label={t('agents.openLabel', { name: p.name })}
                      checked={p.access.enabled}
                      onChange={(enabled) => setAccess(p, { enabled })}
                    />
                  </td>
                  <td>
                    <Check
                      label={t('agents.writesLabel')}
                      checked={p.access.allowWrites}
                      onChange={(allowWrites) => setAccess(p, { allowWrites })}
                    />
                  </td>
                  <td>{t('agents.perMinute', { count: p.access.ratePerMinute })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="agents-activity">
        <div className="section-head">
          <h2 id="agents-activity">{t('agents.activityTitle')}</h2>
          <button type="button" className="button button-small" onClick={activity.reload} data-testid="agents-refresh">
            {t('agents.refresh')}
          </button>
        </div>
        {activity.error ? (
          <ErrorBlock error={activity.error} onRetry={activity.reload} />
        ) : !activity.data ? (
          <Loading />
        ) : activity.data.entries.length === 0 ? (
          <Empty title={t('agents.noActivity')} testId="agents-no-activity" />
        ) : (
          <ActivityTable activity={activity.data} />
        )}
        {status.data.auditPath && <p className="muted">{t('agents.auditPath', { path: status.data.auditPath })}</p>}
      </section>

      {connecting && <ConnectDialog profiles={profiles} onClose={() => setConnecting(false)} />}
    </div>
  );
}
