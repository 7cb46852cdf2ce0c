// The composition root shared by the three doors (Electron main, browser mode, CLI): one engine over one settings
// file, one secret store and one token cache.
import type { LaunchCommand } from '../shared/agent-clients';
import type { Confirmer } from './confirmations';
import { createEngine } from './engine';
import { UnexpectedErrorLog } from './error-log';
import type { Clock, FetchLike, SecretStore } from './ports';
import { ProfileService } from './profiles';
import type { SettingsStore } from './settings-store';
import { TokenService } from './token-service';

export interface ComposeOptions {
  settings: SettingsStore;
  secrets: SecretStore;
  version: string;
  fetch?: FetchLike;
  clock?: Clock;
  agentLauncher?: () => LaunchCommand | undefined;
  /** The door's own way to ask the user (desktop: main's dialogs); by default the caller's flags are the answer. */
  confirmer?: Confirmer;
  /** Where unexpected errors are reported (redacted); without one they are only turned into INTERNAL. */
  errorLog?: UnexpectedErrorLog;
}

export function composeEngine({ settings, version, fetch, clock, agentLauncher, confirmer, ...options }: ComposeOptions) {
  const errorLog = options.errorLog ?? new UnexpectedErrorLog();
  const secrets = errorLog.remembering(options.secrets);
  const tokens = new TokenService({ ...(fetch ? { fetch } : {}), ...(clock ? { clock } : {}) });
  const profiles = new ProfileService({
    settings,
    secrets,
    // A changed or deleted access key must not keep serving a token minted from its old secret.
    onCredentialChanged: (profileId, c) =>
      c.kind === 'accessKey' ? tokens.forget({ profileId, credentialId: c.id }) : undefined,
  });
  const handlers = errorLog.reporting(
    createEngine({
      profiles,
      settings,
      secrets,
      tokens,
      version,
      ...(fetch ? { fetch } : {}),
      ...(clock ? { clock } : {}),
      ...(agentLauncher ? { agentLauncher } : {}),
      ...(confirmer ? { confirmer } : {}),
    }),
  );
  return { handlers, profiles, tokens, settings, secrets, errorLog };
}

export type ComposedEngine = ReturnType<typeof composeEngine>;
