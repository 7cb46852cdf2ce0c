// A base URL override for one product (or the token endpoint). Sending a profile's secrets to a host that is not
// the product's own needs an explicit confirmation, which main stores with the override (docs/security-checklist.md#token-client-rules rule 10).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BaseUrlOverride, baseUrlString, type OverrideTarget } from '../../shared/profile';
import { Check, Field } from '../ui/Field';
import { hostOf, isForeignHost } from './hosts';

interface OverrideEditorProps {
  target: OverrideTarget;
  current: BaseUrlOverride | undefined;
  placeholder: string;
  onSave(url: string | null, allowForeignHost: boolean): Promise<void>;
}

export function OverrideEditor({ target, current, placeholder, onSave }: OverrideEditorProps) {
  const { t } = useTranslation();
  const [url, setUrl] = useState(current?.url ?? '');
  const [confirmed, setConfirmed] = useState(current?.allowForeignHost ?? false);
  const [busy, setBusy] = useState(false);
  const trimmed = url.trim();
  const parsed = trimmed ? baseUrlString.safeParse(trimmed) : undefined;
  const foreign = parsed?.success === true && isForeignHost(target, parsed.data);
  const canSave =
    parsed?.success === true &&
    (!foreign || confirmed) &&
    (parsed.data !== current?.url || confirmed !== current.allowForeignHost);

  const save = async (value: string | null) => {
    setBusy(true);
    await onSave(value, foreign && confirmed);
    setBusy(false);
  };

  return (
    <div className="override">
      <Field
        label={t('regions.overrideLabel')}
        hint={t('regions.overrideHint')}
        error={parsed && !parsed.success ? t('validation.baseUrl.invalid') : undefined}
      >
        {(control) => (
          <input
            {...control}
            className="input mono"
            value={url}
            placeholder={placeholder}
            onChange={(e) => setUrl(e.target.value)}
            spellCheck={false}
            data-testid={`override-url-${target}`}
          />
        )}
      </Field>
      {foreign && parsed?.success && (
        <div className="callout callout-warning">
          <Check
            label={t('regions.confirmForeign', { host: hostOf(parsed.data) })}
            checked={confirmed}
            onChange={setConfirmed}
            testId={`override-confirm-${target}`}
          />
        </div>
      )}
      <div className="form-actions">
        {current && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => save(null)}
            data-testid={`override-remove-${target}`}
          >
            {t('regions.removeOverride')}
          </button>
        )}
        <button
          type="button"
          className="button button-primary"
          disabled={busy || !canSave}
          onClick={() => parsed?.success && save(parsed.data)}
          data-testid={`override-save-${target}`}
        >
          {t('regions.saveOverride')}
        </button>
      </div>
    </div>
  );
}
