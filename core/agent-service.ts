// The engine's side of the agent door (issue 15): per-profile access, the global stop switch, the audit view and
// client config files. Access lives in the settings file and is re-read on every agent call, so `agent disable` or
// the stop switch reaches a server that is already running.
import {
  type AgentActivity,
  type AgentServer,
  type AgentStatus,
  type ClientConfigPreview,
  isProjectScoped,
} from '../shared/agent';
import { type LaunchCommand, mergeClientConfig, serverEntry } from '../shared/agent-clients';
import type { Handlers, OperationArgs } from '../shared/contract';
import { engineError } from '../shared/engine-text';
import { AppError } from '../shared/errors';
import { type AgentAccess, agentAccessSchema, type Profile } from '../shared/profile';
import { AuditLog, auditPathFor } from './agent-audit';
import { type ClientPlaces, clientConfigPath, defaultPlaces, readConfigText, writeConfigAtomically } from './agent-client-config';
import { cliMissing } from './agent-launcher';
import { type Confirmer, callerConfirms } from './confirmations';
import type { ProfileService } from './profiles';
import type { SettingsStore } from './settings-store';

export interface AgentServiceDeps {
  settings: SettingsStore;
  profiles: ProfileService;
  /**
   * How an AI client starts this Sinch Keys' CLI (core/agent-launcher.ts): decided by the door that runs the engine,
   * never by a request; undefined when this computer has nothing an AI client could start.
   */
  launcher?: () => LaunchCommand | undefined;
  places?: (projectDir?: string) => ClientPlaces;
  /** Who allows a config write (desktop: main's own folder dialog and confirm); by default the caller's flag. */
  confirmer?: Confirmer;
}

export const accessOf = (profile: Profile): AgentAccess => profile.agent ?? agentAccessSchema.parse({});

export const auditLogFor = (settings: SettingsStore): AuditLog => new AuditLog(auditPathFor(settings.path));

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'profile';

/** The command an entry runs: our MCP server, or Sinch's own with the profile's variables from the keychain. */
function launchFor(launcher: LaunchCommand, server: AgentServer, profile: Profile | undefined): LaunchCommand {
  if (server === 'sinch-keys')
    return { command: launcher.command, args: [...launcher.args, 'mcp', ...(profile ? ['--profile', profile.name] : [])] };
  if (!profile)
    throw new AppError('VALIDATION', "Sinch's own MCP server runs with one profile's credentials: choose the profile.");
  return {
    command: launcher.command,
    args: [...launcher.args, 'exec', profile.name, '--set', 'sinch-mcp', '--', 'npx', '-y', '@sinch/mcp'],
  };
}

type AgentOps = 'agent.status' | 'agent.setAccess' | 'agent.setStopped' | 'agent.activity' | 'agent.clientConfig';

export function agentHandlers(deps: AgentServiceDeps): Pick<Handlers, AgentOps> {
  const { settings, profiles } = deps;
  const launcher = () => {
    const found = deps.launcher?.();
    if (!found) throw cliMissing();
    return found;
  };
  const places = deps.places ?? defaultPlaces;
  const confirmer = deps.confirmer ?? callerConfirms;

  /** A write needs the door's word before it happens: a no or an unchosen folder leaves the file untouched. */
  const allowWrite = async (path: string, projectDir: string | undefined) => {
    if (projectDir !== undefined) {
      if (await confirmer.projectFolder(projectDir)) return;
      throw engineError('UNAUTHORIZED', 'agentFolderUnapproved');
    }
    if (!(await confirmer.userConfigFile(path))) throw engineError('CANCELLED', 'agentConfigDeclined', { path });
  };
  const audit = auditLogFor(settings);

  const status = (): AgentStatus => {
    const current = settings.read();
    return {
      stopped: current.agentsStopped === true,
      auditPath: audit.path,
      profiles: current.profiles.map((p) => ({
        profileId: p.id,
        name: p.name,
        environment: p.environment,
        access: accessOf(p),
      })),
    };
  };

  return {
    'agent.status': async () => status(),

    'agent.setAccess': async ({ profileId, patch }) => {
      let access: AgentAccess | undefined;
      await settings.update((s) => {
        const profile = s.profiles.find((p) => p.id === profileId);
        if (!profile) throw new AppError('NOT_FOUND', 'That profile no longer exists.');
        const next = agentAccessSchema.parse({
          ...accessOf(profile),
          ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
        });
        access = next;
        return { ...s, profiles: s.profiles.map((p) => (p.id === profileId ? { ...p, agent: next } : p)) };
      });
      return access as AgentAccess;
    },

    'agent.setStopped': async ({ stopped }) => {
      await settings.update((s) => ({ ...s, agentsStopped: stopped }));
      return status();
    },

    'agent.activity': async ({ limit }): Promise<AgentActivity> => audit.read(limit),

    'agent.clientConfig': async (input: OperationArgs<'agent.clientConfig'>): Promise<ClientConfigPreview> => {
      const profile = input.profileId === undefined ? undefined : profiles.get(input.profileId);
      // Only a project-scoped client uses the folder: a folder sent along for another client is not asked about.
      const projectDir = isProjectScoped(input.client) ? input.projectDir : undefined;
      const path = clientConfigPath(input.client, places(projectDir));
      const entryName = input.server === 'sinch-keys' && !profile ? 'sinch-keys' : `${input.server}-${slug(profile?.name ?? '')}`;
      const entry = serverEntry(input.client, launchFor(launcher(), input.server, profile));
      const before = readConfigText(path);
      const after = mergeClientConfig(input.client, path, before, entryName, entry);
      if (input.write) {
        await allowWrite(path, projectDir);
        writeConfigAtomically(path, after);
      }
      return { client: input.client, path, before, after, entryName, written: input.write };
    },
  };
}
