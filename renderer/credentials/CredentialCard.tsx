// One credential: its public fields, the secret masked until the user reveals it (hidden again after 30 s), copy,
// rotate and delete. The secret is read from the keychain only on Reveal or Copy and never kept beyond the card.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRODUCTS } from '../../shared/catalog';
import type { DefaultReason } from '../../shared/env-vars';
import { type CredentialMeta, MASKED_SECRET, publicIdOf } from '../../shared/profile';
import { useApi } from '../api/context';
import { daysSince } from '../lib/time';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { CopyButton } from '../ui/CopyButton';
import { useCall } from '../ui/notify';
import { EditCredentialDialog } from './CredentialDialogs';
import { RotateDialog } from './RotateDialog';

export const REVEAL_MS = 30_000;

interface CredentialCardProps {
  profileId: string;
  credential: CredentialMeta;
  selected: boolean;
  /** The age after which this credential is due for rotation (the profile's limit, else the global one). */
  maxKeyAgeDays: number;
  /** Set on the card used because the user picked none, when its kind has several to choose from: why this one. */
  defaultReason?: DefaultReason;
  onSelect(): void;
  onChanged(): void;
}

export function CredentialCard({
  profileId,
  credential,
  selected,
  maxKeyAgeDays,
  defaultReason,
  onSelect,
  onChanged,
}: CredentialCardProps) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();
  const [revealed, setRevealed] = useState<string>();
  const [dialog, setDialog] = useState<'edit' | 'rotate' | 'delete'>();
  const hideTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const ref = { profileId, credentialId: credential.id };
  const age = daysSince(credential.createdAt, Date.now());
  const overdue = age !== undefined && age > maxKeyAgeDays;
  const region = 'region' in credential ? credential.region : undefined;

  useEffect(() => () => clearTimeout(hideTimer.current), []);

  const readSecret = async () => (await call(api['secrets.reveal'](ref)))?.secret;
  const reveal = async () => {
    if (revealed !== undefined) {
      clearTimeout(hideTimer.current);
      setRevealed(undefined);
      return;
    }
    const secret = await readSecret();
    if (secret === undefined) return;
    setRevealed(secret);
    hideTimer.current = setTimeout(() => setRevealed(undefined), REVEAL_MS);
  };

  return (
    <article
      className={selected ? 'card credential-card selected' : 'card credential-card'}
      data-testid="credential-card"
      data-credential-id={credential.id}
    >
      <button
        type="button"
        className="credential-select"
        aria-pressed={selected}
        onClick={onSelect}
        data-testid="credential-select"
      >
        <span className="badge">{t(`kinds.${credential.kind}.name`)}</span>
        <span className="credential-title">{credential.label || publicIdOf(credential)}</span>
        <span className="credential-select-hint">{selected ? t('credential.selected') : t('credential.select')}</span>
      </button>
      {defaultReason && defaultReason !== 'only' && (
        <p className="muted small" data-testid="credential-default-reason" data-reason={defaultReason}>
          {t(`keyHygiene.defaultChoice.${defaultReason}`)}
        </p>
      )}
      <dl className="facts">
        <dt>{t(`credential.publicId.${credential.kind}`)}</dt>
        <dd>
          <code data-testid="credential-public-id">{publicIdOf(credential)}</code>
        </dd>
        <dt>{t(`credential.secret.${credential.kind}`)}</dt>
        <dd>
          <code className={revealed === undefined ? 'masked' : 'revealed'} data-testid="credential-secret">
            {revealed ?? MASKED_SECRET}
          </code>
        </dd>
        {region && (
          <>
            <dt>{t('credential.region')}</dt>
            <dd>{t(`regionNames.${region}`)}</dd>
          </>
        )}
        <dt>{t('credential.added')}</dt>
        <dd data-testid="credential-age" data-overdue={overdue}>
          {age === undefined ? '—' : t('credential.age', { count: age })}
          {overdue && <strong className="warn-text"> {t('keyHygiene.age.overdue', { max: maxKeyAgeDays })}</strong>}
        </dd>
        {credential.lastTest && (
          <>
            <dt>{t('keyHygiene.lastTest.label')}</dt>
            <dd data-testid="credential-last-test" data-verdict={credential.lastTest.verdict}>
              {t('keyHygiene.lastTest.value', {
                verdict: t(`keyHygiene.verdict.${credential.lastTest.verdict}`),
                product: PRODUCTS[credential.lastTest.productId].name,
                days: daysSince(credential.lastTest.at, Date.now()) ?? 0,
              })}
            </dd>
          </>
        )}
      </dl>
      <div className="card-actions">
        <button
          type="button"
          className="button button-small"
          onClick={reveal}
          aria-pressed={revealed !== undefined}
          data-testid="reveal-secret"
        >
          {revealed === undefined ? t('credential.reveal') : t('credential.hide')}
        </button>
        <CopyButton
          className="button button-small"
          text={readSecret}
          sensitive
          label={t('credential.copySecret')}
          testId="copy-secret"
        />
        <button type="button" className="button button-small" onClick={() => setDialog('rotate')} data-testid="rotate-credential">
          {t('keyHygiene.rotate.action')}
        </button>
        <button type="button" className="button button-small" onClick={() => setDialog('edit')} data-testid="edit-credential">
          {t('credential.edit')}
        </button>
        <button
          type="button"
          className="button button-small button-danger-quiet"
          onClick={() => setDialog('delete')}
          data-testid="delete-credential"
        >
          {t('common.delete')}
        </button>
      </div>
      {dialog === 'edit' && (
        <EditCredentialDialog
          profileId={profileId}
          credential={credential}
          onClose={() => setDialog(undefined)}
          onSaved={() => {
            setDialog(undefined);
            setRevealed(undefined);
            onChanged();
          }}
        />
      )}
      {dialog === 'rotate' && (
        <RotateDialog profileId={profileId} credential={credential} onClose={() => setDialog(undefined)} onSaved={onChanged} />
      )}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={t('credential.deleteTitle')}
          confirmLabel={t('credential.deleteConfirm')}
          onClose={() => setDialog(undefined)}
          testId="delete-credential-dialog"
          onConfirm={async () => {
            const removed = await call(api['credentials.remove'](ref));
            if (!removed) return;
            setDialog(undefined);
            onChanged();
          }}
        >
          <p>{t('credential.deleteBody', { id: publicIdOf(credential) })}</p>
        </ConfirmDialog>
      )}
    </article>
  );
}
