// Writes .env files that hold secrets: atomically (temp file in the same folder, fsync, rename, fsync the folder),
// always ending at mode 0600, and with a warning when Git would pick the file up. Security reference, "Exported file
// permissions" and "Atomic writes": fs.writeFile(path, data, { mode }) keeps a pre-existing 0644 file at 0644.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, readFile, realpath, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type MergeVar, mergeDotenv } from '../shared/dotenv-merge';
import { engineError } from '../shared/engine-text';
import { AppError } from '../shared/errors';
import { findGit } from './git-binary';

/** Points where tests inject a failure (a crash, a full disk) to prove the old file survives it. */
export interface WriteSteps {
  /** After the temp file is created at mode 0600, before its first byte. */
  beforeWrite?: () => void | Promise<void>;
  /** After half of the content is in the temp file. */
  duringWrite?: () => void | Promise<void>;
  /** After the last byte is written, before fsync. */
  beforeSync?: () => void | Promise<void>;
  /** After the temp file is complete and synced, before it replaces the target. */
  beforeRename?: () => void | Promise<void>;
  /** After the rename, before the folder is synced (the mode was set on the temp file before any byte). */
  afterRename?: () => void | Promise<void>;
}

const FILE_MODE = 0o600;
/** An export takes milliseconds: a temp file this old was left by a crash, not by an export under way elsewhere. */
const STALE_TEMP_MS = 60_000;

const ERRNO_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'part of the path is not a folder',
  EISDIR: 'the path is a folder',
};

function exportFailed(err: unknown, path: string, outcome = 'The existing file, if any, was left unchanged.'): AppError {
  if (err instanceof AppError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const why = (code && ERRNO_WORDS[code]) ?? `an unexpected error occurred${code ? ` (${code})` : ''}`;
  return new AppError(
    'EXPORT_FAILED',
    `Could not write ${path}: ${why}. ${outcome}`,
    'Choose a folder you can write to, or free some disk space, and export again.',
  );
}

/**
 * Where an export may write. A symbolic link at the chosen path is followed only to the exact target the user
 * confirmed: a cloned repository can ship `.env -> ~/.bashrc`, and following it would append secrets to that file
 * and change its mode. Only the last component is checked (a linked parent folder is the user's own layout).
 */
export async function exportTarget(path: string, mayFollow: (target: string) => Promise<boolean>): Promise<string> {
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    info = await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return path;
    throw exportFailed(err, path);
  }
  if (!info.isSymbolicLink()) return path;
  const target = await realpath(path).catch(() => undefined);
  if (target === undefined) throw engineError('EXPORT_FAILED', 'exportLinkDangling', { path });
  if (!(await mayFollow(target))) throw engineError('EXPORT_FAILED', 'exportLinkUnconfirmed', { path, linkTarget: target });
  return target;
}

/** Follows a link only to the target already confirmed (by the engine's Confirmer, or the caller's own test). */
const onlyTo = (confirmedLinkTarget: string | undefined) => async (linked: string) => linked === confirmedLinkTarget;

export async function writeEnvFile(
  path: string,
  content: string,
  { steps = {}, confirmedLinkTarget }: { steps?: WriteSteps; confirmedLinkTarget?: string } = {},
): Promise<void> {
  const target = await exportTarget(path, onlyTo(confirmedLinkTarget));
  const dir = dirname(target);
  await removeStaleTemps(dir, basename(target), Date.now());
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const bytes = Buffer.from(content, 'utf8');
  let created = false;
  try {
    // 'wx' refuses to follow or reuse anything already at the temp path.
    const handle = await open(temp, 'wx', FILE_MODE);
    created = true;
    try {
      // Explicit: the creation mode is filtered by the umask, and the rename carries this mode to the target.
      await handle.chmod(FILE_MODE);
      await steps.beforeWrite?.();
      const half = Math.floor(bytes.length / 2);
      await writeAll(handle, bytes.subarray(0, half), 0);
      await steps.duringWrite?.();
      await writeAll(handle, bytes.subarray(half), half);
      await steps.beforeSync?.();
      await handle.sync();
    } finally {
      await handle.close();
    }
    await steps.beforeRename?.();
    await rename(temp, target);
  } catch (err) {
    // Best effort: the error that stopped the write is the one the user needs to see.
    if (created) await unlink(temp).catch(() => undefined);
    throw exportFailed(err, path);
  }
  try {
    await steps.afterRename?.();
    await syncDirectory(dir);
  } catch (err) {
    throw exportFailed(err, path, 'The new file is in place, but the system did not confirm it reached the disk.');
  }
}

/**
 * A hard crash (power loss, kill -9) between creating the temp file and the rename leaves it behind, full of secrets
 * and named unlike the `.env` that .gitignore lists; the next export of the same file removes such leftovers.
 */
async function removeStaleTemps(dir: string, name: string, now: number): Promise<void> {
  const prefix = `.${name}.`;
  for (const entry of await readdir(dir).catch(() => [])) {
    if (!entry.startsWith(prefix) || !/^[0-9a-f]{12}\.tmp$/.test(entry.slice(prefix.length))) continue;
    const info = await lstat(join(dir, entry)).catch(() => undefined);
    if (info?.isFile() && now - info.mtimeMs > STALE_TEMP_MS) await unlink(join(dir, entry)).catch(() => undefined);
  }
}

async function writeAll(handle: Awaited<ReturnType<typeof open>>, bytes: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

/** Makes the rename itself durable. Windows cannot open a folder for fsync, and its renames need no such step. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readExisting(target: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw exportFailed(err, target);
  }
  try {
    // ignoreBOM keeps a byte-order mark in the text, so it is written back unchanged.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw engineError('EXPORT_FAILED', 'exportNotUtf8', { path: target });
  }
}

// ---- Git ----

export interface ExportWarning {
  /** GIT_NOT_FOUND is a note, not a finding: without git nothing could be checked. */
  code: 'NOT_GITIGNORED' | 'GIT_TRACKED' | 'GIT_NOT_FOUND';
  message: string;
}

/** Exit code of a git command run in `cwd`; never through a shell, the file name is a plain argument. */
function run(git: string, cwd: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(git, args, { cwd, timeout: 10_000, windowsHide: true }, (err, stdout) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout });
    });
  });
}

const systemGit = () => findGit({ platform: process.platform, env: process.env }) ?? null;

/**
 * Warns when the file could end up in a commit; not a work tree: nothing to warn about; no git (`null`): says so.
 */
export async function gitWarnings(file: string, gitPath: string | null = systemGit()): Promise<ExportWarning[]> {
  const dir = dirname(file);
  const name = basename(file);
  if (gitPath === null)
    return [
      {
        code: 'GIT_NOT_FOUND',
        message: `Git was not found on this computer, so Sinch Keys could not check whether Git would pick up ${file}. If this folder is in a Git repository, make sure .gitignore lists "${name}".`,
      },
    ];
  const git = (args: string[]) => run(gitPath, dir, args);
  const inside = await git(['rev-parse', '--is-inside-work-tree']);
  if (inside.code !== 0 || inside.stdout.trim() !== 'true') return [];
  // --literal-pathspecs: a file name with * or ? is that name, not a pattern (check-ignore takes plain paths).
  if ((await git(['--literal-pathspecs', 'ls-files', '--error-unmatch', '--', name])).code === 0)
    return [
      {
        code: 'GIT_TRACKED',
        message: `${file} is tracked by Git, so your secrets will be in the next commit. Run "git rm --cached ${name}", add it to .gitignore, and rotate any secret already pushed.`,
      },
    ];
  // check-ignore: 0 ignored, 1 not ignored, anything else an error we cannot interpret.
  if ((await git(['check-ignore', '-q', '--', name])).code === 1)
    return [
      {
        code: 'NOT_GITIGNORED',
        message: `${file} is inside a Git work tree and not ignored. Add "${name}" to .gitignore so it is never committed.`,
      },
    ];
  return [];
}

export interface ExportEnvFileInput {
  path: string;
  vars: readonly MergeVar[];
  /** Comment text above newly added variables, e.g. "Sinch Keys — prod". */
  header: string;
  steps?: WriteSteps;
  /** The resolved target the user confirmed, when the path is a symbolic link (exportTarget). */
  confirmedLinkTarget?: string;
}

export interface ExportEnvFileResult {
  path: string;
  added: string[];
  replaced: string[];
  warnings: ExportWarning[];
}

/** Merges the variables into the file (creating it if needed) and writes it atomically at mode 0600. */
export async function exportEnvFile({
  path,
  vars,
  header,
  steps,
  confirmedLinkTarget,
}: ExportEnvFileInput): Promise<ExportEnvFileResult> {
  const target = await exportTarget(path, onlyTo(confirmedLinkTarget));
  const { text, added, replaced } = mergeDotenv(await readExisting(target), vars, header);
  // The target is a plain file (or absent) by now; checked again at write time, it must still be.
  await writeEnvFile(target, text, steps ? { steps } : {});
  return { path: target, added, replaced, warnings: await gitWarnings(target) };
}
