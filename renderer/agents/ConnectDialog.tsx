// "Connect an AI agent": the entry a client needs, shown as the client's config file before and after, and merged
// into it only when the user says so. The command the entry runs is decided by the engine, never by this page.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AGENT_CLIENTS,
  AGENT_SERVERS,
  type AgentClient,
  type AgentProfileAccess,
  type AgentServer,
  type ClientConfigPreview,
  isProjectScoped,
} from '../../shared/agent';
import { useApi } from '../api/context';
import { Dialog } from '../ui/Dialog';
import { SelectField } from '../ui/InputFields';
import { useCall } from '../ui/notify';
import { PathField } from '../ui/PathField';

const ANY = '';

export function ConnectDialog({ profiles, onClose }: { profiles: AgentProfileAccess[]; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();
  const [client, setClient] = useState<AgentClient>('claude-desktop');
  const [server, setServer] = useState<AgentServer>('sinch-keys');
  const [profileId, setProfileId] = useState<string>(ANY);
  const [projectDir, setProjectDir] = useState('');
  const [preview, setPreview] = useState<ClientConfigPreview>();
  const needsProject = isProjectScoped(client);
  // The desktop app writes a project config only into a folder main's own dialog handed out (SECURITY.md), so the
  // folder is chosen there, not typed.
  const desktop = window.sinchKeys !== undefined;
  const names = new Map(profiles.map((p) => [p.profileId, p.name]));

  const run = async (write: boolean) => {
    const result = await call(
      api['agent.clientConfig']({
        client,
        server,
        write,
        ...(profileId !== ANY ? { profileId } : {}),
        ...(needsProject && projectDir ? { projectDir } : {}),
      }),
    );
    if (result) setPreview(result);
  };
  const chooseFolder = async () => {
    const choice = await call(api['agent.chooseProjectDir']({}));
    if (choice?.path) {
      setProjectDir(choice.path);
      setPreview(undefined);
    }
  };
  const changed =
    <V,>(set: (v: V) => void) =>
    (value: V) => {
      set(value);
      setPreview(undefined);
    };

  return (
    <Dialog title={t('agents.connectTitle')} onClose={onClose} testId="agent-connect-dialog" wide>
      <p className="muted">{t('agents.connectIntro')}</p>
      <SelectField
        label={t('agents.client')}
        value={client}
        options={AGENT_CLIENTS}
        optionLabel={(c) => t(`agents.clients.${c}`)}
        onChange={changed(setClient)}
        testId="agent-client"
      />
      <SelectField
        label={t('agents.server')}
        value={server}
        options={AGENT_SERVERS}
        optionLabel={(s) => t(`agents.servers.${s}`)}
        onChange={changed(setServer)}
        testId="agent-server"
      />
      <SelectField
        label={t('agents.forProfile')}
        value={profileId}
        options={[ANY, ...profiles.map((p) => p.profileId)]}
        optionLabel={(id) => (id === ANY ? t('agents.allOpenProfiles') : (names.get(id) ?? id))}
        onChange={changed(setProfileId)}
        testId="agent-profile"
      />
      {needsProject && (
        <PathField
          label={t('agents.projectDir')}
          hint={desktop ? t('agentFolder.desktopHint') : t('agents.projectDirHint')}
          value={projectDir}
          onChange={changed(setProjectDir)}
          readOnly={desktop}
          testId="agent-project-dir"
          choose={desktop ? { label: t('agentFolder.choose'), onClick: chooseFolder, testId: 'agent-choose-folder' } : undefined}
        />
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={() => run(false)} data-testid="agent-preview">
          {t('agents.preview')}
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => run(true)}
          disabled={!preview || preview.written}
          data-testid="agent-write"
        >
          {t('agents.write')}
        </button>
      </div>
      {preview && (
        <div data-testid="agent-preview-result">
          <p>
            {preview.written
              ? t('agents.written', { path: preview.path, name: preview.entryName })
              : t(preview.before === null ? 'agents.willCreate' : 'agents.willMerge', { path: preview.path })}
          </p>
          <pre className="snippet" data-testid="agent-preview-after">
            {preview.after}
          </pre>
        </div>
      )}
    </Dialog>
  );
}
