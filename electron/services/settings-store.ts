// Profile metadata in the electron-store file (conf's format: JSON at <userData>/config.json). The desktop app opens it
// with electron-store and the CLI with conf, so both see the same profiles. Nothing secret is ever written here.
import { existsSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { AppError } from '../../shared/errors';
import { type Settings, settingsSchema } from '../../shared/profile';

export const APP_DIR_NAME = 'Sinch Keys';

/** Electron's app.getPath('userData') for this app, computed without Electron so the CLI finds the same file. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SINCH_KEYS_HOME) return env.SINCH_KEYS_HOME;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

/** The part of conf/electron-store that we use: the whole store as one object, and the file path. */
export interface ConfLike {
  store: Record<string, unknown>;
  readonly path: string;
}

export const openConf = (cwd: string): ConfLike =>
  new Conf<Record<string, unknown>>({ cwd, configName: 'config', configFileMode: 0o600, clearInvalidConfig: false });

export interface Recovery {
  backupPath: string;
  message: string;
}

export class SettingsStore {
  readonly #conf: ConfLike;
  readonly #now: () => number;
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

  read(): Settings {
    const parsed = settingsSchema.safeParse(this.#conf.store);
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
