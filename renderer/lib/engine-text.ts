// The engine sends its own sentences (errors, callback verdicts, snippet warnings) as an id and facts beside its
// English words (shared/engine-text.ts); here they are said in the UI's language, with hints that name the UI's own
// controls. Only a sentence this UI has no words for (one from a newer engine) is shown in the engine's English.
import { type EngineWords, enginePhrases, type TextRef } from '../../shared/engine-text';
import type { AppErrorData } from '../../shared/errors';
import { type Translate, wordsOf } from '../test-request/diagnosis-text';

export const engineWordsOf = (t: Translate): EngineWords => ({
  ...wordsOf(t),
  target: (target) => (target === 'auth' ? t('engineText.tokenEndpoint') : t(`products.${target}`)),
  backend: (backend) => t(`engineText.backends.${backend}`),
  duration: (unit, count) => t(`engineText.durations.${unit}`, { count }),
  milliseconds: (ms) =>
    ms < 1000 ? t('engineText.durations.ms', { count: ms }) : t('engineText.durations.second', { count: Math.round(ms / 1000) }),
});

/** One part of an engine sentence in the UI's language; `english` when the UI has no words for it. */
export function sayPart(ref: TextRef, part: 'message' | 'hint', english: string | undefined, t: Translate): string | undefined {
  const key = `engineText.${ref.id}.${part}`;
  // The key itself as the default marks a missing text without letting i18next fill the engine's words again.
  const said = t(key, { ...enginePhrases(ref.params, engineWordsOf(t)), defaultValue: key });
  return said === key ? english : said;
}

/** A sentence the engine sent beside its English words (a callback's reason, a snippet's warning). */
export const saySentence = (ref: TextRef | undefined, english: string, t: Translate): string =>
  (ref && sayPart(ref, 'message', english, t)) || english;

/** An error's message and hint in the UI's language, where the engine said which sentence it is. */
export function sayError(error: Pick<AppErrorData, 'message' | 'hint' | 'text'>, t: Translate) {
  if (!error.text) return { message: error.message, hint: error.hint };
  return { message: sayPart(error.text, 'message', error.message, t), hint: sayPart(error.text, 'hint', error.hint, t) };
}
