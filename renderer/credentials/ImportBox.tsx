// Paste a .env block or a Sinch CLI credentials JSON: main parses it (import.preview) and shows what it found —
// public fields only — and on confirmation stores it (import.apply). Secrets never come back to this page.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../shared/profile';
import type { ImportPreview } from '../../shared/views';
import { useApi } from '../api/context';
import { TextAreaField, TextField } from '../ui/InputFields';
import { useCall, useNotify } from '../ui/notify';
import { ImportPreviewList } from './ImportPreviewList';

interface ImportBoxProps {
  /** Import into this profile; absent: the import creates a new profile. */
  profileId?: string;
  onApplied(profile: Profile): void;
}

export function ImportBox({ profileId, onApplied }: ImportBoxProps) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();
  const notify = useNotify();
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<ImportPreview>();
  const [profileName, setProfileName] = useState('');
  const [busy, setBusy] = useState(false);
  const pasted = useRef(false);

  const runPreview = async (value: string) => {
    if (!value.trim()) return;
    setBusy(true);
    const found = await call(api['import.preview']({ text: value }));
    setBusy(false);
    setPreview(found);
    if (found && !profileId) setProfileName(found.profile.name ?? '');
  };

  const apply = async () => {
    setBusy(true);
    const name = profileName.trim();
    const applied = await call(api['import.apply']({ text, ...(profileId ? { profileId } : name ? { profileName: name } : {}) }));
    setBusy(false);
    if (!applied) return;
    // The pasted text holds secrets: drop it from the page as soon as main has stored them.
    setText('');
    setPreview(undefined);
    notify.success(t('import.applied', { count: applied.added.length }));
    onApplied(applied.profile);
  };

  return (
    <div className="form" data-testid="import-box">
      <TextAreaField
        label={t('import.label')}
        hint={t('import.hint')}
        mono
        rows={7}
        value={text}
        spellCheck={false}
        autoComplete="off"
        placeholder={t('import.placeholder')}
        onPaste={() => {
          pasted.current = true;
        }}
        onChange={(value) => {
          setText(value);
          setPreview(undefined);
          if (pasted.current) {
            pasted.current = false;
            void runPreview(value);
          }
        }}
        testId="import-text"
      />
      {!preview && (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={busy || !text.trim()}
            onClick={() => runPreview(text)}
            data-testid="import-preview"
          >
            {t('import.preview')}
          </button>
        </div>
      )}
      {preview && (
        <div className="import-preview" data-testid="import-preview-result">
          <ImportPreviewList preview={preview} />
          {preview.ignoredVariables.length > 0 && (
            <p className="muted">{t('import.ignored', { names: preview.ignoredVariables.join(', ') })}</p>
          )}
          {!profileId && (
            <TextField
              label={t('import.newProfileName')}
              value={profileName}
              onChange={setProfileName}
              testId="import-profile-name"
            />
          )}
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setPreview(undefined)}>
              {t('common.back')}
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={busy || preview.credentials.length === 0}
              onClick={apply}
              data-testid="import-apply"
            >
              {profileId ? t('import.applyHere', { count: preview.credentials.length }) : t('import.applyNew')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
