// Run a test request with the selected credential: a product's preset or a custom request, cancellable while it
// runs, then the answer and what it means.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CredentialMeta, Profile } from '../../shared/profile';
import type { TestResult } from '../../shared/views';
import { useApi } from '../api/context';
import { settle } from '../api/settle';
import { useNow } from '../tokens/use-now';
import { useNotify } from '../ui/notify';
import { DiagnosisCard } from './DiagnosisCard';
import { FunctionCheck } from './FunctionCheck';
import { customOf, initialChoice, type RequestChoice, RequestPicker } from './RequestPicker';
import { ResponseView } from './ResponseView';

export function TestPanel({ profile, credential }: { profile: Profile; credential: CredentialMeta }) {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const [choice, setChoice] = useState<RequestChoice>(() => initialChoice(credential.kind));
  const [running, setRunning] = useState<{ id: string; startedAt: number }>();
  const [result, setResult] = useState<TestResult>();
  const [cancelled, setCancelled] = useState(false);
  const current = useRef<string | undefined>(undefined);
  const now = useNow(running !== undefined, 200);
  const custom = customOf(choice);

  const run = async () => {
    if (custom === 'invalid') return;
    const requestId = crypto.randomUUID();
    current.current = requestId;
    setRunning({ id: requestId, startedAt: Date.now() });
    setResult(undefined);
    setCancelled(false);
    const reply = await settle(
      api['request.test']({
        profileId: profile.id,
        credentialId: credential.id,
        productId: choice.productId,
        scheme: choice.scheme,
        requestId,
        ...(custom
          ? { custom: { ...custom, contentType: custom.contentType || undefined, body: custom.body || undefined } }
          : {}),
      }),
    );
    if (current.current !== requestId) return;
    current.current = undefined;
    setRunning(undefined);
    if (reply.ok) setResult(reply.value);
    else if (reply.error.code === 'CANCELLED') setCancelled(true);
    else notify.error(reply.error);
  };

  const cancel = async () => {
    if (!running) return;
    const reply = await settle(api['request.cancel']({ requestId: running.id }));
    if (!reply.ok) notify.error(reply.error);
  };

  return (
    <div className="test-panel" data-testid="test-panel">
      <RequestPicker profile={profile} credential={credential} choice={choice} onChange={setChoice} />
      <div className="card-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={run}
          disabled={running !== undefined || custom === 'invalid'}
          data-testid="test-run"
        >
          {t('test.run')}
        </button>
        {running && (
          <>
            <span className="progress-text" role="status" data-testid="test-progress">
              <span className="spinner" aria-hidden="true" />
              {t('test.running', { seconds: ((now - running.startedAt) / 1000).toFixed(1) })}
            </span>
            <button type="button" className="button" onClick={cancel} data-testid="test-cancel">
              {t('common.cancel')}
            </button>
          </>
        )}
      </div>
      {cancelled && <p className="muted">{t('test.cancelled')}</p>}
      {result && (
        <div className="test-result" data-testid="test-result">
          <DiagnosisCard diagnosis={result.diagnosis} />
          <ResponseView result={result} />
        </div>
      )}
      {credential.kind === 'accessKey' && (
        <details className="disclosure function-disclosure">
          <summary>{t('functionCheck.title')}</summary>
          <FunctionCheck profileId={profile.id} credential={credential} confirmedHosts={profile.functionHosts} />
        </details>
      )}
    </div>
  );
}
