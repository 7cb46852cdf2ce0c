// Profile metadata in conf's format: JSON at <userData>/config.json (the file electron-store used to write). Every door
// opens it with conf through core/bootstrap.ts, so all see the same profiles. Nothing secret is ever written here.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, isAbsolute, join } from 'node:path';
import Conf from 'conf';
import { AppError } from '../shared/errors';
import { type Settings, settingsSchema } from '../shared/profile';

export const APP_DIR_NAME = 'Sinch Keys';

/**
 * Electron's app.getPath('userData') for this app, computed without Electron so the CLI finds the same file.
 * SINCH_KEYS_HOME, which overrides it, is read by core/bootstrap.ts.
 */
export function userDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

/** The part of conf/electron-store that we use: the whole store as one object, and the file path. */
export interface ConfLike {
  store: Record<string, unknown>;
  readonly path: string;
}

/** Only you may list or enter the settings folder: it holds the settings file, its lock and any damaged-file backup. */
const SETTINGS_DIR_MODE = 0o700;

/**
 * The settings folder, created 0700 (conf would make it 0755 under the usual umask). Our own default folder is
 * tightened if an older version left it open; a folder the user named with SINCH_KEYS_HOME is theirs, and its mode
 * is left alone (the file in it is 0600 either way). Windows has no such modes: its folder ACLs belong to the user.
 */
export function ensureSettingsDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: SETTINGS_DIR_MODE });
  const ours = basename(dir) === APP_DIR_NAME;
  if (ours && process.platform !== 'win32' && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, SETTINGS_DIR_MODE);
}

export const openConf = (cwd: string): ConfLike => {
  ensureSettingsDir(cwd);
  return new Conf<Record<string, unknown>>({ cwd, configName: 'config', configFileMode: 0o600, clearInvalidConfig: false });
};

export interface Recovery {
  backupPath: string;
  message: string;
}

export class SettingsStore {
  readonly #conf: ConfLike;
  readonly #now: () => number;
  /** The last file text read() validated, and its result: an unchanged file is not parsed and validated again. */
  #cache: { raw: string; settings: Settings } | undefined;
  /** Set when the file was unreadable at start: it was kept aside and the app started with empty settings. */
  recovery: Recovery | undefined;

  constructor(open: () => ConfLike, now: () => number = Date.now, filePath?: string) {
    this.#now = now;
    try {
      this.#conf = open();
    } catch (err) {
      // conf throws on a file that is not JSON; keep it aside rather than lose it, and start fresh.
      if (!(err instanceof SyntaxError) || !filePath || !existsSync(filePath)) throw err;
      this.recovery = this.#keepAside(filePath, 'is not valid JSON');
      this.#conf = open();
    }
    const parsed = settingsSchema.safeParse(this.#conf.store);
    if (!parsed.success) {
      this.recovery = this.#keepAside(this.#conf.path, 'does not match the expected format');
      this.#conf.store = settingsSchema.parse({});
    }
  }

  get path(): string {
    return this.#conf.path;
  }

  /**
   * The settings as the file holds them now. The file is read on every call, so a write by another process (the CLI,
   * another window) is always seen; only when its text is exactly the text read last time is the validated result
   * reused, which spares listing 1,000 profiles a JSON parse and a zod pass per call. Callers must not mutate it.
   */
  read(): Settings {
    const raw = this.#readText();
    if (raw !== undefined && raw === this.#cache?.raw) return this.#cache.settings;
    const settings = this.#validate(raw === undefined ? this.#conf.store : parseOr(raw, () => this.#conf.store));
    if (raw !== undefined) this.#cache = { raw, settings };
    return settings;
  }

  /** The file's text; undefined when there is no file yet or the store is not a file (the CLI's in-memory one). */
  #readText(): string | undefined {
    if (!isAbsolute(this.#conf.path)) return undefined;
    try {
      return readFileSync(this.#conf.path, 'utf8');
    } catch {
      return undefined; // conf decides what a missing or unreadable file means
    }
  }

  #validate(store: unknown): Settings {
    const parsed = settingsSchema.safeParse(store);
    if (!parsed.success)
      throw new AppError(
        'SETTINGS_CORRUPT',
        `The settings file ${this.#conf.path} was changed outside Sinch Keys and is no longer valid.`,
        'Restart Sinch Keys: it will keep the damaged file aside and start fresh.',
      );
    return parsed.data;
  }

  /** Read-modify-write of the whole file; conf writes it atomically (temp file + rename). */
  update(change: (settings: Settings) => Settings): Settings {
    const next = settingsSchema.parse(change(this.read()));
    try {
      this.#conf.store = next as unknown as Record<string, unknown>;
    } catch (err) {
      throw new AppError(
        'INTERNAL',
        `Could not write the settings file ${this.#conf.path}: ${(err as NodeJS.ErrnoException).code ?? 'write error'}.`,
        'Check the disk has space and the folder is writable.',
      );
    }
    return next;
  }

  #keepAside(filePath: string, why: string): Recovery {
    const backupPath = `${filePath}.damaged-${new Date(this.#now()).toISOString().replace(/[:.]/g, '-')}`;
    renameSync(filePath, backupPath);
    return {
      backupPath,
      message: `The settings file ${why}. It was kept as ${backupPath} and Sinch Keys started with no profiles.`,
    };
  }
}

/**
 * The file's text as conf's `store` would give it (a top-level copy, so `null` reads as `{}` as it does there); text
 * that is not JSON goes through conf, so it fails exactly as conf fails on it.
 */
function parseOr(raw: string, viaConf: () => unknown): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return viaConf();
  }
  return Object.assign({}, parsed);
}
