// App bar: name, where secrets are kept (and whether that keychain works right now), the main views, language.
import { useTranslation } from 'react-i18next';
import type { AppInfo, KeychainStatus } from '../../shared/views';
import { LANGUAGES, type Language, setLanguage } from '../i18n';
import { sayError } from '../lib/engine-text';

export type View = 'profiles' | 'fleet' | 'debugger' | 'agents' | 'doctor';

interface HeaderProps {
  info: AppInfo | undefined;
  keychain: KeychainStatus | undefined;
  view: View;
  onView(view: View): void;
  onRecheckKeychain(): void;
}

export function Header({ info, keychain, view, onView, onRecheckKeychain }: HeaderProps) {
  const { t, i18n } = useTranslation();
  const state = keychain?.state ?? 'ok';
  const backendId = keychain?.backend ?? info?.keychainBackend;
  const backend = backendId && t(`engineText.backends.${backendId}`);
  const problem = keychain?.message && sayError({ message: keychain.message, hint: keychain.hint, text: keychain.text }, t);
  return (
    <header className="app-header">
      <div className="brand">
        <img className="brand-mark" src="./favicon.svg" alt="" />
        <span className="brand-name">{t('app.name')}</span>
        {info && <span className="brand-version">{t('app.version', { version: info.version })}</span>}
      </div>
      <nav className="main-nav" aria-label={t('nav.label')}>
        {(['profiles', 'fleet', 'debugger', 'agents', 'doctor'] as const).map((v) => (
          <button
            key={v}
            type="button"
            className="nav-button"
            aria-current={view === v ? 'page' : undefined}
            onClick={() => onView(v)}
            data-testid={`nav-${v}`}
          >
            {v === 'agents' ? t('agents.nav') : v === 'fleet' ? t('keyHygiene.fleet.nav') : t(`nav.${v}`)}
          </button>
        ))}
      </nav>
      <div className="header-end">
        {backend && (
          <button
            type="button"
            className={`keychain-badge keychain-${state}`}
            onClick={onRecheckKeychain}
            title={problem ? problem.message : t('keychain.recheck')}
            aria-label={t('keychain.label', { backend, state: t(`keychain.state.${state}`) })}
            data-testid="keychain-badge"
            data-state={state}
          >
            <span className="dot" aria-hidden="true" />
            <span>{backend}</span>
            {state !== 'ok' && <strong>{t(`keychain.state.${state}`)}</strong>}
          </button>
        )}
        <label className="language">
          <span className="visually-hidden">{t('language.label')}</span>
          <select
            className="input input-small"
            value={i18n.language}
            onChange={(e) => setLanguage(e.target.value as Language)}
            data-testid="language-select"
          >
            {LANGUAGES.map((lng) => (
              <option key={lng} value={lng}>
                {t(`language.${lng}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </header>
  );
}
