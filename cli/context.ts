// Builds the engine the CLI talks to: the saved profiles (settings file + OS keychain) or, when no profile is named
// and the standard SINCH_* / MAILGUN_* variables are set, a memory-only profile made from those variables — as
// Sinch's own CLI does. Where credentials came from is always said, because a silent env override confuses.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launcherOnThisComputer } from '../core/agent-launcher';
import { openDefaultEngine, readBootConfig } from '../core/bootstrap';
import { type ComposedEngine, composeEngine } from '../core/composition';
import { dispatch } from '../core/engine';
import { credentialsFromEnv, type EnvCredentials } from '../core/env-credentials';
import { UnexpectedErrorLog } from '../core/error-log';
import { MemorySecretStore } from '../core/keychain';
import { nodeFetch } from '../core/node-fetch';
import { SettingsStore } from '../core/settings-store';
import type { Operation, OperationInput, Replies } from '../shared/contract';
import { AppError, type Result } from '../shared/errors';
import type { CredentialSource } from '../shared/views';

/**
 * What the CLI can honestly say about an operation's input before dispatch validates it: the words a user typed are
 * plain strings, whatever enum the contract expects there. Dispatch checks them against the schema.
 */
export type Typed<T> = T extends string
  ? string
  : T extends readonly (infer U)[]
    ? Typed<U>[]
    : T extends object
      ? { [K in keyof T]: Typed<T[K]> }
      : T;

export interface Context {
  /** The environment the CLI runs in: where SINCH_* credentials, --secret-env and exec's child env come from. */
  env: NodeJS.ProcessEnv;
  call<O extends Operation>(op: O, input: Typed<OperationInput<O>>): Promise<Result<Replies[O]>>;
  /** The profile to act on: the named one, or the environment profile when none was named. */
  profileId(name: string | undefined): Promise<string>;
  source: CredentialSource | undefined;
  /** Variables that are set but ignored because a saved profile was named. */
  ignoredEnv: string[];
  /** The engine behind the active profile, for `exec`, which hands secrets and a token to a child's environment. */
  engine(): ComposedEngine;
  /** Unexpected errors of both engines, redacted; written only with --verbose or SINCH_KEYS_DEBUG. */
  errorLog: UnexpectedErrorLog;
}

const version = (): string => {
  try {
    return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
};

/** How an AI client starts this very CLI: this Node.js and the bin stub (dist/cli/ → bin/), by absolute path. */
const selfLauncher = launcherOnThisComputer({
  node: process.execPath,
  ownCli: fileURLToPath(new URL('../../bin/sinch-keys.mjs', import.meta.url)),
});

export function createContext(env: NodeJS.ProcessEnv = process.env): Context {
  const fromEnv: EnvCredentials = credentialsFromEnv(env);
  const errorLog = new UnexpectedErrorLog();
  for (const credential of fromEnv.credentials) errorLog.remember(credential.secret);
  let saved: ComposedEngine | undefined;
  let environment: (ComposedEngine & { profileId: string }) | undefined;
  let active: ComposedEngine | undefined;

  const savedEngine = () => {
    // Read when first needed: a command answered from SINCH_* variables alone never touches the saved profiles.
    saved ??= openDefaultEngine(readBootConfig(env), version(), {
      agentLauncher: selfLauncher,
      fetch: nodeFetch(env),
      errorLog,
    });
    return saved;
  };

  const envEngine = async () => {
    if (!environment) {
      const engine = composeEngine({
        settings: SettingsStore.inMemory(),
        secrets: new MemorySecretStore(),
        version: version(),
        fetch: nodeFetch(env),
        errorLog,
      });
      const profile = await engine.profiles.create(fromEnv.profile, fromEnv.credentials);
      environment = { ...engine, profileId: profile.id };
    }
    return environment;
  };

  const context: Context = {
    env,
    errorLog,
    source: undefined,
    ignoredEnv: [],
    async call(op, input) {
      return dispatch((active ?? savedEngine()).handlers, op, input) as never;
    },
    engine: () => active ?? savedEngine(),
    async profileId(name) {
      if (name === undefined && fromEnv.credentials.length > 0) {
        const e = await envEngine();
        active = e;
        context.source = { kind: 'environment', variables: fromEnv.variables };
        return e.profileId;
      }
      const engine = savedEngine();
      active = engine;
      if (name === undefined) {
        const all = engine.profiles.list();
        if (all.length !== 1)
          throw new AppError(
            'VALIDATION',
            all.length === 0 ? 'No profile saved and no SINCH_* credentials in the environment.' : 'Name the profile to use.',
            all.length === 0
              ? 'Add one with `sinch-keys add <name> --kind access-key …`.'
              : `Known profiles: ${all.map((p) => p.name).join(', ')}.`,
          );
        name = all[0]?.id ?? '';
      }
      const profile = engine.profiles.find(name);
      context.source = { kind: 'profile', profileName: profile.name };
      context.ignoredEnv = fromEnv.variables;
      return profile.id;
    },
  };
  return context;
}
