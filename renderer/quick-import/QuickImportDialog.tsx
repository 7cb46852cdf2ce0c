// The import preview for a pasted or dropped key block: what the engine found (public parts only), where it goes,
// and one button, "Save and test", that stores it and shows each new credential's verdict in the preview's place.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../shared/profile';
import type { ImportApplied, ImportPreview, ImportTest } from '../../shared/views';
import { useApi } from '../api/context';
import { ImportPreviewList } from '../credentials/ImportPreviewList';
import { DiagnosisCard } from '../test-request/DiagnosisCard';
import { Dialog } from '../ui/Dialog';
import { useCall } from '../ui/notify';
import { ErrorBlock } from '../ui/states';
import type { KeyBlockSource } from './use-key-block-input';

interface QuickImportDialogProps {
  /** The pasted or dropped text; the engine reads it again on save (the renderer never sees more of it). */
  text: string;
  preview: ImportPreview;
  source: KeyBlockSource;
  onSaved(profile: Profile): void;
  onClose(): void;
}

export function QuickImportDialog({ text, preview, source, onSaved, onClose }: QuickImportDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState<ImportApplied>();
  const savable = preview.credentials.filter((c) => c.secretFound && !c.alreadySaved);

  const saveAndTest = async () => {
    setBusy(true);
    const result = await call(api['import.apply']({ text, test: true }));
    setBusy(false);
    if (!result) return;
    setApplied(result);
    onSaved(result.profile);
  };

  return (
    <Dialog title={t(`quickImport.title.${source}`)} onClose={onClose} testId="quick-import-dialog">
      {applied ? (
        <Verdicts applied={applied} onClose={onClose} />
      ) : (
        <div className="form" data-testid="quick-import-preview">
          <ImportPreviewList preview={preview} />
          <p data-testid="quick-import-target">
            {preview.target.profileId
              ? t('quickImport.addsTo', { name: preview.target.name })
              : t('quickImport.creates', { name: preview.target.name })}
          </p>
          {savable.length === 0 && (
            <p className="callout callout-warning" role="status">
              {t('quickImport.nothingToSave')}
            </p>
          )}
          <div className="form-actions" aria-busy={busy}>
            <button type="button" className="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={busy || savable.length === 0}
              onClick={saveAndTest}
              data-testid="quick-import-save"
              data-autofocus
            >
              {busy ? t('quickImport.saving') : t('quickImport.saveAndTest')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

function Verdicts({ applied, onClose }: { applied: ImportApplied; onClose(): void }) {
  const { t } = useTranslation();
  const done = useRef<HTMLButtonElement>(null);
  // The button that was pressed is gone: keyboard users continue from "Done".
  useEffect(() => done.current?.focus(), []);
  return (
    <div className="form" data-testid="quick-import-verdicts">
      <p role="status">{t('quickImport.saved', { count: applied.added.length, name: applied.profile.name })}</p>
      {(applied.tests ?? []).map((test) => (
        <Verdict key={test.credentialId} test={test} />
      ))}
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onClose} ref={done} data-testid="quick-import-done">
          {t('quickImport.done')}
        </button>
      </div>
    </div>
  );
}

function Verdict({ test }: { test: ImportTest }) {
  const { t } = useTranslation();
  const product = t(`products.${test.productId}`);
  if ('error' in test)
    return (
      <div data-testid="quick-import-verdict" data-outcome="notTested">
        <p>{t('quickImport.notTested', { product })}</p>
        <ErrorBlock error={test.error} />
      </div>
    );
  if (test.diagnosis.outcome === 'ok')
    return (
      <p className="callout callout-success" data-testid="quick-import-verdict" data-outcome="ok">
        <span aria-hidden="true">✓ </span>
        {t('quickImport.works', { product })}
      </p>
    );
  return (
    <div data-testid="quick-import-verdict" data-outcome="problem">
      <DiagnosisCard diagnosis={test.diagnosis} />
    </div>
  );
}
