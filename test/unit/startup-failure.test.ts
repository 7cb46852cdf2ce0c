// Electron's start-up, behind a stand-in for dialog/app: whatever throws while starting ends in an error box with
// the reason and the fix, the single-instance lock is released and the app quits — never an invisible process.
import { describe, expect, it } from 'vitest';
import { describeStartupFailure, STARTUP_FAILED_TITLE, startOrQuit } from '../../electron/startup';
import { AppError } from '../../shared/errors';

function fakeUi() {
  const events: string[] = [];
  const boxes: { title: string; content: string }[] = [];
  return {
    events,
    boxes,
    ui: {
      showError: (title: string, content: string) => {
        boxes.push({ title, content });
        events.push('error box');
      },
      releaseSingleInstanceLock: () => events.push('lock released'),
      exit: (code: number) => events.push(`exit ${code}`),
    },
  };
}

const fsError = (code: string, path: string) => Object.assign(new Error(`${code}: denied, open '${path}'`), { code, path });

describe('a start that throws', () => {
  it.each([
    [
      'a settings path that is a folder',
      fsError('EISDIR', '/home/u/.config/Sinch Keys/config.json'),
      /EISDIR[\s\S]*Move the folder/,
    ],
    ['files left to root by sudo', fsError('EACCES', '/home/u/.config/Sinch Keys/config.json'), /EACCES[\s\S]*sudo chown -R/],
    [
      'a damaged window-state.json',
      new SyntaxError('Unexpected token } in JSON at position 7'),
      /Unexpected token[\s\S]*SINCH_KEYS_DEBUG=1/,
    ],
    [
      'a bad SINCH_KEYS_* value',
      new AppError(
        'VALIDATION',
        'SINCH_KEYS_HOME is set to "rel", which is not an absolute path.',
        'Fix or unset SINCH_KEYS_HOME.',
      ),
      /absolute path[\s\S]*Fix or unset/,
    ],
  ])('%s: error box with reason and fix, lock released, exit 1', async (_, err, words) => {
    const { ui, events, boxes } = fakeUi();
    const started = await startOrQuit(() => {
      throw err;
    }, ui);
    expect(started).toBe(false);
    expect(events).toEqual(['error box', 'lock released', 'exit 1']);
    expect(boxes[0]?.title).toBe(STARTUP_FAILED_TITLE);
    expect(boxes[0]?.content).toMatch(words);
  });

  it('a start that rejects later (async) is handled the same way', async () => {
    const { ui, events } = fakeUi();
    await startOrQuit(async () => {
      await Promise.resolve();
      throw fsError('EACCES', '/x/config.json');
    }, ui);
    expect(events).toEqual(['error box', 'lock released', 'exit 1']);
  });

  it('a start that works shows nothing and keeps the lock', async () => {
    const { ui, events } = fakeUi();
    expect(await startOrQuit(() => undefined, ui)).toBe(true);
    expect(events).toEqual([]);
  });

  it('words for a thrown non-error still name a next step', () => {
    expect(describeStartupFailure('boom')).toMatch(/Something went wrong while starting\.[\s\S]*SINCH_KEYS_DEBUG=1/);
  });
});
