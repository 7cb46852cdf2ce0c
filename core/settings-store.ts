// Profile metadata in <userData>/config.json (the JSON format electron-store and conf used, so existing files still
// open; every door opens it through core/bootstrap.ts). The desktop app, browser mode and the CLI share it, often at the same time: every change is made under the
// file's cross-process lock from a fresh read, and a damaged file is never written over. Nothing secret is stored here.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../shared/errors';
import { type Settings, settingsSchema } from '../shared/profile';
import {
  APP_DIR_NAME,
  type DiskFileOptions,
  DiskSettingsFile,
  LockLostError,
  MemorySettingsFile,
  type SettingsFile,
} from './settings-file';

export { APP_DIR_NAME, ensureSettingsDir } from './settings-file';

export const SETTINGS_FILE_NAME = 'config.json';
/** Copies of a damaged settings file are kept next to it under this prefix. */
export const DAMAGED_PREFIX = `${SETTINGS_FILE_NAME}.damaged-`;

/**
 * Electron's app.getPath('userData') for this app, computed without Electron so the CLI finds the same file.
 * SINCH_KEYS_HOME, which overrides it, is read by core/bootstrap.ts.
 */
export function userDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

/** What is wrong with a damaged settings file, and where its bytes were kept. */
export interface Damage {
  reason: string;
  backupPath: string;
  message: string;
}

export type Reading = { settings: Settings } | { damage: Damage };

/** How often a change starts over after its lock was taken over before it could write (a very busy machine). */
const LOCK_LOST_ATTEMPTS = 3;

export class SettingsStore {
  readonly #file: SettingsFile;
  /**
   * The last text read and what it meant: an unchanged file is not parsed and validated again (1,000 profiles are a
   * large file). With `version`, the file's stat when it was read: while that is the same, the file is not even read.
   */
  #cache: { raw: string | undefined; reading: Reading; version: string | undefined } | undefined;
  /** The text this process wrote last, so its own writes are not reported as changes by another process. */
  #written: string | undefined;

  constructor(file: SettingsFile) {
    this.#file = file;
  }

  static at(dir: string, options?: DiskFileOptions): SettingsStore {
    return new SettingsStore(new DiskSettingsFile(join(dir, SETTINGS_FILE_NAME), options));
  }

  static inMemory(): SettingsStore {
    return new SettingsStore(new MemorySettingsFile());
  }

  get path(): string {
    return this.#file.path;
  }

  /**
   * The settings as the file holds them now. The file is read on every call, so a write by another process is always
   * seen; only an unchanged text reuses the validated result (listing 1,000 profiles stays cheap). Throws
   * SETTINGS_CORRUPT while the file is damaged: no caller may mistake a damaged file for an empty one.
   */
  read(): Settings {
    return settingsOf(this.inspect());
  }

  /** Like read, but a damaged file is an answer rather than an error (for `doctor` and the app's banner). */
  inspect(): Reading {
    // Taken before the text is read: a change in between only costs one more read.
    const version = this.#file.version();
    if (version !== undefined && version === this.#cache?.version) return this.#cache.reading;
    return this.#readingOf(this.#file.read(), version);
  }

  #readingOf(raw: string | undefined, version?: string): Reading {
    if (this.#cache && raw === this.#cache.raw) {
      this.#cache.version = version;
      return this.#cache.reading;
    }
    const reading = this.#interpret(raw);
    this.#cache = { raw, reading, version };
    return reading;
  }

  /** The damage of the file as it is now, if any. */
  damage(): Damage | undefined {
    const reading = this.inspect();
    return 'damage' in reading ? reading.damage : undefined;
  }

  /**
   * One change, under the file's lock, from a fresh read: writers in other processes wait, and nothing they wrote is
   * lost. `change` may be async (it may touch the keychain; settings and secrets then change as one step); if it
   * throws, the file is left exactly as it was. If the lock is found lost before the write, `change` is called again
   * from a fresh read, so it must be able to start over (ProfileService undoes its keychain steps first).
   */
  async update(change: (settings: Settings) => Settings | Promise<Settings>): Promise<Settings> {
    return this.#underLock(settingsOf, change);
  }

  /** Doctor's write: replaces the file even while it is damaged (its bytes are already kept aside). */
  async replace(change: (current: Reading) => Settings | Promise<Settings>): Promise<Settings> {
    return this.#underLock((reading) => reading, change);
  }

  /** Runs `look` under the lock without writing: what it sees cannot be a change another process is half-way through. */
  async examine<T>(look: (current: Reading) => Promise<T>): Promise<T> {
    const lock = await this.#file.lock();
    try {
      return await look(this.inspect());
    } finally {
      await lock.release();
    }
  }

  /** Calls back, at most every `debounceMs`, when another process changed the file. */
  watch(onChange: () => void, debounceMs = 100): () => void {
    let timer: NodeJS.Timeout | undefined;
    let seen = this.#file.read();
    const unwatch = this.#file.watch(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        let now: string | undefined;
        try {
          now = this.#file.read();
        } catch {
          now = `unreadable ${Date.now()}`; // an unreadable file is a change the views must show
        }
        if (now === seen) return;
        seen = now;
        if (now !== this.#written) onChange();
      }, debounceMs);
    });
    return () => {
      clearTimeout(timer);
      unwatch();
    };
  }

  async #underLock<T>(current: (reading: Reading) => T, change: (current: T) => Settings | Promise<Settings>): Promise<Settings> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#changeOnce(current, change);
      } catch (err) {
        if (!(err instanceof LockLostError) || attempt === LOCK_LOST_ATTEMPTS) throw err;
      }
    }
  }

  async #changeOnce<T>(
    current: (reading: Reading) => T,
    change: (current: T) => Settings | Promise<Settings>,
  ): Promise<Settings> {
    const lock = await this.#file.lock();
    try {
      const raw = this.#file.read();
      const next = settingsSchema.parse(await change(current(this.#readingOf(raw))));
      const text = `${JSON.stringify(next, null, '\t')}\n`;
      lock.assertHeld();
      // A lock taken over as stale while this process was only slow is not always noticed in time: if the file is not
      // what it was when the lock was taken, someone else wrote meanwhile, and writing now would lose their change.
      if (this.#file.read() !== raw) throw new LockLostError();
      this.#written = text;
      this.#file.write(text);
      return next;
    } finally {
      await lock.release();
    }
  }

  #interpret(raw: string | undefined): Reading {
    if (raw === undefined) return { settings: settingsSchema.parse({}) };
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return { damage: this.#keepAside('is not valid JSON') };
    }
    const parsed = settingsSchema.safeParse(json);
    if (!parsed.success) return { damage: this.#keepAside('does not match the expected format') };
    return { settings: parsed.data };
  }

  #keepAside(reason: string): Damage {
    const copy = this.#file.keepCopy(DAMAGED_PREFIX);
    const kept = copy ? `A copy was kept as ${copy}` : 'It was left untouched';
    return {
      reason,
      backupPath: copy ?? this.path,
      message: `The settings file ${this.path} ${reason}, so your profiles cannot be read. ${kept}; nothing will be saved over it.`,
    };
  }
}

function settingsOf(reading: Reading): Settings {
  if ('damage' in reading) throw damagedError(reading.damage);
  return reading.settings;
}

const damagedError = (damage: Damage): AppError =>
  new AppError(
    'SETTINGS_CORRUPT',
    damage.message,
    'Run `sinch-keys doctor` (or open Doctor in the app) to restore the profiles from it, or to start over.',
  );
