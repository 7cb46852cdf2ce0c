// Copying a secret puts it where every other app can read it, so a sensitive copy is wiped after a delay — but only
// if the clipboard still holds it: wiping something the user copied since would lose their data (KeePassXC and
// Bitwarden behave the same way; security.md lists both).
import { CLIPBOARD_CLEAR_MS } from '../../shared/clipboard';

/** The part of the async Clipboard API this needs; readText may be refused (Electron denies the read permission). */
export interface ClipboardLike {
  writeText(text: string): Promise<void>;
  readText?(): Promise<string>;
}

/** Subscribes to the moments a refused wipe may work again; returns the unsubscribe function. */
export type RetrySignal = (retry: () => void) => () => void;

export interface CopyOptions {
  sensitive: boolean;
  clearAfterMs?: number;
  clipboard?: ClipboardLike;
  /** Defaults to the window regaining focus or the page becoming visible again. */
  retryOn?: RetrySignal;
  /** The wipe was refused (the window was not focused): the secret is still on the clipboard for now. */
  onWipeDeferred?: () => void;
  /** A wipe that had been refused ran later. */
  onWipedLate?: () => void;
}

export { CLIPBOARD_CLEAR_MS };

/** How many copies the app has made to each clipboard: the fallback check when the clipboard cannot be read. */
const copies = new WeakMap<ClipboardLike, number>();

const browserClipboard = (): ClipboardLike | undefined =>
  (globalThis as { navigator?: { clipboard?: ClipboardLike } }).navigator?.clipboard;

/**
 * Chromium refuses clipboard writes while the window is not focused, which is the usual case 30 s after a copy
 * (the user is pasting into a terminal): the wipe is tried again when the window has focus or the page is visible.
 */
interface EventSource {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

const focusOrVisible: RetrySignal = (retry) => {
  // Typed structurally: this module is also compiled for the Node tests, which have no DOM.
  const page = globalThis as { window?: EventSource; document?: EventSource & { visibilityState: string } };
  const { window: win, document: doc } = page;
  if (!win || !doc) return () => {};
  const onVisible = () => {
    if (doc.visibilityState === 'visible') retry();
  };
  win.addEventListener('focus', retry);
  doc.addEventListener('visibilitychange', onVisible);
  return () => {
    win.removeEventListener('focus', retry);
    doc.removeEventListener('visibilitychange', onVisible);
  };
};

/**
 * Writes text to the clipboard. When sensitive, schedules a wipe after clearAfterMs that happens only if the
 * clipboard still holds this text (or, when it cannot be read, if the app has copied nothing since).
 */
export async function copyWithAutoClear(
  text: string,
  {
    sensitive,
    clearAfterMs = CLIPBOARD_CLEAR_MS,
    clipboard = browserClipboard(),
    retryOn = focusOrVisible,
    onWipeDeferred,
    onWipedLate,
  }: CopyOptions,
): Promise<void> {
  if (!clipboard) throw new Error('clipboard unavailable');
  await clipboard.writeText(text);
  const copyNumber = (copies.get(clipboard) ?? 0) + 1;
  copies.set(clipboard, copyNumber);
  if (!sensitive) return;
  setTimeout(() => {
    void (async () => {
      if (await clearIfUnchanged(clipboard, text, copyNumber)) return;
      onWipeDeferred?.();
      let stop = () => {};
      let trying = false;
      stop = retryOn(() => {
        if (trying) return;
        trying = true;
        void clearIfUnchanged(clipboard, text, copyNumber).then((done) => {
          trying = false;
          if (!done) return;
          stop();
          onWipedLate?.();
        });
      });
    })();
  }, clearAfterMs);
}

/**
 * Wipes the clipboard if it still holds `text`. True when nothing is left to do (wiped, or the user copied something
 * else since); false when the wipe was refused and must be tried again.
 */
async function clearIfUnchanged(clipboard: ClipboardLike, text: string, copyNumber: number): Promise<boolean> {
  let stillOurs: boolean;
  try {
    if (!clipboard.readText) throw new Error('unreadable');
    stillOurs = (await clipboard.readText()) === text;
  } catch {
    stillOurs = copies.get(clipboard) === copyNumber;
  }
  if (!stillOurs) return true;
  try {
    await clipboard.writeText('');
    return true;
  } catch {
    return false;
  }
}
