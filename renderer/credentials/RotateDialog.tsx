// Guided rotation: the new key ID and secret are tested where the old key works before they replace it. A new key
// that fails leaves everything as it was, and the dialog shows which product refused it and why.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRODUCTS } from '../../shared/catalog';
import { type CredentialMeta, publicIdOf } from '../../shared/profile';
import type { RotationResult } from '../../shared/views';
import { useApi } from '../api/context';
import { Dialog } from '../ui/Dialog';
import { FormActions } from '../ui/FormActions';
import { TextField } from '../ui/InputFields';
import { useCall } from '../ui/notify';

interface RotateProps {
  profileId: string;
  credential: CredentialMeta;
  onClose(): void;
  onRotated(): void;
}

export function RotateDialog({ profileId, credential, onClose, onRotated }: RotateProps) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();
  const [publicId, setPublicId] = useState('');
  const [secret, setSecret] = useState('');
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<RotationResult>();

  const rotate = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const r = await call(
      api['credentials.rotate']({
        profileId,
        credentialId: credential.id,
        ...(publicId.trim() ? { publicId: publicId.trim() } : {}),
        secret,
      }),
    );
    setSaving(false);
    setSecret('');
    if (!r) return;
    setResult(r);
    if (r.rotated) onRotated();
  };

  return (
    <Dialog title={t('keyHygiene.rotate.title', { id: publicIdOf(credential) })} onClose={onClose} testId="rotate-dialog">
      {result ? (
        <div className="form" data-testid="rotate-result" data-rotated={result.rotated}>
          <p className={result.rotated ? 'callout' : 'callout callout-warning'} role="status">
            {result.rotated ? t('keyHygiene.rotate.done', { id: publicIdOf(result.credential) }) : t('keyHygiene.rotate.kept')}
          </p>
          <ul className="plain-list">
            {result.after.map((c) => (
              <li key={c.productId} data-verdict={c.verdict}>
                {PRODUCTS[c.productId].name}: {t(`keyHygiene.verdict.${c.verdict}`)}
                {c.verdict !== 'works' && ` — ${c.title}`}
              </li>
            ))}
          </ul>
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={onClose} data-testid="rotate-close">
              {t('common.close')}
            </button>
          </div>
        </div>
      ) : (
        <form className="form" onSubmit={rotate} noValidate data-testid="rotate-form">
          <p className="muted small">{t('keyHygiene.rotate.explain')}</p>
          <TextField
            label={t(`credential.publicId.${credential.kind}`)}
            hint={t('keyHygiene.rotate.publicIdHint', { id: publicIdOf(credential) })}
            value={publicId}
            onChange={setPublicId}
            mono
            autoComplete="off"
            testId="rotate-public-id"
          />
          <TextField
            label={t(`credential.secret.${credential.kind}`)}
            type="password"
            value={secret}
            onChange={setSecret}
            mono
            autoComplete="off"
            testId="rotate-secret"
          />
          <FormActions
            onCancel={onClose}
            saving={saving}
            submitLabel={saving ? t('keyHygiene.rotate.testing') : t('keyHygiene.rotate.submit')}
            submitTestId="rotate-submit"
          />
        </form>
      )}
    </Dialog>
  );
}
