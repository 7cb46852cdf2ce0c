// What a test means, in plain words: the title, why, and what to do — translated by diagnosis code.
import { useTranslation } from 'react-i18next';
import type { Diagnosis } from '../../shared/diagnosis';
import { diagnosisText } from './diagnosis-text';

export function DiagnosisCard({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t } = useTranslation();
  const text = diagnosisText(diagnosis, t);
  return (
    <section
      className={`diagnosis diagnosis-${diagnosis.outcome}`}
      data-testid="diagnosis-card"
      data-outcome={diagnosis.outcome}
      data-code={diagnosis.code}
      aria-label={t('test.diagnosis')}
    >
      <h3>
        <span className="diagnosis-icon" aria-hidden="true">
          {diagnosis.outcome === 'ok' ? '✓' : '!'}
        </span>
        {text.title}
      </h3>
      <p>{text.explanation}</p>
      <p>
        <strong>{t('test.fix')}</strong> {text.fix}
      </p>
      {diagnosis.docsUrl && (
        <p>
          <a href={diagnosis.docsUrl} target="_blank" rel="noreferrer">
            {t('test.docs')}
          </a>
        </p>
      )}
    </section>
  );
}
