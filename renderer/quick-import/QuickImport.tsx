// Paste or drop a key block anywhere in the window: the engine reads it (import.preview) and, when it is one, the
// import preview opens with "Save and test". Text that is no key block gets a toast that says where the keys are.
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../shared/profile';
import type { ImportPreview } from '../../shared/views';
import { useApi } from '../api/context';
import { useCall, useNotify } from '../ui/notify';
import { type KeyBlockSource, useKeyBlockInput } from './use-key-block-input';

const QuickImportDialog = lazy(() => import('./QuickImportDialog').then((m) => ({ default: m.QuickImportDialog })));

interface Pending {
  text: string;
  preview: ImportPreview;
  source: KeyBlockSource;
}

export function QuickImport({ onSaved }: { onSaved(profile: Profile): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();
  const notify = useNotify();
  const [pending, setPending] = useState<Pending>();

  useKeyBlockInput({
    onText: async (text, source) => {
      const preview = await call(api['import.preview']({ text }));
      if (preview) setPending({ text, preview, source });
    },
    onUnreadable: (reason) => notify.error({ code: 'IMPORT_FAILED', message: t(`quickImport.unreadable.${reason}`) }),
  });

  if (!pending) return null;
  return (
    <Suspense fallback={null}>
      <QuickImportDialog
        {...pending}
        onSaved={(profile) => {
          // The text holds secrets: once the engine has stored them the page keeps none of it.
          setPending((p) => p && { ...p, text: '' });
          onSaved(profile);
        }}
        onClose={() => setPending(undefined)}
      />
    </Suspense>
  );
}
