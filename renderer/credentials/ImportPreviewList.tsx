// What an import preview found: the format, the project and each key with whether its secret came along. Shared by
// the import box and the paste-anywhere preview so both describe a key block the same way (never a secret).
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../shared/views';

export function ImportPreviewList({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        <strong>{t(`import.format.${preview.format}`)}</strong>
        {preview.profile.projectId && (
          <>
            {' · '}
            {t('profile.projectId')} <code>{preview.profile.projectId}</code>
          </>
        )}
      </p>
      {preview.credentials.length === 0 ? (
        <p className="callout callout-warning">{t('import.nothingFound')}</p>
      ) : (
        <ul className="plain-list">
          {preview.credentials.map((c) => (
            <li key={`${c.kind}:${c.publicId}`}>
              <span className="badge">{t(`kinds.${c.kind}.name`)}</span> <code>{c.publicId || '—'}</code>{' '}
              <span className={c.secretFound && !c.alreadySaved ? 'ok-text' : 'warn-text'}>
                {c.alreadySaved
                  ? t('quickImport.alreadySaved')
                  : c.secretFound
                    ? t('import.secretFound')
                    : t('import.secretMissing')}
              </span>
              {c.region && <span className="muted"> · {t('import.region', { region: c.region })}</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
