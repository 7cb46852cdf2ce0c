// The first screen, with no profile yet: pasting is enough, and where in Sinch's dashboard the keys are.
import { useTranslation } from 'react-i18next';
import { DASHBOARD_URLS } from '../../shared/catalog';
import { Empty } from '../ui/states';

const onMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

export function Welcome({ onNew }: { onNew(): void }) {
  const { t } = useTranslation();
  return (
    <Empty title={t('welcome.title')} testId="welcome">
      <p>{t('quickImport.welcome.paste', { keys: onMac() ? '⌘V' : 'Ctrl+V' })}</p>
      <div className="welcome-where">
        <p>{t('quickImport.welcome.where')}</p>
        <ul>
          <li>
            {t('quickImport.welcome.accessKeys')}{' '}
            <a href={DASHBOARD_URLS.accessKeys} target="_blank" rel="noreferrer" data-testid="welcome-link-access-keys">
              {t('quickImport.welcome.accessKeysPath')}
            </a>
          </li>
          <li>
            {t('quickImport.welcome.applicationKeys')}{' '}
            <a href={DASHBOARD_URLS.apps} target="_blank" rel="noreferrer" data-testid="welcome-link-apps">
              {t('quickImport.welcome.applicationKeysPath')}
            </a>
          </li>
        </ul>
      </div>
      <p>{t('welcome.body')}</p>
      <button type="button" className="button" onClick={onNew} data-testid="welcome-new-profile">
        {t('quickImport.welcome.byHand')}
      </button>
    </Empty>
  );
}
