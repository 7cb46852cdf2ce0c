// A file or folder path, typed or picked with a "Choose…" button. In the desktop app a path counts only when main's
// own dialog handed it out, so the input is read-only there and the button is the way in.
import type { ReactNode } from 'react';
import { Field } from './Field';

interface PathFieldProps {
  label: ReactNode;
  hint: ReactNode;
  value: string;
  onChange(value: string): void;
  readOnly: boolean;
  placeholder?: string;
  testId: string;
  /** The button that opens the picker; none when this door has no picker. */
  choose?: { label: string; onClick(): void; testId: string } | undefined;
}

export function PathField({ label, hint, value, onChange, readOnly, placeholder, testId, choose }: PathFieldProps) {
  return (
    <Field label={label} hint={hint}>
      {(control) => (
        <div className="input-with-button">
          <input
            {...control}
            className="input mono"
            value={value}
            onChange={(e) => onChange(e.target.value)}
            readOnly={readOnly}
            placeholder={placeholder}
            spellCheck={false}
            data-testid={testId}
          />
          {choose && (
            <button type="button" className="button" onClick={choose.onClick} data-testid={choose.testId}>
              {choose.label}
            </button>
          )}
        </div>
      )}
    </Field>
  );
}
