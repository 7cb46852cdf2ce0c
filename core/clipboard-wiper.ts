// Copying a secret on the desktop (issue 11 item 3): main writes it to the system clipboard, marked so clipboard
// managers and history leave it out where the OS has a convention for that, and wipes it after a delay or when the
// app quits, but only if the clipboard still holds it (wiping what the user copied since would lose their data).
// Main needs no window focus for any of this, unlike the page's navigator.clipboard. Plain Node: electron/main.ts
// passes Electron's clipboard in.

export interface SystemClipboard {
  readText(): Promise<string>;
  /** Writes the text and the extra raw formats in one commit. */
  writeText(text: string, formats: Record<string, string | Uint8Array>): Promise<void>;
}

/**
 * The raw clipboard formats that tell clipboard managers a value is a password, written alongside the text:
 * - macOS: `org.nspasteboard.ConcealedType` (nspasteboard.org; Maccy, Alfred, Raycast and others skip it);
 * - Windows: `ExcludeClipboardContentFromMonitorProcessing`, plus `CanIncludeInClipboardHistory` and
 *   `CanUploadToCloudClipboard` as a DWORD 0 (Win+V history and cloud sync leave it out);
 * - Linux: `x-kde-passwordManagerHint` = `secret` (Klipper, and clipboard tools that follow KeePassXC).
 */
export function concealmentFormats(platform: NodeJS.Platform): Record<string, string | Uint8Array> {
  const dwordZero = new Uint8Array(4);
  if (platform === 'darwin') return { 'org.nspasteboard.ConcealedType': '' };
  if (platform === 'win32')
    return {
      ExcludeClipboardContentFromMonitorProcessing: new Uint8Array(0),
      CanIncludeInClipboardHistory: dwordZero,
      CanUploadToCloudClipboard: dwordZero,
    };
  return { 'x-kde-passwordManagerHint': 'secret' };
}

export interface ClipboardWiper {
  copy(text: string, sensitive: boolean): Promise<void>;
  /** Wipes a secret still on the clipboard now (the app is quitting). */
  wipeNow(): Promise<void>;
}

export function createClipboardWiper(
  clipboard: SystemClipboard,
  { clearAfterMs, platform }: { clearAfterMs: number; platform: NodeJS.Platform },
): ClipboardWiper {
  let pending: { text: string; timer: ReturnType<typeof setTimeout> } | undefined;
  const wipeIfOurs = async () => {
    const copied = pending;
    if (!copied) return;
    clearTimeout(copied.timer);
    pending = undefined;
    // Read back, not remembered: another app may have put something else there since.
    if ((await clipboard.readText()) === copied.text) await clipboard.writeText('', {});
  };
  return {
    copy: async (text, sensitive) => {
      if (pending) clearTimeout(pending.timer);
      pending = undefined;
      await clipboard.writeText(text, sensitive ? concealmentFormats(platform) : {});
      if (sensitive) pending = { text, timer: setTimeout(() => void wipeIfOurs(), clearAfterMs) };
    },
    wipeNow: wipeIfOurs,
  };
}
