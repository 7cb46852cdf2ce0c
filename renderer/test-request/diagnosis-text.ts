// A diagnosis arrives as a code and ids/numbers (shared/diagnosis-text.ts DiagnosisParams); the same phrasesOf that
// writes the English words fills the translated template here, with the UI language's vocabulary.
import type { Diagnosis } from '../../shared/diagnosis';
import { phrasesOf, type Words } from '../../shared/diagnosis-text';

export type Translate = (key: string, params?: Record<string, unknown>) => string;

export const wordsOf = (t: Translate): Words => ({
  product: (id) => t(`products.${id}`),
  tokenEndpoint: t('diagnosisParams.tokenEndpoint'),
  theFunction: t('diagnosisParams.theFunction'),
  kindName: (kind) => t(`kinds.${kind}.long`),
  kindSource: (kind) => t(`kinds.${kind}.source`),
  ahead: t('diagnosisParams.ahead'),
  behind: t('diagnosisParams.behind'),
  answered: (status) => t('diagnosisParams.answered', { status }),
  dnsFailed: t('diagnosisParams.dnsFailed'),
  seconds: (count) => t('diagnosisParams.seconds', { count }),
  until: (time) => t('diagnosisParams.until', { time }),
  aMinute: t('diagnosisParams.aMinute'),
  noAnswer: t('diagnosisParams.noAnswer'),
  list: (items) => items.join(t('diagnosisParams.listSeparator')),
});

/** Title, explanation and fix of a diagnosis in the current language. */
export function diagnosisText(diagnosis: Pick<Diagnosis, 'code' | 'params'>, t: Translate) {
  const params = phrasesOf(diagnosis.params, wordsOf(t));
  const text = (part: 'title' | 'explanation' | 'fix') => t(`diagnosis.${diagnosis.code}.${part}`, params);
  return { title: text('title'), explanation: text('explanation'), fix: text('fix') };
}
