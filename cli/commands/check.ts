// `sinch-keys check`: the fleet view on the command line — every credential of every profile against every product
// it can serve, as a matrix; exit code 5 when anything fails, so a CI job or a cron can watch a fleet.
import { Option } from 'commander';
import { PRODUCTS } from '../../shared/catalog';
import {
  arrangeFleet,
  type FleetReport,
  type FleetRow,
  type FleetSort,
  type FleetVerdict,
  reportFails,
} from '../../shared/fleet';
import { describeKeyAge } from '../../shared/key-age';
import { table } from '../io';
import { type Cli, respond } from '../run';

const VERDICT_WORDS: Record<FleetVerdict, string> = {
  works: 'works',
  noAccess: 'no access',
  wrongSecret: 'wrong secret',
  wrongRegion: 'wrong region',
  failed: 'failed',
  notTried: 'not tried',
};

interface CheckFlags {
  env?: string;
  failing?: boolean;
  sort: FleetSort;
}

const cellsOf = (row: FleetRow) =>
  row.cells.map((c) => `${PRODUCTS[c.productId].name}: ${VERDICT_WORDS[c.verdict]}`).join(', ') || '-';

const expiry = (row: FleetRow) => (row.tokenExpiresAt ? new Date(row.tokenExpiresAt).toISOString() : '-');

function describeReport(report: FleetReport, flags: CheckFlags): string {
  const rows = arrangeFleet(report.rows, { environment: flags.env, failingOnly: flags.failing, sort: flags.sort });
  if (rows.length === 0) return report.rows.length ? 'Nothing matches those filters.' : 'No credentials to check.';
  return [
    table([
      ['PROFILE', 'ENV', 'CREDENTIAL', 'KEY AGE', 'TOKEN EXPIRES', 'PRODUCTS'],
      ...rows.map((r) => [r.profileName, r.environment, r.label || r.publicId, describeKeyAge(r.age), expiry(r), cellsOf(r)]),
    ]),
    '',
    `${report.rows.length} credentials checked in ${report.wallMs} ms (slowest test ${report.slowestMs} ms), ` +
      `${report.tokenExchanges} token exchanges.`,
  ].join('\n');
}

export function registerCheckCommand(cli: Cli): void {
  cli.program
    .command('check')
    .description('test every credential of every profile against every product it can serve (read-only); exit 5 if any fails')
    .option('--env <label>', 'show only profiles of this environment')
    .option('--failing', 'show only credentials that fail or are past their maximum age')
    .addOption(
      new Option('--sort <order>', 'attention: past their age, then failing, first')
        .choices(['attention', 'name', 'age'])
        .default('attention'),
    )
    .action((flags: CheckFlags) =>
      respond(
        cli,
        () => cli.context.call('fleet.check', {}),
        (report) => describeReport(report, flags),
        (report) => (reportFails(report) ? 5 : 0),
      ),
    );
}
