// The inputs of one credential kind, shared by the add and edit forms.
import { useTranslation } from 'react-i18next';
import { Field } from '../ui/Field';
import { type CredentialField, regionIdsOf } from './kinds';

interface CredentialFieldsProps {
  fields: CredentialField[];
  values: Record<string, string>;
  onChange(name: string, value: string): void;
  onBlur(name: string, nextFocus: EventTarget | null): void;
  errorFor(name: string): string | undefined;
  /** Edit form: an empty secret keeps the stored one. */
  rotating?: boolean;
}

export function CredentialFields({ fields, values, onChange, onBlur, errorFor, rotating }: CredentialFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      {fields.map((field) => (
        <Field
          key={field.name}
          label={
            rotating && field.secret
              ? t('credentialForm.newSecret', { what: t(`credential.field.${field.key}`) })
              : t(`credential.field.${field.key}`)
          }
          hint={rotating && field.secret ? t('credentialForm.keepSecretHint') : t(`credential.hint.${field.key}`)}
          error={errorFor(field.name)}
        >
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
    </>
  );
}
