// Problems that affect the whole app, shown above everything: a keychain that cannot be used, and a settings file
// that was damaged and set aside at start.
import { useTranslation } from 'react-i18next';
import type { AppInfo, KeychainStatus } from '../../shared/views';
import { sayError } from '../lib/engine-text';

export function Banners({
  info,
  keychain,
  onRecheck,
  onDoctor,
}: {
  info: AppInfo | undefined;
  keychain: KeychainStatus | undefined;
  onRecheck(): void;
  /** Opens the Doctor panel, where a damaged file is restored or replaced. */
  onDoctor(): void;
}) {
  const { t } = useTranslation();
  const problem = keychain && sayError({ message: keychain.message ?? '', hint: keychain.hint, text: keychain.text }, t);
  return (
    <>
      {keychain && keychain.state !== 'ok' && (
        <div className="banner banner-error" role="alert" data-testid="keychain-banner">
          <div>
            <strong>{t(`keychain.title.${keychain.state}`)}</strong>
            {problem?.message && <p>{problem.message}</p>}
            {problem?.hint && <p className="muted">{problem.hint}</p>}
          </div>
          <button type="button" className="button" onClick={onRecheck}>
            {t('keychain.recheck')}
          </button>
        </div>
      )}
      {info?.settingsDamage && (
        <div className="banner banner-warning" role="alert" data-testid="settings-recovery-banner">
          <div>
            <strong>{t('recovery.title')}</strong>
            <p>{info.settingsDamage.message}</p>
            <p className="muted">
              {t('recovery.backup')} <code>{info.settingsDamage.backupPath}</code>
            </p>
          </div>
          <button type="button" className="button" onClick={onDoctor} data-testid="open-doctor">
            {t('recovery.openDoctor')}
          </button>
        </div>
      )}
    </>
  );
}
