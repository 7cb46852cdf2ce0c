// The one way a CLI command answers: resolve where credentials come from, run, print text or JSON, set the exit code.
import type { Command } from 'commander';
import { CREDENTIAL_KINDS, type CredentialKind } from '../shared/catalog';
import { defaultOrder, defaultReasonOf } from '../shared/env-vars';
import { AppError, type Result, toErrorData } from '../shared/errors';
import { type CredentialMeta, publicIdOf } from '../shared/profile';
import type { Context } from './context';
import { type Io, printResult } from './io';

/** What every command file's register function gets: the program to add to, the engine, the terminal. */
export interface Cli {
  program: Command;
  context: Context;
  io: Io;
  /** Whether --json was given (read when a command runs, after parsing). */
  json(): boolean;
  /** The words the program was parsed from, `--` included. */
  given(): readonly string[];
}

/** Says where credentials came from, on stderr so that stdout stays clean for pipes and --json. */
export function announceSource(cli: Cli): void {
  const { source, ignoredEnv } = cli.context;
  if (!source) return;
  if (source.kind === 'environment')
    cli.io.stderr.write(`Using credentials from environment variables: ${source.variables.join(', ')}\n`);
  else if (ignoredEnv.length)
    cli.io.stderr.write(`Using profile "${source.profileName}"; ignoring ${ignoredEnv.join(', ')} set in the environment.\n`);
}

/**
 * On stderr, for each kind of which the profile holds several and --credential named none: the one used and why, so
 * that a default never surprises (stdout stays clean for pipes and --json).
 */
export function announceDefaults(
  cli: Cli,
  profile: { credentials: CredentialMeta[] },
  named: readonly string[],
  kinds: readonly CredentialKind[] = CREDENTIAL_KINDS,
): void {
  for (const kind of kinds) {
    const candidates = profile.credentials.filter((c) => c.kind === kind);
    const chosen = defaultOrder(candidates)[0];
    if (!chosen || candidates.length < 2 || candidates.some((c) => named.includes(c.id))) continue;
    const why =
      defaultReasonOf(chosen, candidates) === 'newestWorking'
        ? `the newest of ${candidates.length} whose last test worked (${chosen.lastTest?.productId}, ${chosen.lastTest?.at})`
        : `the newest of ${candidates.length}; none has a passing test on record (\`sinch-keys test\` records one)`;
    const label = chosen.label ? ` "${chosen.label}"` : '';
    cli.io.stderr.write(`Using ${kind} credential ${publicIdOf(chosen)}${label}: ${why}. Choose another with --credential.\n`);
  }
}

/** Runs a command body; a thrown AppError becomes the same error envelope as a failed operation. */
export async function respond<T>(
  cli: Cli,
  body: () => Promise<Result<T>>,
  human: (value: T) => string,
  /** Sets a more specific exit code from a successful result (e.g. 5 when a test found a problem). */
  exitCodeOf?: (value: T) => number,
): Promise<void> {
  const result = await settle(cli, body);
  announceSource(cli);
  const code = printResult(cli.io, cli.json(), result, human);
  cli.io.setExitCode(result.ok && exitCodeOf && code === 0 ? exitCodeOf(result.value) : code);
}

/**
 * For a command whose success output belongs to someone else (`exec` hands the terminal to a child): a failure is
 * printed in the same envelope as any other command's; a success only sets the exit code it resolved to.
 */
export async function respondWithExitCode(cli: Cli, body: () => Promise<Result<number>>): Promise<void> {
  const result = await settle(cli, body);
  if (result.ok) return cli.io.setExitCode(result.value);
  announceSource(cli);
  cli.io.setExitCode(printResult(cli.io, cli.json(), result, () => ''));
}

/** The command's result; a throw becomes its error value, and an unexpected one is reported first. */
async function settle<T>(cli: Cli, body: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await body();
  } catch (err) {
    cli.context.errorLog.report(`sinch-keys ${cli.given().join(' ')}`, err);
    return { ok: false, error: toErrorData(err) };
  }
}

/** Finds a credential of a profile by id, public id (key ID, app key, plan ID, domain) or label; else the default fitting (the newest working one). */
export function pickCredential<
  C extends { id: string; kind: string; label: string; createdAt: string; lastTest?: { verdict: string } | undefined },
>(credentials: C[], wanted: string | undefined, publicId: (c: C) => string, fits: (c: C) => boolean = () => true): C | undefined {
  if (wanted === undefined) return defaultOrder(credentials).find(fits);
  const w = wanted.toLowerCase();
  return credentials.find(
    (c) => c.id === wanted || publicId(c).toLowerCase() === w || (c.label !== '' && c.label.toLowerCase() === w),
  );
}

/** The ids of the credentials named by --credential (id, public ID or label); unknown names are an error. */
export function credentialIdsOf(
  profile: { name: string; credentials: Array<CredentialMeta> },
  wanted: readonly string[],
): string[] {
  return wanted.map((w) => {
    const c = pickCredential(profile.credentials, w, publicIdOf);
    if (!c) throw new AppError('NOT_FOUND', `Profile "${profile.name}" has no credential "${w.slice(0, 80)}".`);
    return c.id;
  });
}

/** Commander's way to take an option several times. */
export const collect = (value: string, all: string[]): string[] => [...all, value];
