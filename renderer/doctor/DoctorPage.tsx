// The Doctor panel: the settings file and the keychain compared (the same report as `sinch-keys doctor`), and the
// repairs to choose from. Deleting secrets asks first and names exactly the entries the report listed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorReport } from '../../shared/views';
import { useApi } from '../api/context';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useCall, useNotify } from '../ui/notify';
import { ErrorBlock, Loading } from '../ui/states';
import { useResource } from '../ui/use-resource';

export function DoctorPage({ onRepaired }: { onRepaired(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();
  const notify = useNotify();
  const report = useResource(() => api['doctor.report']({}), [api]);
  const [confirming, setConfirming] = useState(false);

  if (!report.data) return report.error ? <ErrorBlock error={report.error} onRetry={report.reload} /> : <Loading />;
  const r: DoctorReport = report.data;
  const done = (message: string) => {
    notify.success(t('doctor.repaired'), message);
    report.reload();
    onRepaired();
  };
  const restore = async (backupPath: string) => {
    const result = await call(api['doctor.repair']({ action: 'restore', backupPath }));
    if (result?.action === 'restore') done(t('doctor.restored', { count: result.restored }));
  };
  const startFresh = async () => {
    const result = await call(api['doctor.repair']({ action: 'startFresh' }));
    if (result) done(t('doctor.startedFresh'));
  };
  const deleteOrphans = async () => {
    const accounts = r.orphans.map((o) => o.account);
    const result = await call(api['doctor.repair']({ action: 'deleteOrphans', accounts }));
    setConfirming(false);
    if (result?.action === 'deleteOrphans') done(t('doctor.deleted', { count: result.deleted.length }));
  };
  const healthy = !r.damage && r.orphans.length === 0 && r.missingSecrets.length === 0;

  return (
    <div className="page" data-testid="doctor-page">
      <header className="page-header">
        <h1>{t('doctor.title')}</h1>
        <button type="button" className="button" onClick={report.reload} data-testid="doctor-recheck">
          {t('doctor.recheck')}
        </button>
      </header>
      <p className="muted">{t('doctor.intro')}</p>
      <p>
        {t('doctor.file')} <code>{r.settingsPath}</code>
      </p>
      {healthy && (
        <p className="callout" data-testid="doctor-healthy">
          {t('doctor.healthy')}
        </p>
      )}
      {r.damage && (
        <section className="callout callout-error" data-testid="doctor-damage">
          <h2>{t('doctor.damaged')}</h2>
          <p>{r.damage.message}</p>
          <button type="button" className="button" onClick={startFresh} data-testid="doctor-start-fresh">
            {t('doctor.startFresh')}
          </button>
        </section>
      )}
      {r.backups.length > 0 && (
        <section>
          <h2>{t('doctor.backups')}</h2>
          <ul className="plain-list">
            {r.backups.map((b) => (
              <li key={b.path} data-testid="doctor-backup">
                <code>{b.path}</code> {t('doctor.readable', { count: b.profiles })}{' '}
                {b.profiles > 0 && (
                  <button type="button" className="button button-small" onClick={() => restore(b.path)}>
                    {t('doctor.restore')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {r.orphans.length > 0 && (
        <section data-testid="doctor-orphans">
          <h2>{t('doctor.orphans', { count: r.orphans.length })}</h2>
          <ul className="plain-list">
            {r.orphans.map((o) => (
              <li key={o.account}>
                <code>{o.account}</code> {o.inBackup && <span className="muted">{t('doctor.inBackup')}</span>}
              </li>
            ))}
          </ul>
          {!r.damage && (
            <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
              {t('doctor.deleteOrphans', { count: r.orphans.length })}
            </button>
          )}
        </section>
      )}
      {r.missingSecrets.length > 0 && (
        <section data-testid="doctor-missing">
          <h2>{t('doctor.missing')}</h2>
          <ul className="plain-list">
            {r.missingSecrets.map((m) => (
              <li key={`${m.profileId}/${m.credentialId}`}>
                {m.profileName}: {m.kind} <code>{m.publicId}</code>
              </li>
            ))}
          </ul>
          <p className="muted">{t('doctor.missingHint')}</p>
        </section>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('doctor.confirmTitle', { count: r.orphans.length })}
          confirmLabel={t('doctor.deleteOrphans', { count: r.orphans.length })}
          onConfirm={deleteOrphans}
          onClose={() => setConfirming(false)}
          testId="doctor-confirm"
        >
          <p>{t('doctor.confirmBody')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
