// Shows every step of an Application-signed request (docs/protocol.md#signing): the string to sign, Content-MD5, the
// x-timestamp and the Authorization header, computed in main with the stored application secret.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignedRequestView } from '../../shared/views';
import { useApi } from '../api/context';
import { type Method, MethodField } from '../test-request/MethodField';
import { CopyButton } from '../ui/CopyButton';
import { TextAreaField, TextField } from '../ui/InputFields';
import { useCall } from '../ui/notify';
import type { AppKeyRef } from './AppKeyPicker';

export function SigningDebugger({ appKey }: { appKey: AppKeyRef | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();
  const [input, setInput] = useState({
    method: 'POST' as Method,
    path: '/calling/v1/callouts',
    contentType: 'application/json',
    body: '',
    timestamp: '',
  });
  const [result, setResult] = useState<SignedRequestView>();
  const set = (patch: Partial<typeof input>) => setInput((v) => ({ ...v, ...patch }));

  const sign = async (event: FormEvent) => {
    event.preventDefault();
    if (!appKey?.credentialId) return;
    const { timestamp, ...rest } = input;
    setResult(
      await call(api['signing.sign']({ ...appKey, ...rest, ...(timestamp.trim() ? { timestamp: timestamp.trim() } : {}) })),
    );
  };

  const output = (label: string, value: string, testId: string) => (
    <div className="output">
      <div className="output-head">
        <h3 className="subheading">{label}</h3>
        <CopyButton className="button button-small" text={value} sensitive={false} />
      </div>
      <pre className="code-block" data-testid={testId}>
        {value || t('debugger.empty')}
      </pre>
    </div>
  );

  return (
    <form className="form" onSubmit={sign} noValidate data-testid="signing-debugger">
      <div className="row">
        <MethodField value={input.method} onChange={(method) => set({ method })} testId="sign-method" />
        <TextField
          label={t('test.path')}
          className="field-grow"
          hint={t('debugger.pathHint')}
          mono
          value={input.path}
          onChange={(path) => set({ path })}
          spellCheck={false}
          testId="sign-path"
        />
      </div>
      <div className="row">
        <TextField
          label={t('test.contentType')}
          className="field-grow"
          mono
          value={input.contentType}
          onChange={(contentType) => set({ contentType })}
          testId="sign-content-type"
        />
        <TextField
          label={t('debugger.timestamp')}
          hint={t('debugger.timestampHint')}
          className="field-grow"
          mono
          value={input.timestamp}
          onChange={(timestamp) => set({ timestamp })}
          placeholder={t('debugger.timestampPlaceholder')}
          testId="sign-timestamp-input"
        />
      </div>
      <TextAreaField
        label={t('test.requestBody')}
        hint={t('debugger.bodyHint')}
        mono
        rows={4}
        value={input.body}
        onChange={(body) => set({ body })}
        spellCheck={false}
        testId="sign-body"
      />
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={!appKey?.credentialId || !input.path.startsWith('/')}
          data-testid="sign-run"
        >
          {t('debugger.sign')}
        </button>
      </div>
      {result && (
        <div className="outputs" data-testid="sign-result">
          {output(t('debugger.stringToSign'), result.stringToSign, 'sign-string-to-sign')}
          {output(t('debugger.contentMd5'), result.contentMd5, 'sign-content-md5')}
          {output(t('debugger.xTimestamp'), result.xTimestamp, 'sign-x-timestamp')}
          {output(t('debugger.authorization'), result.authorization, 'sign-authorization')}
        </div>
      )}
    </form>
  );
}
