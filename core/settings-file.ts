// The settings file on disk, shared by every door at once (desktop app, browser mode, any number of CLI processes):
// a cross-process lock for every change, and writes that readers can never see half-done (temp file + fsync +
// rename). Knows bytes, not profiles: settings-store.ts gives them meaning.
import { createHash, randomBytes } from 'node:crypto';
import {
  type BigIntStats,
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  watch,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { engineError } from '../shared/engine-text';
import { AppError } from '../shared/errors';

/** A held lock: `assertHeld` fails if it was lost (its holder stalled past the stale limit), so nothing is written. */
export interface HeldLock {
  assertHeld(): void;
  release(): Promise<void>;
}

export interface SettingsFile {
  /** Absolute path of the file, or a description for one that is not on disk. */
  readonly path: string;
  /** The file's text; undefined when there is none yet (a first start). */
  read(): string | undefined;
  /**
   * Names the file's current bytes without reading them (identity, size, times), or undefined when that cannot be
   * trusted: no file, or one changed too recently. Equal versions mean an unchanged file.
   */
  version(): string | undefined;
  /** Replaces the whole file at once. Call only while holding the lock. */
  write(text: string): void;
  /** Exclusive across processes; waits for other holders, and takes over a lock whose holder crashed. */
  lock(): Promise<HeldLock>;
  /** Calls back when the file may have changed (any process); returns the unsubscribe. */
  watch(onChange: () => void): () => void;
  /**
   * Copies the file's bytes as they are now to a file of their own, named by their hash (each damage is copied once,
   * however many processes find it); returns where, or undefined when no copy could be made.
   */
  keepCopy(prefix: string): string | undefined;
}

export interface DiskFileOptions {
  /** A lock not refreshed for this long belongs to a crashed process and is taken over (proper-lockfile: ≥ 2000). */
  staleMs?: number;
  /** How long to wait for a live holder before giving up with SETTINGS_BUSY. */
  waitMs?: number;
}

/**
 * Raised when the lock turned out to be lost before the write: another process took it over as stale while this one
 * was only slow (a starved machine), and may have written meanwhile. Nothing was written; the change may start over.
 */
export class LockLostError extends AppError {
  constructor() {
    super(
      'SETTINGS_BUSY',
      'Sinch Keys lost its lock on the settings file while changing it, so nothing was written.',
      'The machine may be very busy; try again.',
    );
  }
}

/**
 * Turns, first come first served: one holder at a time per key. Within one process, waiters queue here instead of
 * polling the file lock against each other, and a process never takes its own lock over as stale.
 */
class Turns {
  readonly #tails = new Map<string, Promise<void>>();

  async take(key: string): Promise<() => void> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let done = () => {};
    const mine = new Promise<void>((resolve) => {
      done = resolve;
    });
    const tail = previous.then(() => mine);
    this.#tails.set(key, tail);
    await previous;
    return () => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
      done();
    };
  }
}

/** Shared by every DiskSettingsFile of this process: two stores on one path (the tests, the bench) queue together. */
const processTurns = new Turns();

const errnoOf = (err: unknown): string => (err as NodeJS.ErrnoException)?.code ?? 'unknown error';

export const unreadable = (path: string, err: unknown): AppError => {
  const code = errnoOf(err);
  const fix =
    code === 'EACCES' || code === 'EPERM'
      ? `Give your user back the folder (for example \`sudo chown -R "$USER" "${dirname(path)}"\` after a sudo run).`
      : code === 'EISDIR'
        ? `Move the folder at ${path} out of the way; Sinch Keys keeps its profiles in a file there.`
        : 'Check the disk and the permissions of the folder.';
  return new AppError('SETTINGS_UNREADABLE', `The settings file ${path} cannot be read or written (${code}).`, fix);
};

export const APP_DIR_NAME = 'Sinch Keys';
/** Coarser than any file system's timestamps that Sinch Keys runs on (FAT's are 2 s). */
const RACY_MS = 2_500;
/** Only you may list or enter the settings folder: it holds the settings file, its lock and any damaged-file copy. */
const SETTINGS_DIR_MODE = 0o700;

/**
 * The settings folder, created 0700. Our own default folder is tightened if an older version left it open; a folder
 * the user named with SINCH_KEYS_HOME is theirs, and its mode is left alone (the file in it is 0600 either way).
 * Windows has no such modes: its folder ACLs belong to the user.
 */
export function ensureSettingsDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: SETTINGS_DIR_MODE });
  const ours = basename(dir) === APP_DIR_NAME;
  if (ours && process.platform !== 'win32' && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, SETTINGS_DIR_MODE);
}

export class DiskSettingsFile implements SettingsFile {
  readonly path: string;
  readonly #staleMs: number;
  readonly #waitMs: number;

  constructor(path: string, options: DiskFileOptions = {}) {
    this.path = path;
    this.#staleMs = options.staleMs ?? 5_000;
    this.#waitMs = options.waitMs ?? 60_000;
  }

  read(): string | undefined {
    try {
      return readFileSync(this.path, 'utf8');
    } catch (err) {
      if (errnoOf(err) === 'ENOENT') return undefined;
      throw unreadable(this.path, err);
    }
  }

  /**
   * Any rewrite changes the stat: a write renames a new file into place (another inode), an editor writing in place
   * sets the times. A file changed within RACY_MS is not trusted this way, as git treats a "racily clean" index: two
   * writes within one tick of the file system's clock can leave the same size and times (and a freed inode number can
   * come back), so such a file is read again until it has been still for longer than that tick.
   */
  version(): string | undefined {
    let stat: BigIntStats;
    try {
      stat = statSync(this.path, { bigint: true });
    } catch {
      return undefined;
    }
    if (Date.now() - Number(stat.mtimeMs) <= RACY_MS) return undefined;
    return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  }

  write(text: string): void {
    this.#ensureFolder();
    const temp = `${this.path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    try {
      const fd = openSync(temp, 'wx', 0o600);
      try {
        writeSync(fd, text);
        fsyncSync(fd); // the rename must not reach the disk before the bytes do (a power cut would leave an empty file)
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.path);
    } catch (err) {
      rmSync(temp, { force: true });
      throw unreadable(this.path, err);
    }
  }

  async lock(): Promise<HeldLock> {
    this.#ensureFolder();
    const endTurn = await processTurns.take(this.path);
    try {
      return await this.#lockFile(endTurn);
    } catch (err) {
      endTurn();
      throw err;
    }
  }

  async #lockFile(endTurn: () => void): Promise<HeldLock> {
    let lost: Error | undefined;
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(this.path, {
        realpath: false, // the file may not exist yet
        stale: this.#staleMs,
        update: Math.max(1000, this.#staleMs / 4),
        // Short, jittered waits: a holder keeps the lock for milliseconds, and 50 writers queue up behind it.
        retries: { retries: Math.ceil(this.#waitMs / 40), minTimeout: 5, maxTimeout: 40, factor: 1.3, randomize: true },
        onCompromised: (err) => {
          lost = err;
        },
      });
    } catch (err) {
      if (errnoOf(err) !== 'ELOCKED') throw unreadable(this.path, err);
      throw engineError('SETTINGS_BUSY', 'settingsBusy', { path: this.path, seconds: Math.round(this.#waitMs / 1000) });
    }
    return {
      assertHeld: () => {
        if (lost) throw new LockLostError();
      },
      release: async () => {
        await release().catch(() => undefined); // a lock taken over as stale is someone else's now
        endTurn();
      },
    };
  }

  watch(onChange: () => void): () => void {
    this.#ensureFolder();
    // The folder, not the file: every write replaces the file (rename), which ends a watch on the old one.
    const name = basename(this.path);
    const watcher = watch(dirname(this.path), { persistent: false }, (_event, file) => {
      if (file === null || file === name) onChange();
    });
    watcher.on('error', () => watcher.close());
    return () => watcher.close();
  }

  keepCopy(prefix: string): string | undefined {
    try {
      const bytes = readFileSync(this.path);
      const copy = join(dirname(this.path), `${prefix}${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`);
      if (!existsSync(copy)) writeFileSync(copy, bytes, { mode: 0o600, flag: 'wx' });
      return copy;
    } catch (err) {
      // EEXIST: another process made the same copy a moment ago. Otherwise (a read-only folder) there is no copy.
      return errnoOf(err) === 'EEXIST' ? this.keepCopy(prefix) : undefined;
    }
  }

  #ensureFolder(): void {
    ensureSettingsDir(dirname(this.path));
  }
}

/** Settings held in memory: the CLI's profile made from environment variables, which is never saved. */
export class MemorySettingsFile implements SettingsFile {
  readonly path = '(environment variables, not saved)';
  #text: string | undefined;
  readonly #turns = new Turns();

  read(): string | undefined {
    return this.#text;
  }

  version(): undefined {
    return undefined; // reading memory costs nothing
  }

  write(text: string): void {
    this.#text = text;
  }

  async lock(): Promise<HeldLock> {
    const endTurn = await this.#turns.take(this.path);
    return { assertHeld: () => {}, release: async () => endTurn() };
  }

  watch(): () => void {
    return () => {};
  }

  keepCopy(): undefined {
    return undefined; // only this process writes it, and always valid settings
  }
}
