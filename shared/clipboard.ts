// How long a copied secret stays on the clipboard, for the desktop's main process and the page alike.
export const CLIPBOARD_CLEAR_MS = 30_000;
