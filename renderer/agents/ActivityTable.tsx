// The audit log as a table, newest first: who called, for which profile, what, and what Sinch Keys decided.
import { useTranslation } from 'react-i18next';
import type { AgentActivity } from '../../shared/agent';

export function ActivityTable({ activity }: { activity: AgentActivity }) {
  const { t } = useTranslation();
  return (
    <>
      <table className="headers-table" data-testid="agents-activity-table">
        <thead>
          <tr>
            <th>{t('agents.col.time')}</th>
            <th>{t('agents.col.client')}</th>
            <th>{t('agents.col.profile')}</th>
            <th>{t('agents.col.call')}</th>
            <th>{t('agents.col.status')}</th>
            <th>{t('agents.col.decision')}</th>
          </tr>
        </thead>
        <tbody>
          {[...activity.entries].reverse().map((e) => (
            <tr key={`${e.time}-${e.tool}-${e.path ?? ''}-${e.latencyMs}`} data-testid="agents-activity-row">
              <td>{new Date(e.time).toLocaleString()}</td>
              <td>
                {e.door}: {e.client.name} {e.client.version}
              </td>
              <td>{e.profile ?? '—'}</td>
              <td>
                {e.tool} {e.method ?? ''} {e.path ?? ''}
              </td>
              <td>{e.status ?? '—'}</td>
              <td>
                {t(`agents.decision.${e.decision}`)}
                {e.code ? ` (${e.code})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {activity.unreadable > 0 && <p className="muted">{t('agents.unreadable', { count: activity.unreadable })}</p>}
    </>
  );
}
