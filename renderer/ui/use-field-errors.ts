// Turns the shared schema's issues for a form into translated messages, shown only for fields the user has touched
// (or all of them after a submit attempt), so an empty form does not open covered in red.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { issuesOf, validationKeys } from '../lib/validation';

export function useFieldErrors(schema: z.ZodType, value: unknown, messageKeys: Record<string, string>) {
  const { t } = useTranslation();
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const issues = issuesOf(schema, value);
  const valid = Object.keys(issues).length === 0;
  const errorFor = (field: string): string | undefined => {
    const code = issues[field];
    if (code === undefined || (!submitted && !touched.has(field))) return undefined;
    return t(validationKeys(messageKeys[field] ?? field, code));
  };
  // Leaving a field for a button (Save, Cancel) does not reveal its error: the message would push the button away
  // between mouse-down and mouse-up and swallow the click. Save shows every error anyway.
  const touch = (field: string, nextFocus?: EventTarget | null) => {
    if (nextFocus instanceof HTMLButtonElement) return;
    setTouched((set) => (set.has(field) ? set : new Set(set).add(field)));
  };
  return { valid, errorFor, touch, submit: () => setSubmitted(true) };
}
