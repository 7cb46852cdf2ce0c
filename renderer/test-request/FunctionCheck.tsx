// Is a Sinch Function protected, and does this access key open it? Main calls the URL without and then with the
// key (Basic key ID:secret) and explains the pair of answers. Outside *.sinch.com the user must allow the key to go.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CredentialMeta } from '../../shared/profile';
import type { FunctionTestResult } from '../../shared/views';
import { useApi } from '../api/context';
import { Check, Field } from '../ui/Field';
import { useCall } from '../ui/notify';
import { DiagnosisCard } from './DiagnosisCard';

const sinchHostOf = (value: string): { host: string; sinch: boolean } | undefined => {
  if (!URL.canParse(value)) return undefined;
  const { hostname, host } = new URL(value);
  return { host, sinch: hostname === 'sinch.com' || hostname.endsWith('.sinch.com') };
};

export function FunctionCheck({ profileId, credential }: { profileId: string; credential: CredentialMeta }) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();
  const [url, setUrl] = useState('');
  const [allowForeignHost, setAllowForeignHost] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FunctionTestResult>();
  const target = sinchHostOf(url.trim());
  const foreign = target !== undefined && !target.sinch;

  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (!target || (foreign && !allowForeignHost)) return;
    setBusy(true);
    setResult(undefined);
    setResult(
      await call(
        api['request.testFunction']({
          profileId,
          credentialId: credential.id,
          url: url.trim(),
          allowForeignHost: foreign && allowForeignHost,
        }),
      ),
    );
    setBusy(false);
  };

  const status = (value: number | undefined) => (value === undefined ? t('test.noStatus') : String(value));
  return (
    <form className="form" onSubmit={run} noValidate data-testid="function-check">
      <p className="muted">{t('functionCheck.intro')}</p>
      <Field label={t('functionCheck.url')} hint={t('functionCheck.urlHint')}>
        {(control) => (
          <input
            {...control}
            className="input mono"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder={t('functionCheck.urlPlaceholder')}
            spellCheck={false}
            data-testid="function-url"
          />
        )}
      </Field>
      {foreign && (
        <div className="callout callout-warning">
          <Check
            label={t('regions.confirmForeign', { host: target.host })}
            checked={allowForeignHost}
            onChange={setAllowForeignHost}
            testId="function-confirm"
          />
        </div>
      )}
      <div className="card-actions">
        <button
          type="submit"
          className="button"
          disabled={busy || !target || (foreign && !allowForeignHost)}
          data-testid="function-run"
        >
          {busy ? t('functionCheck.running') : t('functionCheck.run')}
        </button>
      </div>
      {result && (
        <div className="test-result" data-testid="function-result">
          <p>
            {t('functionCheck.statuses', {
              without: status(result.statusWithoutCredentials),
              with: status(result.statusWithCredentials),
            })}
          </p>
          <DiagnosisCard diagnosis={result.diagnosis} />
        </div>
      )}
    </form>
  );
}
