// The settings file's cross-process lock: what it adds to one write when nobody else writes, and how long one `add`
// takes when 50 writers want the same file at once. Writers are separate stores on one folder in this process, as
// browser mode's requests are: they queue for their turn in the process, then each takes the real lock
// (proper-lockfile's lock directory) and writes atomically. Secrets go to memory, so the figure is the file's cost,
// not the keychain's. 50 separate CLI processes are timed by test/integration/many-processes.test.ts.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySecretStore } from '../core/keychain';
import { ProfileService } from '../core/profiles';
import { DiskSettingsFile } from '../core/settings-file';
import { SETTINGS_FILE_NAME, SettingsStore } from '../core/settings-store';
import { type BenchOptions, type Figure, median, ms } from './support';

const OVERHEAD = 'Settings lock overhead per write, single writer';
const CONTENDED = 'One `add` with 50 writers on one settings file';
const WRITERS = 50;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function measureSettingsLock({ quick }: BenchOptions): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sinch-keys-bench-lock-'));
  try {
    const file = new DiskSettingsFile(join(dir, SETTINGS_FILE_NAME));
    const store = new SettingsStore(file);
    const profiles = new ProfileService({ settings: store, secrets: new MemorySecretStore() });
    for (let i = 0; i < 20; i++) await profiles.create({ name: `Existing ${i}` });
    const runs = quick ? 30 : 200;
    const locks: number[] = [];
    const updates: number[] = [];
    for (let i = 0; i < runs; i++) {
      locks.push(await timed(async () => (await file.lock()).release()));
      updates.push(await timed(() => store.update((s) => ({ ...s }))));
    }
    const lockMs = median(locks);

    const contended = mkdtempSync(join(dir, 'contended-'));
    const writers = Array.from(
      { length: WRITERS },
      () => new ProfileService({ settings: SettingsStore.at(contended), secrets: new MemorySecretStore() }),
    );
    const started = performance.now();
    const each = await Promise.all(
      writers.map((writer, i) =>
        timed(() => writer.create({ name: `Writer ${i}` }, [{ kind: 'accessKey', keyId: randomUUID(), secret: `s-${i}` }])),
      ),
    );
    const total = performance.now() - started;
    const landed = SettingsStore.at(contended).read().profiles.length;
    return [
      {
        name: OVERHEAD,
        measured: `${ms(lockMs)} (whole write ${ms(median(updates))})`,
        target: '≤ 10 ms',
        pass: lockMs <= 10,
        detail: `median of ${runs} lock + release pairs on a file with 20 profiles; the whole update (lock, read, validate, fsync'd atomic write, release) for comparison`,
      },
      {
        name: CONTENDED,
        measured: `median ${ms(median(each))}, slowest ${ms(Math.max(...each))}; all ${WRITERS} in ${ms(total)}`,
        target: `all ${WRITERS} land`,
        pass: landed === WRITERS,
        detail: `${WRITERS} stores on one folder in one process adding a profile with a credential at once; ${landed} of ${WRITERS} in the file afterwards`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
