// One settings file and one keychain, many doors at once: dozens of real CLI processes adding, editing and removing
// while browser mode writes through its HTTP API; then CLI processes killed with SIGKILL at random moments. Nothing
// may be lost, the file must always be valid, and `doctor` must find exactly what the kills left behind.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeEngine } from '../../core/composition';
import { KeychainStore } from '../../core/keychain';
import { secretAccount } from '../../core/profiles';
import { SettingsStore } from '../../core/settings-store';
import { settingsSchema } from '../../shared/profile';
import type { DoctorReport } from '../../shared/views';
import { startWebServer } from '../../web/server';
import { BIN, type CliHome, cliHome } from '../support/cli';
import { openWebSession } from '../support/web-session';

const figures: string[] = [];
/** 70 writers queue for one lock; on a loaded 2-core machine the last of them may wait a good while. */
const SLOW_MACHINE_MS = 150_000;
afterAll(() => console.log(`many processes: ${figures.join('; ')}`));

/** The file as a user's next command would read it: it must parse, whatever happened. */
const fileOf = (cli: CliHome) => settingsSchema.parse(JSON.parse(readFileSync(join(cli.home, 'config.json'), 'utf8')));

/** Orphans and missing secrets computed here from the raw stores, independently of doctor. */
async function compare(cli: CliHome) {
  const { findCredentials } = await import('@napi-rs/keyring');
  const accounts = new Set(findCredentials(cli.service).map((c) => c.account));
  const named = fileOf(cli).profiles.flatMap((p) => p.credentials.map((c) => secretAccount(p.id, c.id)));
  return {
    orphans: [...accounts].filter((a) => !named.includes(a)).sort(),
    missing: named.filter((a) => !accounts.has(a)).sort(),
  };
}

async function seed(cli: CliHome, names: string[]) {
  const { profiles } = composeEngine({
    settings: SettingsStore.at(cli.home),
    secrets: new KeychainStore({ service: cli.service }),
    version: 'test',
  });
  for (const name of names)
    await profiles.create({ name }, [{ kind: 'accessKey', keyId: randomUUID(), secret: `seed-${name.replace(' ', '-')}` }]);
}

describe('50 CLI processes and browser mode writing at the same time', () => {
  let cli: CliHome;
  beforeAll(() => {
    cli = cliHome();
  });
  afterAll(() => rmSync(cli.home, { recursive: true, force: true }));

  it('lose no change, leave no orphan and keep the file valid', async () => {
    const edits = Array.from({ length: 10 }, (_, i) => `Edit ${i}`);
    const removals = Array.from({ length: 10 }, (_, i) => `Remove ${i}`);
    await seed(cli, [...edits, ...removals]);

    const engine = composeEngine({
      settings: SettingsStore.at(cli.home),
      secrets: new KeychainStore({ service: cli.service }),
      version: 'test',
    });
    const server = await startWebServer({ engine, rendererDir: mkdtempSync(join(tmpdir(), 'sinch-keys-no-ui-')) });
    const session = await openWebSession(server);
    const web = (op: string, input: unknown) =>
      fetch(`${server.url}/api/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session.cookie },
        body: JSON.stringify(input),
      }).then((r) => r.json() as Promise<{ ok: boolean }>);

    const started = performance.now();
    const runs = [
      ...Array.from({ length: 30 }, (_, i) =>
        cli.run(['add', `Added ${i}`, '--kind', 'access-key', '--key-id', randomUUID()], {
          stdin: `cli-secret-${i}\n`,
          timeoutMs: SLOW_MACHINE_MS,
        }),
      ),
      ...edits.map((name, i) => cli.run(['edit', name, '--notes', `edited ${i}`], { timeoutMs: SLOW_MACHINE_MS })),
      ...removals.map((name) => cli.run(['remove', name], { timeoutMs: SLOW_MACHINE_MS })),
    ];
    const webWrites = Array.from({ length: 20 }, (_, i) =>
      web('profiles.create', {
        name: `Web ${i}`,
        credentials: [{ kind: 'accessKey', keyId: randomUUID(), secret: `web-secret-${i}` }],
      }),
    );
    const [cliResults, webResults] = await Promise.all([Promise.all(runs), Promise.all(webWrites)]);
    const elapsed = performance.now() - started;
    await server.close();

    expect(cliResults.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
    expect(webResults.filter((r) => !r.ok)).toEqual([]);
    const names = fileOf(cli)
      .profiles.map((p) => p.name)
      .sort();
    const expected = [
      ...edits,
      ...Array.from({ length: 30 }, (_, i) => `Added ${i}`),
      ...Array.from({ length: 20 }, (_, i) => `Web ${i}`),
    ];
    expect(names).toEqual(expected.sort());
    for (const [i, name] of edits.entries()) expect(fileOf(cli).profiles.find((p) => p.name === name)?.notes).toBe(`edited ${i}`);
    expect(fileOf(cli).profiles.every((p) => p.credentials.length === 1)).toBe(true);
    expect(await compare(cli)).toEqual({ orphans: [], missing: [] });
    figures.push(`${runs.length} CLI + ${webWrites.length} HTTP writers in ${Math.round(elapsed)} ms: 0 lost, 0 orphans`);
  }, 240_000);
});

describe('CLI processes killed with SIGKILL at random moments', () => {
  let cli: CliHome;
  beforeAll(() => {
    cli = cliHome();
  });
  afterAll(() => rmSync(cli.home, { recursive: true, force: true }));

  /** Starts a CLI command and kills it after `afterMs`, wherever it is by then. */
  const killed = (args: string[], stdin: string, afterMs: number) =>
    new Promise<void>((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { env: cli.env, stdio: ['pipe', 'ignore', 'ignore'] });
      child.stdin.end(stdin);
      const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
      child.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });

  it('never leave an invalid file, never block later writers, and doctor lists every orphan', async () => {
    await seed(
      cli,
      Array.from({ length: 40 }, (_, i) => `Victim ${i}`),
    );
    const BATCHES = 8;
    const PER_BATCH = 25;
    let n = 0;
    const started = performance.now();
    for (let batch = 0; batch < BATCHES; batch++) {
      await Promise.all(
        Array.from({ length: PER_BATCH }, () => {
          const i = n++;
          const args =
            i % 5 === 0
              ? ['remove', `Victim ${i % 40}`]
              : i % 5 === 1
                ? ['edit', `Victim ${i % 40}`, '--rotate']
                : ['add', `Killed ${i}`, '--kind', 'access-key', '--key-id', randomUUID()];
          // Spread over the whole life of a command on this machine: start-up, lock wait, keychain, write.
          return killed(args, `killed-secret-${i}\n`, 150 + Math.random() * 1500);
        }),
      );
      expect(() => fileOf(cli), `file valid after batch ${batch + 1}`).not.toThrow();
    }
    const killedFor = performance.now() - started;

    // A writer after all those kills gets through: stale locks of killed holders are taken over.
    const after = await cli.run(['add', 'After the kills', '--kind', 'access-key', '--key-id', randomUUID()], {
      stdin: 'after\n',
    });
    expect(after.code, after.stderr).toBe(0);

    const truth = await compare(cli);
    const doctor = await cli.run(['--json', 'doctor']);
    const report = doctor.json<DoctorReport>();
    expect(report.orphans.map((o) => o.account).sort()).toEqual(truth.orphans);
    expect(report.missingSecrets.map((m) => secretAccount(m.profileId, m.credentialId)).sort()).toEqual(truth.missing);

    // And with the user's consent it deletes exactly those, leaving every profile's secret in place.
    const repaired = await cli.run(['--json', 'doctor', '--delete-orphans']);
    expect(repaired.code, repaired.stderr).toBe(0);
    expect((await compare(cli)).orphans).toEqual([]);
    figures.push(
      `${n} SIGKILLed runs in ${BATCHES} batches (${Math.round(killedFor)} ms): file valid after every batch; ` +
        `doctor found ${truth.orphans.length} orphan(s) and ${truth.missing.length} missing secret(s), as the stores hold`,
    );
  }, 300_000);
});
