// The one way a door opens the user's engine: the settings folder, the keychain service and its timeout come from
// the SINCH_KEYS_* environment variables, read and checked here for the desktop app, browser mode and the CLI alike,
// so a variable means the same thing whichever door is opened. A bad value is a clear error, never a silent default.
import type { LaunchCommand } from '../shared/agent-clients';
import { AppError } from '../shared/errors';
import { composeEngine } from './composition';
import type { Confirmer } from './confirmations';
import type { UnexpectedErrorLog } from './error-log';
import { KeychainStore } from './keychain';
import { nodeFetch } from './node-fetch';
import type { FetchLike } from './ports';
import { SettingsStore, userDataDir } from './settings-store';

/** Every variable Sinch Keys reads about itself; README's table of SINCH_KEYS_* variables follows this list. */
export const BOOT_VARIABLES = [
  'SINCH_KEYS_HOME',
  'SINCH_KEYS_KEYCHAIN_SERVICE',
  'SINCH_KEYS_KEYCHAIN_TIMEOUT_MS',
  'SINCH_KEYS_WEB_PORT',
  'SINCH_KEYS_DEBUG',
] as const;

export interface BootConfig {
  /** The folder that holds config.json (profiles and settings, never a secret). */
  home: string;
  /** Keychain service name the secrets are filed under; undefined means the app's own. */
  keychainService: string | undefined;
  /** Milliseconds before a keychain call is abandoned; undefined means the keychain's default. */
  keychainTimeoutMs: number | undefined;
  /** Browser mode's port on 127.0.0.1; 0 lets the system pick a free one. */
  webPort: number;
  /** Unexpected errors are logged with their (redacted) stack. */
  debug: boolean;
}

const MAX_KEYCHAIN_TIMEOUT_MS = 600_000;
const WHOLE_NUMBER = /^\d+$/;

const invalid = (name: string, value: string, expected: string) =>
  new AppError('VALIDATION', `${name} is set to "${value}", which is not ${expected}.`, `Fix or unset ${name}.`);

/** A variable set to the empty string counts as not set, as shells make unsetting awkward. */
const given = (env: NodeJS.ProcessEnv, name: (typeof BOOT_VARIABLES)[number]): string | undefined =>
  env[name] === '' ? undefined : env[name];

function wholeNumber(env: NodeJS.ProcessEnv, name: (typeof BOOT_VARIABLES)[number], min: number, max: number) {
  const raw = given(env, name);
  if (raw === undefined) return undefined;
  const value = WHOLE_NUMBER.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!(value >= min && value <= max)) throw invalid(name, raw, `a whole number from ${min} to ${max}`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: (typeof BOOT_VARIABLES)[number]): boolean {
  const raw = given(env, name);
  if (raw === undefined) return false;
  const word = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(word)) return true;
  if (['0', 'false', 'no', 'off'].includes(word)) return false;
  throw invalid(name, raw, '1 or 0 (true or false)');
}

/**
 * Reads the SINCH_KEYS_* variables. `defaultHome` is the door's own idea of the settings folder (Electron's userData
 * path); without it the same folder is computed the way Electron would. Throws a VALIDATION AppError on a bad value.
 */
export function readBootConfig(
  env: NodeJS.ProcessEnv,
  defaultHome?: string,
  platform: NodeJS.Platform = process.platform,
): BootConfig {
  const home = given(env, 'SINCH_KEYS_HOME');
  // A relative folder would change with the working directory: the CLI in one folder and the app in another
  // would silently see different profiles.
  if (home !== undefined && !isAbsolutePath(home)) throw invalid('SINCH_KEYS_HOME', home, 'an absolute path');
  const service = given(env, 'SINCH_KEYS_KEYCHAIN_SERVICE');
  if (service !== undefined && service.trim() === '')
    throw invalid('SINCH_KEYS_KEYCHAIN_SERVICE', service, 'a keychain service name');
  return {
    home: home ?? defaultHome ?? userDataDir(env, platform),
    keychainService: service,
    keychainTimeoutMs: wholeNumber(env, 'SINCH_KEYS_KEYCHAIN_TIMEOUT_MS', 1, MAX_KEYCHAIN_TIMEOUT_MS),
    webPort: wholeNumber(env, 'SINCH_KEYS_WEB_PORT', 0, 65_535) ?? 0,
    debug: flag(env, 'SINCH_KEYS_DEBUG'),
  };
}

/** POSIX `/…`, Windows `C:\…` or `\\server\…`: checked as text so the rule is the same on every platform. */
const isAbsolutePath = (path: string): boolean => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path);

/**
 * The user's engine: config.json in the configured folder, secrets in the OS keychain under the configured service.
 * Requests go through Node's fetch with the environment's proxy settings unless the door brings its own (Electron).
 */
export function openDefaultEngine(
  config: BootConfig,
  version: string,
  door: {
    agentLauncher?: () => LaunchCommand | undefined;
    fetch?: FetchLike;
    errorLog?: UnexpectedErrorLog;
    confirmer?: Confirmer;
  } = {},
) {
  const settings = SettingsStore.at(config.home);
  const secrets = new KeychainStore({
    ...(config.keychainService !== undefined ? { service: config.keychainService } : {}),
    ...(config.keychainTimeoutMs !== undefined ? { timeoutMs: config.keychainTimeoutMs } : {}),
  });
  const { agentLauncher, errorLog, confirmer, fetch = nodeFetch() } = door;
  return composeEngine({
    settings,
    secrets,
    version,
    fetch,
    ...(agentLauncher ? { agentLauncher } : {}),
    ...(errorLog ? { errorLog } : {}),
    ...(confirmer ? { confirmer } : {}),
  });
}
