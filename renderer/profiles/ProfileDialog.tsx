// New profile (typed in, or pasted from a .env block / Sinch CLI JSON) and editing an existing one: rename,
// project ID, environment label, notes. Validated inline with the same schema main enforces.
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Profile, profileInputSchema } from '../../shared/profile';
import { useApi } from '../api/context';
import { ImportBox } from '../credentials/ImportBox';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { useCall } from '../ui/notify';
import { Tabs } from '../ui/Tabs';
import { useFieldErrors } from '../ui/use-field-errors';

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
  const [mode, setMode] = useState<'form' | 'import'>('form');
  const form = <ProfileForm profile={profile} onCancel={onClose} onSaved={onSaved} />;
  return (
    <Dialog title={profile ? t('profileForm.editTitle') : t('profileForm.newTitle')} onClose={onClose} testId="profile-dialog">
      {profile ? (
        form
      ) : (
        <Tabs
          small
          label={t('profileForm.how')}
          active={mode}
          onChange={setMode}
          tabs={[
            { id: 'form', label: t('profileForm.byHand') },
            { id: 'import', label: t('import.tab'), testId: 'import-tab' },
          ]}
        >
          {mode === 'form' ? form : <ImportBox onApplied={onSaved} />}
        </Tabs>
      )}
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
  const call = useCall();
  const listId = useId();
  const [value, setValue] = useState({
    name: profile?.name ?? '',
    projectId: profile?.projectId ?? '',
    environment: profile?.environment ?? 'prod',
    notes: profile?.notes ?? '',
  });
  const [saving, setSaving] = useState(false);
  const { valid, errorFor, touch, submit } = useFieldErrors(profileInputSchema, value, MESSAGE_KEYS);
  const set = (field: keyof typeof value) => (text: string) => setValue((v) => ({ ...v, [field]: text }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    submit();
    if (!valid) return;
    setSaving(true);
    const saved = await call(
      profile ? api['profiles.update']({ profileId: profile.id, patch: value }) : api['profiles.create'](value),
    );
    setSaving(false);
    if (saved) onSaved(saved);
  };

  const text = (
    field: keyof typeof value,
    label: string,
    testId: string,
    extra: { placeholder?: string; list?: string } = {},
  ) => (
    <Field label={label} error={errorFor(field)}>
      {(control) => (
        <input
          {...control}
          {...extra}
          className="input"
          value={value[field]}
          onChange={(e) => set(field)(e.target.value)}
          onBlur={(e) => touch(field, e.relatedTarget)}
          data-testid={testId}
          autoComplete="off"
          spellCheck={false}
        />
      )}
    </Field>
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
      <Field label={t('profile.notes')} error={errorFor('notes')}>
        {(control) => (
          <textarea
            {...control}
            className="input"
            rows={3}
            value={value.notes}
            onChange={(e) => set('notes')(e.target.value)}
            onBlur={(e) => touch('notes', e.relatedTarget)}
            data-testid="profile-notes"
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={saving} data-testid="profile-save">
          {profile ? t('common.save') : t('profileForm.create')}
        </button>
      </div>
    </form>
  );
}
