// The submit of every edit form: a submit attempt shows all the form's errors and sends nothing while any remains;
// otherwise the request goes once, the submit button says "saving" until the answer, and an error is a notice.
import { type FormEvent, useState } from 'react';
import type { Result } from '../../shared/errors';
import { useCall } from './notify';

interface Validity {
  valid: boolean;
  /** Marks the form as submitted, so every field shows its error. */
  submit(): void;
}

export function useSave<T>(form: Validity, send: () => Promise<Result<T>>, onSaved: (value: T) => void) {
  const call = useCall();
  const [saving, setSaving] = useState(false);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    form.submit();
    if (!form.valid) return;
    setSaving(true);
    const value = await call(send());
    setSaving(false);
    if (value !== undefined) onSaved(value);
  };
  return { saving, save };
}
