// The foot of an edit form: Cancel, and the submit button that stays disabled while the save is under way.
import { useTranslation } from 'react-i18next';

interface FormActionsProps {
  onCancel(): void;
  saving: boolean;
  submitLabel: string;
  submitTestId: string;
}

export function FormActions({ onCancel, saving, submitLabel, submitTestId }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="button" className="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="button button-primary" disabled={saving} data-testid={submitTestId}>
        {submitLabel}
      </button>
    </div>
  );
}
