// Paste anywhere, drop anywhere: Ctrl/Cmd+V while the focus is not in a text field, or a file dropped on the window,
// hands its text to `onText` (the engine then decides whether it is a key block). Text fields keep their own paste,
// and an open modal dialog owns the keyboard, so neither is taken over.
import { useEffect, useRef } from 'react';

/** The engine reads at most this much (shared/contract.ts import.preview); a bigger file is no key block. */
export const MAX_KEY_BLOCK_CHARS = 200_000;

const isTextField = (target: EventTarget | null): boolean => {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
};

const modalOpen = () => document.querySelector('dialog[open]') !== null;

export type KeyBlockSource = 'paste' | 'drop';

export interface KeyBlockInput {
  onText(text: string, source: KeyBlockSource): void;
  /** A dropped file that cannot be a key block (too big, unreadable). */
  onUnreadable(reason: 'tooBig' | 'unreadable'): void;
}

export function useKeyBlockInput(handlers: KeyBlockInput): void {
  // The listeners stay put; they call the latest handlers.
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      if (isTextField(event.target) || modalOpen()) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (!text.trim()) return;
      event.preventDefault();
      latest.current.onText(text.slice(0, MAX_KEY_BLOCK_CHARS), 'paste');
    };
    const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    // Without this the browser (and Electron) would open the dropped file in place of the app.
    const onDragOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = modalOpen() ? 'none' : 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      const file = event.dataTransfer?.files[0];
      if (!file || modalOpen()) return;
      if (file.size > MAX_KEY_BLOCK_CHARS) return latest.current.onUnreadable('tooBig');
      file.text().then(
        (text) => latest.current.onText(text, 'drop'),
        () => latest.current.onUnreadable('unreadable'),
      );
    };
    document.addEventListener('paste', onPaste);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('paste', onPaste);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
}
