// The inputs of one credential kind, shared by the add, edit and rotate forms.
import { useTranslation } from 'react-i18next';
import { Field } from '../ui/Field';
import { type CredentialField, regionIdsOf } from './kinds';

interface CredentialFieldsProps {
  fields: CredentialField[];
  values: Record<string, string>;
  onChange(name: string, value: string): void;
  onBlur(name: string, nextFocus: EventTarget | null): void;
  errorFor(name: string): string | undefined;
  /**
   * 'edit': an empty secret keeps the stored one. 'rotate': a new key for `replacing` (its public ID), whose empty
   * public field keeps that ID; the label stays as it is, so it is not asked for.
   */
  mode?: 'add' | 'edit' | 'rotate';
  replacing?: string;
}

export function CredentialFields({ fields, values, onChange, onBlur, errorFor, mode = 'add', replacing }: CredentialFieldsProps) {
  const { t } = useTranslation();
  const labelOf = (field: CredentialField) =>
    mode !== 'add' && field.secret
      ? t('credentialForm.newSecret', { what: t(`credential.field.${field.key}`) })
      : t(`credential.field.${field.key}`);
  const hintOf = (field: CredentialField) => {
    if (mode === 'edit' && field.secret) return t('credentialForm.keepSecretHint');
    if (mode === 'rotate' && !field.secret) return t('keyHygiene.rotate.publicIdHint', { id: replacing });
    return t(`credential.hint.${field.key}`);
  };
  return (
    <>
      {fields.map((field) => (
        <Field key={field.name} label={labelOf(field)} hint={hintOf(field)} error={errorFor(field.name)}>
          {(control) =>
            field.regionsOf ? (
              <select
                {...control}
                className="input"
                value={values[field.name] ?? ''}
                onChange={(e) => onChange(field.name, e.target.value)}
                data-testid={`credential-field-${field.name}`}
              >
                {regionIdsOf(field.regionsOf).map((id) => (
                  <option key={id} value={id}>
                    {t(`regionNames.${id}`)}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...control}
                className={field.secret ? 'input mono' : 'input'}
                type={field.secret ? 'password' : 'text'}
                value={values[field.name] ?? ''}
                onChange={(e) => onChange(field.name, e.target.value)}
                onBlur={(e) => onBlur(field.name, e.relatedTarget)}
                autoComplete="off"
                spellCheck={false}
                data-testid={`credential-field-${field.name}`}
              />
            )
          }
        </Field>
      ))}
      {mode !== 'rotate' && (
        <Field label={t('credential.field.label')} hint={t('credential.hint.label')} error={errorFor('label')}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={values.label ?? ''}
              onChange={(e) => onChange('label', e.target.value)}
              onBlur={(e) => onBlur('label', e.relatedTarget)}
              data-testid="credential-field-label"
            />
          )}
        </Field>
      )}
    </>
  );
}
