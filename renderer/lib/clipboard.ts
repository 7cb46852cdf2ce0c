// Copying a secret puts it where every other app can read it, so a sensitive copy is wiped after a delay — but only
// if the clipboard still holds it: wiping something the user copied since would lose their data (KeePassXC and
// Bitwarden behave the same way; security.md lists both).

/** The part of the async Clipboard API this needs; readText may be refused (Electron denies the read permission). */
export interface ClipboardLike {
  writeText(text: string): Promise<void>;
  readText?(): Promise<string>;
}

export interface CopyOptions {
  sensitive: boolean;
  clearAfterMs?: number;
  clipboard?: ClipboardLike;
}

export const CLIPBOARD_CLEAR_MS = 30_000;

/** How many copies the app has made to each clipboard: the fallback check when the clipboard cannot be read. */
const copies = new WeakMap<ClipboardLike, number>();

const browserClipboard = (): ClipboardLike | undefined =>
  (globalThis as { navigator?: { clipboard?: ClipboardLike } }).navigator?.clipboard;

/**
 * Writes text to the clipboard. When sensitive, schedules a wipe after clearAfterMs that happens only if the
 * clipboard still holds this text (or, when it cannot be read, if the app has copied nothing since).
 */
export async function copyWithAutoClear(
  text: string,
  { sensitive, clearAfterMs = CLIPBOARD_CLEAR_MS, clipboard = browserClipboard() }: CopyOptions,
): Promise<void> {
  if (!clipboard) throw new Error('clipboard unavailable');
  await clipboard.writeText(text);
  const copyNumber = (copies.get(clipboard) ?? 0) + 1;
  copies.set(clipboard, copyNumber);
  if (!sensitive) return;
  setTimeout(() => {
    void clearIfUnchanged(clipboard, text, copyNumber);
  }, clearAfterMs);
}

async function clearIfUnchanged(clipboard: ClipboardLike, text: string, copyNumber: number): Promise<void> {
  let stillOurs: boolean;
  try {
    if (!clipboard.readText) throw new Error('unreadable');
    stillOurs = (await clipboard.readText()) === text;
  } catch {
    stillOurs = copies.get(clipboard) === copyNumber;
  }
  if (stillOurs) await clipboard.writeText('').catch(() => undefined);
}
