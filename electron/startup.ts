// Start-up that cannot wedge: whatever throws while the app starts (a damaged settings file of the window, a
// settings path that is a folder, files left to root by a `sudo` run) ends in a native error box that says what
// happened and how to fix it, and the app quits, releasing the single-instance lock. Without this, an exception in
// whenReady left an invisible process holding the lock, and every relaunch only focused that invisible process.
import { unreadable } from '../core/settings-file';
import { AppError, formatError, toErrorData } from '../shared/errors';

export interface StartupUi {
  showError(title: string, content: string): void;
  releaseSingleInstanceLock(): void;
  exit(code: number): void;
}

export const STARTUP_FAILED_TITLE = 'Sinch Keys cannot start';

const FILE_ERRORS = new Set(['EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EROFS', 'ENOSPC']);

/** The words for the error box: our own errors as every door prints them, file-system errors with their fix. */
export function describeStartupFailure(err: unknown): string {
  if (err instanceof AppError) return formatError(err.toJSON());
  const { code, path } = (err ?? {}) as NodeJS.ErrnoException;
  if (code && FILE_ERRORS.has(code) && path) return formatError(unreadable(path, err).toJSON());
  const detail = err instanceof Error ? err.message.split('\n')[0]?.slice(0, 300) : undefined;
  return formatError({
    ...toErrorData(err),
    message: `Something went wrong while starting${detail ? `: ${detail}` : '.'}`,
    hint: 'Start it from a terminal with SINCH_KEYS_DEBUG=1 to see more, and report it with the steps that led here.',
  });
}

/** Runs the start; if it throws (or rejects), says why in a native box and quits without keeping the lock. */
export async function startOrQuit(start: () => unknown, ui: StartupUi): Promise<boolean> {
  try {
    await start();
    return true;
  } catch (err) {
    ui.showError(STARTUP_FAILED_TITLE, describeStartupFailure(err));
    ui.releaseSingleInstanceLock();
    ui.exit(1);
    return false;
  }
}
