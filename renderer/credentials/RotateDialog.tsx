// Guided rotation: the new key ID and secret are tested where the old key works before they replace it. A new key
// that fails leaves everything as it was, and the dialog shows which product refused it and why.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRODUCTS } from '../../shared/catalog';
import { type CredentialMeta, credentialPatchSchema, publicIdOf, secretSchemaFor } from '../../shared/profile';
import type { RotationResult } from '../../shared/views';
import { useApi } from '../api/context';
import { Dialog } from '../ui/Dialog';
import { FormActions } from '../ui/FormActions';
import { useFieldErrors } from '../ui/use-field-errors';
import { useSave } from '../ui/use-save';
import type { CredentialDialogProps } from './CredentialDialogs';
import { CredentialFields } from './CredentialFields';
import { KIND_FIELDS, messageKeysOf } from './kinds';

export function RotateDialog({ profileId, credential, onClose, onSaved }: CredentialDialogProps) {
  const { t } = useTranslation();
  const [result, setResult] = useState<RotationResult>();
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
        <RotateForm
          profileId={profileId}
          credential={credential}
          onCancel={onClose}
          onTested={(r) => {
            setResult(r);
            if (r.rotated) onSaved();
          }}
        />
      )}
    </Dialog>
  );
}

interface RotateFormProps {
  profileId: string;
  credential: CredentialMeta;
  onCancel(): void;
  onTested(result: RotationResult): void;
}

/** The new key's public field (empty keeps the current one) and its secret, checked by the kind's own rules. */
function RotateForm({ profileId, credential, onCancel, onTested }: RotateFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  // Rotation replaces the key, not its region or label.
  const fields = KIND_FIELDS[credential.kind].filter((f) => !f.regionsOf);
  const publicField = fields.find((f) => !f.secret)?.name;
  const [values, setValues] = useState<Record<string, string>>({});
  const publicId = (publicField && values[publicField]?.trim()) || '';
  const secret = values.secret ?? '';
  const input = useMemo(
    () => ({ ...(publicField && publicId ? { [publicField]: publicId } : {}), secret }),
    [publicField, publicId, secret],
  );
  const schema = useMemo(() => credentialPatchSchema.extend({ secret: secretSchemaFor(credential.kind) }), [credential.kind]);
  const fieldErrors = useFieldErrors(schema, input, messageKeysOf(credential.kind));
  const { saving, save } = useSave(
    fieldErrors,
    () =>
      api['credentials.rotate']({
        profileId,
        credentialId: credential.id,
        ...(publicId ? { publicId } : {}),
        secret,
      }),
    onTested,
  );

  return (
    <form className="form" onSubmit={save} noValidate data-testid="rotate-form">
      <p className="muted small">{t('keyHygiene.rotate.explain')}</p>
      <CredentialFields
        fields={fields}
        values={values}
        onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
        onBlur={fieldErrors.touch}
        errorFor={fieldErrors.errorFor}
        mode="rotate"
        replacing={publicIdOf(credential)}
      />
      <FormActions
        onCancel={onCancel}
        saving={saving}
        submitLabel={saving ? t('keyHygiene.rotate.testing') : t('keyHygiene.rotate.submit')}
        submitTestId="rotate-submit"
      />
    </form>
  );
}
