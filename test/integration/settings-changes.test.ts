// A door that keeps running (an agent server, the desktop app) must see the settings another process writes on its
// very next read — `agent disable` from the CLI reaches a running MCP server that way — however the file was
// rewritten: renamed into place by a write, or written in place by an editor within one tick of the file system clock.
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../core/settings-store';

const root = mkdtempSync(join(tmpdir(), 'sinch-keys-settings-changes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function twoProcesses() {
  const dir = mkdtempSync(join(root, 'home-'));
  const file = join(dir, 'config.json');
  const running = SettingsStore.at(dir);
  const other = SettingsStore.at(dir);
  await other.update((s) => ({ ...s, agentsStopped: false }));
  return { file, running, other };
}

/** Dates the file a minute back, so the running store has every reason to trust what it read. */
const settle = (file: string) => {
  const past = new Date(Date.now() - 60_000);
  utimesSync(file, past, past);
  return past;
};

/** The file with agents open and with agents stopped, spaced to the same length: only times and contents differ. */
function sameSizeTexts(file: string) {
  const text = readFileSync(file, 'utf8');
  const open = text.replace('"agentsStopped": false', '"agentsStopped":false');
  const stopped = text.replace('"agentsStopped": false', '"agentsStopped": true');
  expect(open).not.toBe(text);
  expect(open.length).toBe(stopped.length);
  return { open, stopped };
}

describe('the settings file as a running door reads it', () => {
  it('sees a change another process saved, on the very next read', async () => {
    const { file, running, other } = await twoProcesses();
    settle(file);
    expect(running.read().agentsStopped).toBe(false);
    expect(running.read().agentsStopped).toBe(false);
    await other.update((s) => ({ ...s, agentsStopped: true }));
    expect(running.read().agentsStopped).toBe(true);
  });

  it('sees a same-size change written in place that left the modification time as it was', async () => {
    const { file, running } = await twoProcesses();
    const { open, stopped } = sameSizeTexts(file);
    writeFileSync(file, open);
    const past = settle(file);
    expect(running.read().agentsStopped).toBe(false);
    writeFileSync(file, stopped);
    utimesSync(file, past, past);
    expect(running.read().agentsStopped).toBe(true);
  });

  it('sees same-size changes written in place one right after the other', async () => {
    const { file, running } = await twoProcesses();
    const { open, stopped } = sameSizeTexts(file);
    for (let i = 0; i < 20; i++) {
      writeFileSync(file, stopped);
      expect(running.read().agentsStopped).toBe(true);
      writeFileSync(file, open);
      expect(running.read().agentsStopped).toBe(false);
    }
  });
});
