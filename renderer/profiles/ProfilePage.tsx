// One Sinch project: its details, its credentials, and the tools (token, test, regions, snippets) for the
// credential the user picked.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultOrder, defaultReasonOf } from '../../shared/env-vars';
import { maxKeyAgeFor } from '../../shared/key-age';
import type { CredentialMeta, Profile } from '../../shared/profile';
import { AgentSwitch } from '../agents/AgentSwitch';
import { useApi } from '../api/context';
import { CredentialCard } from '../credentials/CredentialCard';
import { AddCredentialDialog } from '../credentials/CredentialDialogs';
import { ExportDialog } from '../export/ExportDialog';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { CopyButton } from '../ui/CopyButton';
import { useCall } from '../ui/notify';
import { Empty, ErrorBlock, Loading } from '../ui/states';
import { useResource } from '../ui/use-resource';
import { EnvironmentChip } from './EnvironmentChip';
import { ProfileDialog } from './ProfileDialog';
import { ProfileTools } from './ProfileTools';

interface ProfilePageProps {
  profileId: string;
  /** Bumped when another process changed the settings file: the profile is read again. */
  revision?: number;
  /** The profile changed in a way the sidebar shows (name, environment, credentials). */
  onChanged(): void;
  onDeleted(): void;
  /** The key-age limit for profiles that set none (from app.info). */
  defaultMaxKeyAgeDays: number;
}

export function ProfilePage({ profileId, revision = 0, onChanged, onDeleted, defaultMaxKeyAgeDays }: ProfilePageProps) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();
  const resource = useResource(() => api['profiles.get']({ profileId }), [api, profileId, revision]);
  const [selectedId, setSelectedId] = useState<string>();
  const [dialog, setDialog] = useState<'edit' | 'delete' | 'export' | 'add'>();
  const profile = resource.data?.id === profileId ? resource.data : undefined;

  if (!profile) return resource.error ? <ErrorBlock error={resource.error} onRetry={resource.reload} /> : <Loading />;

  // Unless the user picked one, tests and snippets use the default credential (the newest whose last test worked),
  // as env, export and exec do; its card says why it is the one.
  const picked = profile.credentials.find((c) => c.id === selectedId);
  const credential: CredentialMeta | undefined = picked ?? defaultOrder(profile.credentials)[0];
  const defaultReason =
    credential && !picked
      ? defaultReasonOf(
          credential,
          profile.credentials.filter((c) => c.kind === credential.kind),
        )
      : undefined;
  const maxKeyAgeDays = maxKeyAgeFor(profile, { maxKeyAgeDays: defaultMaxKeyAgeDays });
  const close = () => setDialog(undefined);
  const saved = (updated?: Profile) => {
    close();
    if (updated) resource.set(updated);
    else resource.reload();
    onChanged();
  };

  return (
    <div className="page" data-testid="profile-page">
      <header className="page-header profile-header">
        <div className="profile-heading">
          <div className="title-line">
            <h1 data-testid="profile-title">{profile.name}</h1>
            <EnvironmentChip environment={profile.environment} />
          </div>
          <dl className="facts facts-inline">
            <dt>{t('profile.projectId')}</dt>
            <dd>
              {profile.projectId ? (
                <>
                  <code data-testid="profile-project-id-value">{profile.projectId}</code>
                  <CopyButton className="button button-small button-quiet" text={profile.projectId} sensitive={false} />
                </>
              ) : (
                <span className="muted">{t('profile.noProjectId')}</span>
              )}
            </dd>
          </dl>
          {profile.notes && <p className="notes">{profile.notes}</p>}
          <AgentSwitch profile={profile} onChanged={resource.reload} />
        </div>
        <div className="header-actions">
          <button type="button" className="button" onClick={() => setDialog('edit')} data-testid="edit-profile">
            {t('profile.edit')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => setDialog('export')}
            disabled={profile.credentials.length === 0}
            data-testid="export-open"
          >
            {t('profile.export')}
          </button>
          <button
            type="button"
            className="button button-danger-quiet"
            onClick={() => setDialog('delete')}
            data-testid="delete-profile"
          >
            {t('common.delete')}
          </button>
        </div>
      </header>

      <section aria-labelledby="credentials-heading">
        <div className="section-head">
          <h2 id="credentials-heading">{t('profile.credentials')}</h2>
          <button type="button" className="button button-primary" onClick={() => setDialog('add')} data-testid="add-credential">
            {t('profile.addCredential')}
          </button>
        </div>
        {profile.credentials.length === 0 ? (
          <Empty title={t('profile.noCredentialsTitle')} testId="credentials-empty">
            <p>{t('profile.noCredentialsBody')}</p>
          </Empty>
        ) : (
          <div className="card-grid">
            {profile.credentials.map((c) => (
              <CredentialCard
                key={c.id}
                profileId={profile.id}
                credential={c}
                selected={c.id === credential?.id}
                maxKeyAgeDays={maxKeyAgeDays}
                {...(c.id === credential?.id && defaultReason ? { defaultReason } : {})}
                onSelect={() => setSelectedId(c.id)}
                onChanged={() => saved()}
              />
            ))}
          </div>
        )}
      </section>

      {credential && <ProfileTools key={credential.id} profile={profile} credential={credential} onProfile={(p) => saved(p)} />}

      {dialog === 'edit' && <ProfileDialog profile={profile} onClose={close} onSaved={saved} />}
      {dialog === 'add' && <AddCredentialDialog profile={profile} onClose={close} onSaved={() => saved()} />}
      {dialog === 'export' && <ExportDialog profile={profile} onClose={close} />}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={t('profile.deleteTitle', { name: profile.name })}
          confirmLabel={t('profile.deleteConfirm')}
          onClose={close}
          testId="delete-profile-dialog"
          onConfirm={async () => {
            if (!(await call(api['profiles.remove']({ profileId })))) return;
            close();
            onDeleted();
          }}
        >
          <p>{t('profile.deleteBody', { count: profile.credentials.length })}</p>
          <p className="muted">{t('profile.deleteIrreversible')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
