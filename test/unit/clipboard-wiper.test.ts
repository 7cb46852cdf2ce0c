// The desktop's clipboard wipe in main (issue 11 item 3), with fake timers and a fake system clipboard standing in
// for Electron's (no Electron binary runs here): main needs no focus, wipes on quit too, and marks secrets concealed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { concealmentFormats, createClipboardWiper, type SystemClipboard } from '../../core/clipboard-wiper';
import { CLIPBOARD_CLEAR_MS } from '../../shared/clipboard';

function systemClipboard() {
  const board = {
    text: '',
    writes: [] as { text: string; formats: string[] }[],
    async readText() {
      return board.text;
    },
    async writeText(text: string, formats: Record<string, string | Uint8Array>) {
      board.text = text;
      board.writes.push({ text, formats: Object.keys(formats) });
    },
  };
  return board satisfies SystemClipboard;
}

describe('the desktop clipboard wipe, run by main', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const wiperFor = (board: SystemClipboard) =>
    createClipboardWiper(board, { clearAfterMs: CLIPBOARD_CLEAR_MS, platform: 'linux' });

  it('wipes a copied secret after 30 s, whatever window has focus', async () => {
    const board = systemClipboard();
    await wiperFor(board).copy('s3cret', true);
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_MS - 1);
    expect(board.text).toBe('s3cret');
    await vi.advanceTimersByTimeAsync(1);
    expect(board.text).toBe('');
  });

  it('leaves what the user copied since', async () => {
    const board = systemClipboard();
    await wiperFor(board).copy('s3cret', true);
    board.text = 'my own text';
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_MS);
    expect(board.text).toBe('my own text');
  });

  it('wipes a secret still on the clipboard when the app quits, and only once', async () => {
    const board = systemClipboard();
    const wiper = wiperFor(board);
    await wiper.copy('s3cret', true);
    await wiper.wipeNow();
    expect(board.text).toBe('');
    board.text = 'later text';
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_MS);
    await wiper.wipeNow();
    expect(board.text).toBe('later text');
  });

  it('never wipes text that is not secret, and a new copy replaces the pending wipe', async () => {
    const board = systemClipboard();
    const wiper = wiperFor(board);
    await wiper.copy('first-secret', true);
    await wiper.copy('a curl snippet', false);
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_MS);
    expect(board.text).toBe('a curl snippet');
  });

  it('writes a secret with the concealment format and plain text without it', async () => {
    const board = systemClipboard();
    const wiper = wiperFor(board);
    await wiper.copy('s3cret', true);
    await wiper.copy('plain', false);
    expect(board.writes).toEqual([
      { text: 's3cret', formats: ['x-kde-passwordManagerHint'] },
      { text: 'plain', formats: [] },
    ]);
  });
});

describe('the formats that keep a secret out of clipboard managers and history', () => {
  it('names each platform’s convention', () => {
    expect(concealmentFormats('darwin')).toEqual({ 'org.nspasteboard.ConcealedType': '' });
    expect(concealmentFormats('linux')).toEqual({ 'x-kde-passwordManagerHint': 'secret' });
    const windows = concealmentFormats('win32');
    expect(Object.keys(windows)).toEqual([
      'ExcludeClipboardContentFromMonitorProcessing',
      'CanIncludeInClipboardHistory',
      'CanUploadToCloudClipboard',
    ]);
    // A DWORD 0: "do not include", "do not upload".
    expect([...(windows.CanIncludeInClipboardHistory as Uint8Array)]).toEqual([0, 0, 0, 0]);
  });
});
