// Is a Sinch Function protected, and does this access key open it? Main calls the URL without and then with the
// key (Basic key ID:secret) and explains the pair of answers. The user allows the key to go to each host once
// (*.sinch.com too); main remembers the host on the profile.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CredentialMeta } from '../../shared/profile';
import type { FunctionTestResult } from '../../shared/views';
import { useApi } from '../api/context';
import { Check, Field } from '../ui/Field';
import { useCall } from '../ui/notify';
import { DiagnosisCard } from './DiagnosisCard';

const hostOf = (value: string): string | undefined => (URL.canParse(value) ? new URL(value).host : undefined);

export function FunctionCheck({
  profileId,
  credential,
  confirmedHosts = [],
}: {
  profileId: string;
  credential: CredentialMeta;
  /** Hosts this profile's key was already confirmed for. */
  confirmedHosts?: readonly string[];
}) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();
  const [url, setUrl] = useState('');
  const [allowForeignHost, setAllowForeignHost] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FunctionTestResult>();
  const [confirmed, setConfirmed] = useState(confirmedHosts);
  const host = hostOf(url.trim());
  const foreign = host !== undefined && !confirmed.includes(host);

  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (!host || (foreign && !allowForeignHost)) return;
    setBusy(true);
    setResult(undefined);
    const checked = await call(
      api['request.testFunction']({
        profileId,
        credentialId: credential.id,
        url: url.trim(),
        allowForeignHost: foreign && allowForeignHost,
      }),
    );
    setResult(checked);
    // Main remembered the host on the profile once the check ran: it is not asked about again.
    if (checked && foreign) setConfirmed((hosts) => [...hosts, host]);
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
            label={t('regions.confirmForeign', { host })}
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
          disabled={busy || !host || (foreign && !allowForeignHost)}
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
