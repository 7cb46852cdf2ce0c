// Inline validation reuses the shared zod schemas (the same ones main enforces), and only the wording is local:
// each field's message is looked up by the field's message key and the zod issue code, so it can be translated.
import type { z } from 'zod';

/** Field name → zod issue code of the first problem with that field; empty when the value is valid. */
export type FieldIssues = Partial<Record<string, string>>;

export function issuesOf(schema: z.ZodType, value: unknown): FieldIssues {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const issues: FieldIssues = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    issues[field] ??= issue.code;
  }
  return issues;
}

/** The i18n keys to try for a field's problem: the specific issue first, then the field's general rule. */
export const validationKeys = (messageKey: string, code: string): string[] => [
  `validation.${messageKey}.${code}`,
  `validation.${messageKey}.invalid`,
];
