import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppKeyPicker, type AppKeyRef } from './AppKeyPicker';
import { CallbackVerifier } from './CallbackVerifier';
import { SigningDebugger } from './SigningDebugger';

export function DebuggerPage({ preferredProfileId }: { preferredProfileId: string | undefined }) {
  const { t } = useTranslation();
  const [appKey, setAppKey] = useState<AppKeyRef>();
  return (
    <div className="page" data-testid="debugger-page">
      <header className="page-header page-header-stack">
        <h1>{t('debugger.title')}</h1>
        <p className="muted">{t('debugger.intro')}</p>
      </header>
      <section className="card">
        <h2>{t('debugger.appKeyTitle')}</h2>
        <AppKeyPicker value={appKey} onChange={setAppKey} preferredProfileId={preferredProfileId} />
      </section>
      <section className="card">
        <h2>{t('debugger.signingTitle')}</h2>
        <p className="muted">{t('debugger.signingIntro')}</p>
        <SigningDebugger appKey={appKey} />
      </section>
      <section className="card">
        <h2>{t('debugger.callbackTitle')}</h2>
        <p className="muted">{t('debugger.callbackIntro')}</p>
        <CallbackVerifier appKey={appKey} />
      </section>
    </div>
  );
}
