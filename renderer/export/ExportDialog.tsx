// Write the profile's variables (with secrets: that is the point of a .env file) into a .env file, merging with
// what is already there; then show what changed and any warning, e.g. a file that git would commit.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { envSetSchema } from '../../shared/contract';
import type { Profile } from '../../shared/profile';
import type { ExportResult } from '../../shared/views';
import { useApi } from '../api/context';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { useCall } from '../ui/notify';
import { PathField } from '../ui/PathField';

type EnvSet = (typeof envSetSchema.options)[number];

export function ExportDialog({ profile, onClose }: { profile: Profile; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();
  const [path, setPath] = useState('');
  const [set, setSet] = useState<EnvSet>('sdk');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResult>();
  // Electron answers with its native save dialog; browser mode has none, and then the button goes away.
  const [canChoose, setCanChoose] = useState(true);
  // The desktop app writes only to a file main's own dialog handed out (SECURITY.md), so the path is not typed there.
  const desktop = window.sinchKeys !== undefined;

  const choose = async () => {
    const choice = await call(api['env.choosePath']({ defaultName: '.env', profileId: profile.id }));
    if (!choice) return;
    if (!choice.native) setCanChoose(false);
    else if (choice.path) setPath(choice.path);
  };

  const exportFile = async (event: FormEvent) => {
    event.preventDefault();
    if (!path.trim()) return;
    setBusy(true);
    setResult(await call(api['env.export']({ profileId: profile.id, path: path.trim(), set })));
    setBusy(false);
  };

  return (
    <Dialog title={t('export.title', { profile: profile.name })} onClose={onClose} testId="export-dialog">
      <form className="form" onSubmit={exportFile} noValidate>
        <PathField
          label={t('export.path')}
          hint={desktop ? t('desktopConfirm.exportPathHint') : canChoose ? t('export.pathHint') : t('export.noDialogHint')}
          value={path}
          onChange={setPath}
          readOnly={desktop}
          placeholder={t('export.pathPlaceholder')}
          testId="export-path"
          choose={canChoose ? { label: t('export.choose'), onClick: choose, testId: 'export-choose' } : undefined}
        />
        <Field label={t('snippets.set')} hint={t(`export.setHint.${set}`)}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={set}
              onChange={(e) => setSet(e.target.value as EnvSet)}
              data-testid="export-set"
            >
              {envSetSchema.options.map((s) => (
                <option key={s} value={s}>
                  {t(`snippets.sets.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p className="muted small">{t('export.secretsNote')}</p>
        {result && (
          <div className="export-result" data-testid="export-result" aria-live="polite">
            {result.warnings.map((w) => (
              <div
                key={w.code + w.message}
                className="callout callout-warning"
                role="alert"
                data-testid="export-warning"
                data-code={w.code}
              >
                <strong>{t([`export.warnings.${w.code}`, 'export.warnings.other'])}</strong>
                <p>{w.message}</p>
              </div>
            ))}
            <p className="ok-text">{t('export.done', { path: result.path })}</p>
            <VariableList title={t('export.added', { count: result.added.length })} names={result.added} testId="export-added" />
            <VariableList
              title={t('export.replaced', { count: result.replaced.length })}
              names={result.replaced}
              testId="export-replaced"
            />
          </div>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.close')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy || !path.trim()} data-testid="export-run">
            {t('export.run')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function VariableList({ title, names, testId }: { title: string; names: string[]; testId: string }) {
  if (names.length === 0) return null;
  return (
    <div data-testid={testId}>
      <h3 className="subheading">{title}</h3>
      <ul className="var-list">
        {names.map((n) => (
          <li key={n}>
            <code>{n}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
