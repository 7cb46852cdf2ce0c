// New profile (typed in, or pasted from a .env block / Sinch CLI JSON) and editing an existing one: rename,
// project ID, environment label, notes. Validated inline with the same schema main enforces.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Profile, profileInputSchema } from '../../shared/profile';
import { useApi } from '../api/context';
import { FormOrImport } from '../credentials/FormOrImport';
import { ImportBox } from '../credentials/ImportBox';
import { Dialog } from '../ui/Dialog';
import { FormActions } from '../ui/FormActions';
import { TextAreaField, TextField } from '../ui/InputFields';
import { useFieldErrors } from '../ui/use-field-errors';
import { useSave } from '../ui/use-save';

const MESSAGE_KEYS = { name: 'profileName', projectId: 'projectId', environment: 'environment', notes: 'notes' };
const ENVIRONMENT_SUGGESTIONS = ['prod', 'staging', 'dev', 'test'];

interface ProfileDialogProps {
  /** Absent: create a new profile. */
  profile?: Profile;
  onClose(): void;
  onSaved(profile: Profile): void;
}

export function ProfileDialog({ profile, onClose, onSaved }: ProfileDialogProps) {
  const { t } = useTranslation();
  const form = <ProfileForm profile={profile} onCancel={onClose} onSaved={onSaved} />;
  return (
    <Dialog title={profile ? t('profileForm.editTitle') : t('profileForm.newTitle')} onClose={onClose} testId="profile-dialog">
      {profile ? form : <FormOrImport form={form} importBox={<ImportBox onApplied={onSaved} />} />}
    </Dialog>
  );
}

function ProfileForm({
  profile,
  onCancel,
  onSaved,
}: {
  profile: Profile | undefined;
  onCancel(): void;
  onSaved(p: Profile): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const listId = useId();
  const [value, setValue] = useState({
    name: profile?.name ?? '',
    projectId: profile?.projectId ?? '',
    environment: profile?.environment ?? 'prod',
    notes: profile?.notes ?? '',
  });
  const fieldErrors = useFieldErrors(profileInputSchema, value, MESSAGE_KEYS);
  const { errorFor, touch } = fieldErrors;
  const set = (field: keyof typeof value) => (text: string) => setValue((v) => ({ ...v, [field]: text }));
  const { saving, save } = useSave(
    fieldErrors,
    () => (profile ? api['profiles.update']({ profileId: profile.id, patch: value }) : api['profiles.create'](value)),
    onSaved,
  );

  const text = (
    field: keyof typeof value,
    label: string,
    testId: string,
    extra: { placeholder?: string; list?: string } = {},
  ) => (
    <TextField
      {...extra}
      label={label}
      error={errorFor(field)}
      value={value[field]}
      onChange={set(field)}
      onBlur={(e) => touch(field, e.relatedTarget)}
      testId={testId}
      autoComplete="off"
      spellCheck={false}
    />
  );

  return (
    <form className="form" onSubmit={save} noValidate data-testid="profile-form">
      {text('name', t('profile.name'), 'profile-name', { placeholder: t('profileForm.namePlaceholder') })}
      {text('projectId', t('profile.projectId'), 'profile-project-id', { placeholder: t('profileForm.projectIdPlaceholder') })}
      {text('environment', t('profile.environment'), 'profile-environment', { list: listId })}
      <datalist id={listId}>
        {ENVIRONMENT_SUGGESTIONS.map((env) => (
          <option key={env} value={env} />
        ))}
      </datalist>
      <TextAreaField
        label={t('profile.notes')}
        error={errorFor('notes')}
        rows={3}
        value={value.notes}
        onChange={set('notes')}
        onBlur={(e) => touch('notes', e.relatedTarget)}
        testId="profile-notes"
      />
      <FormActions
        onCancel={onCancel}
        saving={saving}
        submitLabel={profile ? t('common.save') : t('profileForm.create')}
        submitTestId="profile-save"
      />
    </form>
  );
}
