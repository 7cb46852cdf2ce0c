// The HTTP method picker of a custom request, the signing debugger and the callback verifier.
import { useTranslation } from 'react-i18next';
import { SelectField } from '../ui/InputFields';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type Method = (typeof METHODS)[number];

export function MethodField({ value, onChange, testId }: { value: Method; onChange(method: Method): void; testId: string }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('test.method')}
      className="field-narrow"
      value={value}
      options={METHODS}
      onChange={onChange}
      testId={testId}
    />
  );
}
