// Profile metadata in conf's format: JSON at <userData>/config.json (the file electron-store used to write). Every door
// opens it with conf through core/bootstrap.ts, so all see the same profiles. Nothing secret is ever written here.
import { type BigIntStats, chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
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

/** Coarser than any file system's timestamps that Sinch Keys runs on (FAT's are 2 s). */
const RACY_MS = 2_500;

export interface Recovery {
  backupPath: string;
  message: string;
}

export class SettingsStore {
  readonly #conf: ConfLike;
  readonly #now: () => number;
  /**
   * The last file text read() validated, and its result: an unchanged file is not parsed and validated again. With
   * `version`, the file's stat when it was read: while the stat is the same, the file is not even read again.
   */
  #cache: { raw: string; settings: Settings; version: string | undefined } | undefined;
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
   * The settings as the file holds them now, so a write by another process (the CLI, another window, `agent
   * disable` while an agent server runs) is always seen by the next call. The file is looked at on every call: while
   * its stat is the one of the text read last, that text's validated result is reused; otherwise the file is read,
   * and only text that differs from the last is parsed and validated again (1,000 profiles are a large file).
   * Callers must not mutate the result.
   */
  read(): Settings {
    const version = this.#fileVersion();
    if (version !== undefined && version === this.#cache?.version) return this.#cache.settings;
    const raw = this.#readText();
    if (raw !== undefined && raw === this.#cache?.raw) {
      this.#cache.version = version;
      return this.#cache.settings;
    }
    const settings = this.#validate(raw === undefined ? this.#conf.store : parseOr(raw, () => this.#conf.store));
    if (raw !== undefined) this.#cache = { raw, settings, version };
    return settings;
  }

  /**
   * The file's identity and times, taken before its text is read (a change in between only costs one more read).
   * Any rewrite changes them: conf renames a new file into place (another inode), an editor writing in place sets
   * the times. A file changed within RACY_MS is not trusted this way, as git treats a "racily clean" index: two
   * writes within one tick of the file system's clock can leave the same size and times (and a freed inode number
   * can come back), so such a file is read again until it has been still for longer than that tick.
   */
  #fileVersion(): string | undefined {
    if (!isAbsolute(this.#conf.path)) return undefined;
    let stat: BigIntStats;
    try {
      stat = statSync(this.#conf.path, { bigint: true });
    } catch {
      return undefined;
    }
    // The file system's clock, not the store's injected one: both sides of this comparison are wall-clock times.
    if (Date.now() - Number(stat.mtimeMs) <= RACY_MS) return undefined;
    return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
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
