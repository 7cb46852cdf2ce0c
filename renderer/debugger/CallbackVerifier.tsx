// Checks a callback Sinch (or Mailgun) sent to you: paste its headers and raw body, and main recomputes the
// signature (docs/protocol.md#callbacks) and says whether it matches, and why not.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callbackInputSchema } from '../../shared/contract';
import type { CallbackVerdict } from '../../shared/views';
import { useApi } from '../api/context';
import { saySentence } from '../lib/engine-text';
import { type Method, MethodField } from '../test-request/MethodField';
import { SelectField, TextAreaField, TextField } from '../ui/InputFields';
import { useCall } from '../ui/notify';
import type { AppKeyRef } from './AppKeyPicker';

type Kind = 'application' | 'conversation' | 'numbers' | 'mailgun';
const KINDS: Kind[] = ['application', 'conversation', 'numbers', 'mailgun'];

export function CallbackVerifier({ appKey }: { appKey: AppKeyRef | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();
  const [kind, setKind] = useState<Kind>('application');
  const [form, setForm] = useState({ method: 'POST' as Method, path: '/', headers: '', body: '', secret: '' });
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
      <SelectField
        label={t('debugger.callbackKind')}
        hint={t(`debugger.kindHint.${kind}`)}
        value={kind}
        options={KINDS}
        optionLabel={(k) => t(`debugger.kinds.${k}`)}
        onChange={(next) => {
          setKind(next);
          setVerdict(undefined);
        }}
        testId="callback-kind"
      />
      {kind === 'application' && (
        <div className="row">
          <MethodField value={form.method} onChange={(method) => set({ method })} testId="callback-method" />
          <TextField
            label={t('debugger.callbackPath')}
            className="field-grow"
            hint={t('debugger.callbackPathHint')}
            mono
            value={form.path}
            onChange={(path) => set({ path })}
            spellCheck={false}
            testId="callback-path"
          />
        </div>
      )}
      {kind !== 'application' && (
        <TextField
          label={kind === 'mailgun' ? t('debugger.signingKey') : t('debugger.webhookSecret')}
          hint={t('debugger.secretHint')}
          mono
          type="password"
          value={form.secret}
          onChange={(secret) => set({ secret })}
          autoComplete="off"
          testId="callback-secret"
        />
      )}
      {kind !== 'mailgun' && (
        <TextAreaField
          label={t('debugger.headers')}
          hint={t('debugger.headersHint')}
          mono
          rows={5}
          value={form.headers}
          onChange={(headers) => set({ headers })}
          spellCheck={false}
          testId="callback-headers"
        />
      )}
      <TextAreaField
        label={t('debugger.rawBody')}
        hint={kind === 'mailgun' ? t('debugger.mailgunBodyHint') : t('debugger.rawBodyHint')}
        mono
        rows={6}
        value={form.body}
        onChange={(body) => set({ body })}
        spellCheck={false}
        testId="callback-body"
      />
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
          <p data-testid="callback-reason">{saySentence(verdict.reasonText, verdict.reason, t)}</p>
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
