// `sinch-keys doctor`: the settings file and the keychain compared, and the repairs a user may choose. Without an
// option it only reports; a secret is deleted only with --delete-orphans, and only the orphans the report lists.
import { KEYCHAIN_BACKEND_NAMES } from '../../shared/engine-text';
import { ok } from '../../shared/errors';
import type { DoctorRepairResult, DoctorReport } from '../../shared/views';
import { type Cli, respond } from '../run';

interface DoctorFlags {
  restore?: string;
  startFresh?: boolean;
  deleteOrphans?: boolean;
}

export function describeReport(r: DoctorReport): string {
  const lines = [`Settings file: ${r.settingsPath}`, `Keychain: ${KEYCHAIN_BACKEND_NAMES[r.keychainBackend]}`];
  if (r.damage) lines.push('', `DAMAGED: ${r.damage.message}`);
  for (const b of r.backups) lines.push(`Kept-aside copy: ${b.path} (${b.modifiedAt}, ${b.profiles} readable profile(s))`);
  if (r.orphans.length) {
    lines.push('', `${r.orphans.length} keychain entr${r.orphans.length === 1 ? 'y' : 'ies'} no profile uses:`);
    for (const o of r.orphans) lines.push(`  ${o.account}${o.inBackup ? '  (named in a kept-aside copy)' : ''}`);
  }
  if (r.missingSecrets.length) {
    lines.push('', 'Credentials whose secret is missing from the keychain:');
    for (const m of r.missingSecrets) lines.push(`  ${m.profileName}: ${m.kind} ${m.publicId} (edit it with --rotate)`);
  }
  const advice = [
    ...(r.backups.some((b) => b.profiles > 0)
      ? [`  sinch-keys doctor --restore <copy>   bring back the profiles of a kept-aside copy (their secrets re-attach)`]
      : []),
    ...(r.damage ? ['  sinch-keys doctor --start-fresh      replace the damaged file with an empty one (the copy stays)'] : []),
    ...(r.orphans.length && !r.damage
      ? ['  sinch-keys doctor --delete-orphans   delete the keychain entries listed above, for good']
      : []),
  ];
  if (advice.length) lines.push('', 'To repair:', ...advice);
  else if (!r.orphans.length && !r.missingSecrets.length) lines.push('', 'Everything matches: nothing to repair.');
  return lines.join('\n');
}

const describeRepair = (r: DoctorRepairResult): string =>
  r.action === 'restore'
    ? `Restored ${r.restored} profile(s); their secrets are attached again.`
    : r.action === 'startFresh'
      ? 'Started over with an empty settings file; the damaged copy stays where the report said.'
      : `Deleted ${r.deleted.length} orphaned keychain entr${r.deleted.length === 1 ? 'y' : 'ies'}.`;

export function registerDoctorCommands(cli: Cli): void {
  cli.program
    .command('doctor')
    .description('compare the profiles file with the keychain: orphaned secrets, missing secrets, a damaged file')
    .option('--restore <copy>', 'bring back the profiles of a kept-aside damaged file (path from the report)')
    .option('--start-fresh', 'replace a damaged settings file with an empty one; its copy and secrets stay')
    .option('--delete-orphans', 'delete, for good, the keychain entries that no profile uses')
    .action((flags: DoctorFlags) =>
      respond<DoctorReport | DoctorRepairResult>(
        cli,
        async () => {
          const { call } = cli.context;
          if (flags.restore) return call('doctor.repair', { action: 'restore', backupPath: flags.restore });
          if (flags.startFresh) return call('doctor.repair', { action: 'startFresh' });
          const report = await call('doctor.report', {});
          if (!flags.deleteOrphans || !report.ok) return report;
          const accounts = report.value.orphans.map((o) => o.account);
          if (accounts.length === 0) return ok({ action: 'deleteOrphans', deleted: [] });
          return call('doctor.repair', { action: 'deleteOrphans', accounts });
        },
        (v) => ('action' in v ? describeRepair(v) : describeReport(v)),
        // A report that found something to repair exits 5, as a test that found a problem does.
        (v) => ('action' in v || (!v.damage && !v.orphans.length && !v.missingSecrets.length) ? 0 : 5),
      ),
    );
}
