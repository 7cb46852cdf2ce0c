// Adding a credential (typed per kind, or pasted) and editing one (label, public fields, secret rotation).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CREDENTIAL_KINDS, type CredentialKind } from '../../shared/catalog';
import {
  type CredentialMeta,
  type CredentialPatch,
  credentialInputSchema,
  credentialPatchSchema,
  type Profile,
  publicIdOf,
  secretSchemaFor,
} from '../../shared/profile';
import { useApi } from '../api/context';
import { Dialog } from '../ui/Dialog';
import { FormActions } from '../ui/FormActions';
import { SelectField } from '../ui/InputFields';
import { useFieldErrors } from '../ui/use-field-errors';
import { useSave } from '../ui/use-save';
import { CredentialFields } from './CredentialFields';
import { FormOrImport } from './FormOrImport';
import { ImportBox } from './ImportBox';
import { KIND_FIELDS, messageKeysOf, regionIdsOf } from './kinds';

/** Every field starts empty (so a missing value reads "required"), a region field at the product's first region. */
const initialValues = (kind: CredentialKind): Record<string, string> =>
  Object.fromEntries([
    ...KIND_FIELDS[kind].map((f) => [f.name, f.regionsOf ? (regionIdsOf(f.regionsOf)[0] ?? '') : '']),
    ['label', ''],
  ]);

export function AddCredentialDialog({ profile, onClose, onSaved }: { profile: Profile; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('credentialForm.addTitle', { profile: profile.name })} onClose={onClose} testId="add-credential-dialog">
      <FormOrImport
        form={<AddCredentialForm profile={profile} onCancel={onClose} onSaved={onSaved} />}
        importBox={<ImportBox profileId={profile.id} onApplied={onSaved} />}
      />
    </Dialog>
  );
}

function AddCredentialForm({ profile, onCancel, onSaved }: { profile: Profile; onCancel(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [kind, setKind] = useState<CredentialKind>('accessKey');
  const [values, setValues] = useState(() => initialValues('accessKey'));
  const input = useMemo(() => ({ kind, ...values }), [kind, values]);
  const fieldErrors = useFieldErrors(credentialInputSchema, input, messageKeysOf(kind));
  const { errorFor, touch } = fieldErrors;
  const { saving, save } = useSave(
    fieldErrors,
    () => api['credentials.add']({ profileId: profile.id, credential: credentialInputSchema.parse(input) }),
    onSaved,
  );

  return (
    <form className="form" onSubmit={save} noValidate data-testid="credential-form">
      <SelectField
        label={t('credentialForm.kind')}
        hint={t(`kinds.${kind}.usedFor`)}
        value={kind}
        options={CREDENTIAL_KINDS}
        optionLabel={(k) => t(`kinds.${k}.name`)}
        onChange={(next) => {
          setKind(next);
          setValues(initialValues(next));
        }}
        testId="credential-kind"
      />
      <CredentialFields
        fields={KIND_FIELDS[kind]}
        values={values}
        onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
        onBlur={touch}
        errorFor={errorFor}
      />
      <p className="muted small">{t('credentialForm.keychainNote')}</p>
      <FormActions onCancel={onCancel} saving={saving} submitLabel={t('credentialForm.add')} submitTestId="credential-save" />
    </form>
  );
}

/** A dialog about one stored credential: editing it, rotating it. */
export interface CredentialDialogProps {
  profileId: string;
  credential: CredentialMeta;
  onClose(): void;
  onSaved(): void;
}

export function EditCredentialDialog({ profileId, credential, onClose, onSaved }: CredentialDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const fields = KIND_FIELDS[credential.kind];
  const [values, setValues] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(
      fields.filter((f) => !f.secret).map((f) => [f.name, String((credential as Record<string, unknown>)[f.name] ?? '')]),
    ),
    label: credential.label,
    secret: '',
  }));
  // Rotation: a new secret is validated by its kind's rule; an empty one keeps the stored secret.
  const schema = useMemo(
    () => credentialPatchSchema.extend({ secret: secretSchemaFor(credential.kind).optional() }),
    [credential.kind],
  );
  const patch = useMemo(() => {
    const { secret, ...rest } = values;
    return secret ? { ...rest, secret } : rest;
  }, [values]);
  const fieldErrors = useFieldErrors(schema, patch, messageKeysOf(credential.kind));
  const { errorFor, touch } = fieldErrors;
  const { saving, save } = useSave(
    fieldErrors,
    () => api['credentials.update']({ profileId, credentialId: credential.id, patch: patch as CredentialPatch }),
    onSaved,
  );

  return (
    <Dialog
      title={t('credentialForm.editTitle', { id: publicIdOf(credential) })}
      onClose={onClose}
      testId="edit-credential-dialog"
    >
      <form className="form" onSubmit={save} noValidate data-testid="credential-edit-form">
        <CredentialFields
          fields={fields}
          values={values}
          onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
          onBlur={touch}
          errorFor={errorFor}
          mode="edit"
        />
        <FormActions onCancel={onClose} saving={saving} submitLabel={t('common.save')} submitTestId="credential-save" />
      </form>
    </Dialog>
  );
}
