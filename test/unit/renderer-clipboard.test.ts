// The clipboard wipe after copying a secret, with fake timers and a fake clipboard object standing in for the OS
// clipboard (which a unit test cannot own).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLIPBOARD_CLEAR_MS, type ClipboardLike, copyWithAutoClear } from '../../renderer/lib/clipboard';

type FakeClipboard = ClipboardLike & { text: string; writes: string[] };

function fakeClipboard(readable = true): FakeClipboard {
  const board: FakeClipboard = {
    text: '',
    writes: [],
    async writeText(text: string) {
      board.text = text;
      board.writes.push(text);
    },
    async readText(): Promise<string> {
      if (!readable) throw new DOMException('Read permission denied.', 'NotAllowedError');
      return board.text;
    },
  };
  return board;
}

describe('copying to the clipboard', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a copied secret is wiped after 30 seconds when the clipboard still holds it', async () => {
    const clipboard = fakeClipboard();
    await copyWithAutoClear('s3cret', { sensitive: true, clipboard });
    expect(clipboard.text).toBe('s3cret');
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_MS - 1);
    expect(clipboard.text).toBe('s3cret');
    await vi.advanceTimersByTimeAsync(1);
    expect(clipboard.text).toBe('');
  });

  it('something the user copied after the secret is left alone', async () => {
    const clipboard = fakeClipboard();
    await copyWithAutoClear('s3cret', { sensitive: true, clipboard });
    clipboard.text = 'a line from the editor';
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_MS);
    expect(clipboard.text).toBe('a line from the editor');
  });

  it('a snippet without secrets stays on the clipboard', async () => {
    const clipboard = fakeClipboard();
    await copyWithAutoClear('curl https://numbers.api.sinch.com', { sensitive: false, clipboard });
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_MS * 2);
    expect(clipboard.text).toBe('curl https://numbers.api.sinch.com');
  });

  it('the delay can be shortened', async () => {
    const clipboard = fakeClipboard();
    await copyWithAutoClear('s3cret', { sensitive: true, clipboard, clearAfterMs: 5000 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(clipboard.text).toBe('');
  });

  it('when the clipboard cannot be read, the secret is wiped if the app copied nothing since', async () => {
    const clipboard = fakeClipboard(false);
    await copyWithAutoClear('s3cret', { sensitive: true, clipboard });
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_MS);
    expect(clipboard.text).toBe('');
  });

  it('when the clipboard cannot be read, a later copy by the app is not wiped by the earlier timer', async () => {
    const clipboard = fakeClipboard(false);
    await copyWithAutoClear('s3cret', { sensitive: true, clipboard });
    await vi.advanceTimersByTimeAsync(10_000);
    await copyWithAutoClear('project id', { sensitive: false, clipboard });
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_MS);
    expect(clipboard.text).toBe('project id');
  });

  it('two secrets copied in a row: only the second one is wiped, on its own schedule', async () => {
    const clipboard = fakeClipboard();
    await copyWithAutoClear('first', { sensitive: true, clipboard });
    await vi.advanceTimersByTimeAsync(20_000);
    await copyWithAutoClear('second', { sensitive: true, clipboard });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(clipboard.text).toBe('second');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(clipboard.text).toBe('');
  });

  it('a failed write is reported to the caller and schedules nothing', async () => {
    const clipboard: ClipboardLike = {
      writeText: async () => {
        throw new DOMException('Document is not focused.', 'NotAllowedError');
      },
    };
    await expect(copyWithAutoClear('s3cret', { sensitive: true, clipboard })).rejects.toThrow('not focused');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('a wipe the browser refuses because another window has focus (issue 11 item 3)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Chromium's behaviour: clipboard writes are refused while the page is not focused. */
  function unfocusedClipboard() {
    const board = fakeClipboard();
    const state = { focused: true };
    const write = board.writeText.bind(board);
    board.writeText = async (text: string) => {
      if (!state.focused) throw new DOMException('Document is not focused.', 'NotAllowedError');
      await write(text);
    };
    let retry = () => {};
    const retryOn = (listener: () => void) => {
      retry = listener;
      return () => {
        retry = () => {};
      };
    };
    return {
      board,
      state,
      retryOn,
      focus: () => {
        state.focused = true;
        retry();
      },
    };
  }

  it('tells the user the secret is still there, and wipes it when the window has focus again', async () => {
    const { board, state, retryOn, focus } = unfocusedClipboard();
    const told: string[] = [];
    await copyWithAutoClear('s3cret', {
      sensitive: true,
      clipboard: board,
      retryOn,
      onWipeDeferred: () => told.push('deferred'),
      onWipedLate: () => told.push('wiped'),
    });
    state.focused = false; // the user went to a terminal to paste
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_MS);
    expect(board.text).toBe('s3cret');
    expect(told).toEqual(['deferred']);
    focus();
    await vi.advanceTimersByTimeAsync(0);
    expect(board.text).toBe('');
    expect(told).toEqual(['deferred', 'wiped']);
  });

  it('a retry after the user copied something else leaves their text alone', async () => {
    const { board, state, retryOn, focus } = unfocusedClipboard();
    await copyWithAutoClear('s3cret', { sensitive: true, clipboard: board, retryOn });
    state.focused = false;
    await vi.advanceTimersByTimeAsync(CLIPBOARD_CLEAR_MS);
    board.text = 'my own text';
    focus();
    await vi.advanceTimersByTimeAsync(0);
    expect(board.text).toBe('my own text');
  });
});
