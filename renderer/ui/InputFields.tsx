// The common Fields with their control: a text input, a text area and a select, each taking and giving a plain
// string, so forms state what a field is and not how an <input> is wired.
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import { Field } from './Field';

interface FieldChrome {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Classes of the field's box (field-narrow, field-grow), not of the control. */
  className?: string;
  testId: string;
}

interface TextProps extends FieldChrome {
  value: string;
  onChange(value: string): void;
  /** Monospaced: codes, paths, secrets. */
  mono?: boolean;
}

type TextFieldProps = TextProps & Omit<InputHTMLAttributes<HTMLInputElement>, keyof TextProps>;

export function TextField({ label, hint, error, className, testId, value, onChange, mono, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <input
          {...control}
          {...input}
          className={mono ? 'input mono' : 'input'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
      )}
    </Field>
  );
}

type TextAreaFieldProps = TextProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, keyof TextProps>;

export function TextAreaField({ label, hint, error, className, testId, value, onChange, mono, ...area }: TextAreaFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <textarea
          {...control}
          {...area}
          className={mono ? 'input mono' : 'input'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
      )}
    </Field>
  );
}

interface SelectFieldProps<V extends string> extends FieldChrome {
  value: V;
  options: readonly V[];
  /** What the user reads for an option; the option itself when absent (HTTP methods). */
  optionLabel?(option: V): string;
  onChange(value: V): void;
}

export function SelectField<V extends string>({
  label,
  hint,
  error,
  className,
  testId,
  value,
  options,
  optionLabel,
  onChange,
}: SelectFieldProps<V>) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <select {...control} className="input" value={value} onChange={(e) => onChange(e.target.value as V)} data-testid={testId}>
          {options.map((option) => (
            <option key={option} value={option}>
              {optionLabel ? optionLabel(option) : option}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
