// Checks a callback Sinch (or Mailgun) sent to you: paste its headers and raw body, and main recomputes the
// signature (reference §4) and says whether it matches, and why not.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callbackInputSchema } from '../../shared/contract';
import type { CallbackVerdict } from '../../shared/views';
import { useApi } from '../api/context';
import { METHODS } from '../test-request/RequestPicker';
import { Field } from '../ui/Field';
import { useCall } from '../ui/notify';
import type { AppKeyRef } from './AppKeyPicker';

type Kind = 'application' | 'conversation' | 'numbers' | 'mailgun';
const KINDS: Kind[] = ['application', 'conversation', 'numbers', 'mailgun'];

export function CallbackVerifier({ appKey }: { appKey: AppKeyRef | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();
  const [kind, setKind] = useState<Kind>('application');
  const [form, setForm] = useState({ method: 'POST' as (typeof METHODS)[number], path: '/', headers: '', body: '', secret: '' });
  const [verdict, setVerdict] = useState<CallbackVerdict>();
  const set = (patch: Partial<typeof form>) => {
    setForm((v) => ({ ...v, ...patch }));
    setVerdict(undefined);
  };

  const input =
    kind === 'application'
      ? {
          kind,
          profileId: appKey?.profileId ?? '',
          credentialId: appKey?.credentialId ?? '',
          method: form.method,
          path: form.path,
          headers: form.headers,
          body: form.body,
        }
      : kind === 'mailgun'
        ? { kind, signingKey: form.secret, body: form.body }
        : { kind, secret: form.secret, headers: form.headers, body: form.body };
  const ready = callbackInputSchema.safeParse(input).success;

  const verify = async (event: FormEvent) => {
    event.preventDefault();
    if (ready) setVerdict(await call(api['callbacks.verify'](input)));
  };

  return (
    <form className="form" onSubmit={verify} noValidate data-testid="callback-verifier">
      <Field label={t('debugger.callbackKind')} hint={t(`debugger.kindHint.${kind}`)}>
        {(control) => (
          <select
            {...control}
            className="input"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as Kind);
              setVerdict(undefined);
            }}
            data-testid="callback-kind"
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`debugger.kinds.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {kind === 'application' && (
        <div className="row">
          <Field label={t('test.method')} className="field-narrow">
            {(control) => (
              <select
                {...control}
                className="input"
                value={form.method}
                onChange={(e) => set({ method: e.target.value as typeof form.method })}
                data-testid="callback-method"
              >
                {METHODS.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('debugger.callbackPath')} className="field-grow" hint={t('debugger.callbackPathHint')}>
            {(control) => (
              <input
                {...control}
                className="input mono"
                value={form.path}
                onChange={(e) => set({ path: e.target.value })}
                spellCheck={false}
                data-testid="callback-path"
              />
            )}
          </Field>
        </div>
      )}
      {kind !== 'application' && (
        <Field
          label={kind === 'mailgun' ? t('debugger.signingKey') : t('debugger.webhookSecret')}
          hint={t('debugger.secretHint')}
        >
          {(control) => (
            <input
              {...control}
              className="input mono"
              type="password"
              value={form.secret}
              onChange={(e) => set({ secret: e.target.value })}
              autoComplete="off"
              data-testid="callback-secret"
            />
          )}
        </Field>
      )}
      {kind !== 'mailgun' && (
        <Field label={t('debugger.headers')} hint={t('debugger.headersHint')}>
          {(control) => (
            <textarea
              {...control}
              className="input mono"
              rows={5}
              value={form.headers}
              onChange={(e) => set({ headers: e.target.value })}
              spellCheck={false}
              data-testid="callback-headers"
            />
          )}
        </Field>
      )}
      <Field label={t('debugger.rawBody')} hint={kind === 'mailgun' ? t('debugger.mailgunBodyHint') : t('debugger.rawBodyHint')}>
        {(control) => (
          <textarea
            {...control}
            className="input mono"
            rows={6}
            value={form.body}
            onChange={(e) => set({ body: e.target.value })}
            spellCheck={false}
            data-testid="callback-body"
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={!ready} data-testid="callback-run">
          {t('debugger.verify')}
        </button>
      </div>
      {verdict && (
        <div
          className={verdict.valid ? 'verdict verdict-valid' : 'verdict verdict-invalid'}
          role="status"
          data-testid="callback-verdict"
          data-valid={verdict.valid}
        >
          <strong>{verdict.valid ? t('debugger.valid') : t('debugger.invalid')}</strong>
          <p>{verdict.reason}</p>
          {verdict.stringToSign !== undefined && (
            <>
              <h3 className="subheading">{t('debugger.stringToSign')}</h3>
              <pre className="code-block">{verdict.stringToSign}</pre>
            </>
          )}
        </div>
      )}
    </form>
  );
}
