// "By hand" or "Paste": the two ways to add a profile or a credential, as tabs over a form and the import box.
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Tabs } from '../ui/Tabs';

export function FormOrImport({ form, importBox }: { form: ReactNode; importBox: ReactNode }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'form' | 'import'>('form');
  return (
    <Tabs
      small
      label={t('profileForm.how')}
      active={mode}
      onChange={setMode}
      tabs={[
        { id: 'form', label: t('profileForm.byHand') },
        { id: 'import', label: t('import.tab'), testId: 'import-tab' },
      ]}
    >
      {mode === 'form' ? form : importBox}
    </Tabs>
  );
}
