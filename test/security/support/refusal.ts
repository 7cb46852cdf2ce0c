// What a refused request must look like at every door: the error envelope with its code (VALIDATION for a malformed
// request) and a sentence.
import { inspect } from 'node:util';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Starts with a visible character and ends like a sentence. */
const SENTENCE = /^\S[\s\S]*[.!?]$/;

/** Why `reply` is not `{ ok: false, error: { code, message: <sentence>, hint? } }`; undefined when it is. */
export function notARefusal(reply: unknown, code = 'VALIDATION'): string | undefined {
  if (!isRecord(reply) || reply.ok !== false) return `not a refusal: ${short(reply)}`;
  const { error } = reply;
  if (Object.keys(reply).join() !== 'ok,error' || !isRecord(error)) return `not an error envelope: ${short(reply)}`;
  if (error.code !== code) return `code ${String(error.code)} instead of ${code}: ${short(error)}`;
  if (typeof error.message !== 'string' || !SENTENCE.test(error.message)) return `message is not a sentence: ${short(error)}`;
  if (Object.keys(error).some((k) => !['code', 'message', 'hint'].includes(k))) return `unexpected fields: ${short(error)}`;
  return undefined;
}

/** A readable, bounded picture of any value (for failure reports). */
export const short = (value: unknown): string =>
  inspect(value, { depth: 3, maxStringLength: 80, maxArrayLength: 5, breakLength: Number.POSITIVE_INFINITY });
