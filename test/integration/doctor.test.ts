// `sinch-keys doctor` as a user runs it after things went wrong: a damaged settings file, secrets left behind,
// secrets gone missing. It reports, and repairs only what the user asks for.
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeEngine } from '../../core/composition';
import { dispatch } from '../../core/engine';
import { KeychainStore } from '../../core/keychain';
import { secretAccount } from '../../core/profiles';
import { SettingsStore } from '../../core/settings-store';
import type { DoctorReport } from '../../shared/views';
import { type CliHome, cliHome } from '../support/cli';

let cli: CliHome;
let keychain: KeychainStore;
beforeEach(() => {
  cli = cliHome();
  keychain = new KeychainStore({ service: cli.service });
});
afterEach(async () => {
  for (const account of await keychain.accounts()) await keychain.delete(account);
  rmSync(cli.home, { recursive: true, force: true });
});

async function twoProfiles() {
  const { profiles } = composeEngine({ settings: SettingsStore.at(cli.home), secrets: keychain, version: 'test' });
  const keep = await profiles.create({ name: 'Keep' }, [{ kind: 'accessKey', keyId: randomUUID(), secret: 'keep-secret' }]);
  const lose = await profiles.create({ name: 'Lose' }, [{ kind: 'accessKey', keyId: randomUUID(), secret: 'lose-secret' }]);
  return { keep, lose, accountOf: (p: typeof keep) => secretAccount(p.id, p.credentials[0]?.id ?? '') };
}
const report = async () => (await cli.run(['--json', 'doctor'])).json<DoctorReport>();

describe('doctor', () => {
  it('with nothing wrong says so and exits 0', async () => {
    await twoProfiles();
    const run = await cli.run(['doctor']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Everything matches');
    expect(run.stdout).toContain('Keychain: Secret Service (GNOME Keyring');
  });

  it('a damaged file: lists the copy and the orphans; --restore brings the readable profiles back with their secrets', async () => {
    const { keep, lose, accountOf } = await twoProfiles();
    const file = join(cli.home, 'config.json');
    // One profile damaged beyond reading (its name is a number), the other intact: the file as a whole is invalid.
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.profiles[1].name = 42;
    writeFileSync(file, JSON.stringify(json));

    const found = await report();
    expect(found.damage?.message).toContain('does not match the expected format');
    expect(found.backups).toEqual([expect.objectContaining({ path: found.damage?.backupPath, profiles: 1 })]);
    expect(found.orphans).toEqual(
      [
        { account: accountOf(keep), inBackup: true },
        { account: accountOf(lose), inBackup: false },
      ].sort((a, b) => a.account.localeCompare(b.account)),
    );
    expect((await cli.run(['doctor'])).code).toBe(5);
    // Deleting is refused while every secret looks like an orphan.
    expect((await cli.run(['doctor', '--delete-orphans'])).code).not.toBe(0);
    expect((await keychain.accounts()).sort()).toEqual([accountOf(keep), accountOf(lose)].sort());

    const restored = await cli.run(['doctor', '--restore', found.damage?.backupPath ?? '']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('Restored 1 profile');
    const list = await cli.run(['--json', 'list']);
    expect(list.json<{ name: string }[]>().map((p) => p.name)).toEqual(['Keep']);
    const exec = await cli.run([
      'exec',
      'Keep',
      '--',
      process.execPath,
      '-e',
      'process.stdout.write(process.env.SINCH_KEY_SECRET ?? "")',
    ]);
    expect(exec.stdout).toBe('keep-secret');

    // Now the lost profile's secret is the only orphan; with consent it goes, and nothing else does.
    expect((await report()).orphans).toEqual([{ account: accountOf(lose), inBackup: false }]);
    const deleted = await cli.run(['doctor', '--delete-orphans']);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(await keychain.accounts()).toEqual([accountOf(keep)]);
  });

  it('a file cut off half-way: --start-fresh replaces it, keeps the copy, and the secrets wait as orphans', async () => {
    const { accountOf, keep } = await twoProfiles();
    const file = join(cli.home, 'config.json');
    const bytes = readFileSync(file, 'utf8').slice(0, 40);
    writeFileSync(file, bytes);
    const found = await report();
    expect(found.backups[0]?.profiles).toBe(0);
    const fresh = await cli.run(['doctor', '--start-fresh']);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect((await cli.run(['--json', 'list'])).json()).toEqual([]);
    expect(readFileSync(found.damage?.backupPath ?? '', 'utf8')).toBe(bytes);
    expect((await report()).orphans.map((o) => o.account)).toContain(accountOf(keep));
  });

  it('a request to delete secrets deletes only those no profile uses, whatever the caller names', async () => {
    const { keep, lose, accountOf } = await twoProfiles();
    const { handlers, profiles } = composeEngine({ settings: SettingsStore.at(cli.home), secrets: keychain, version: 't' });
    await keychain.set('stray/left-behind', 'stray-secret');
    const reply = await dispatch(handlers, 'doctor.repair', {
      action: 'deleteOrphans',
      accounts: [accountOf(keep), accountOf(lose), 'stray/left-behind', 'sinch-keys/keychain-probe'],
    });
    expect(reply).toEqual({ ok: true, value: { action: 'deleteOrphans', deleted: ['stray/left-behind'] } });
    expect(await profiles.readSecret(keep.id, keep.credentials[0]?.id ?? '')).toBe('keep-secret');
    expect(await profiles.readSecret(lose.id, lose.credentials[0]?.id ?? '')).toBe('lose-secret');
  });

  it('a secret deleted in the keychain manager shows as missing, with the profile it belongs to', async () => {
    const { lose, accountOf } = await twoProfiles();
    await keychain.delete(accountOf(lose));
    expect((await report()).missingSecrets).toEqual([
      expect.objectContaining({ profileName: 'Lose', credentialId: lose.credentials[0]?.id }),
    ]);
  });
});
