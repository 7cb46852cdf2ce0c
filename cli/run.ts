// The one way a CLI command answers: resolve where credentials come from, run, print text or JSON, set the exit code.
import { attempt, type Result } from '../shared/errors';
import { printResult } from './io';
import type { Cli } from './main';

/** Says where credentials came from, on stderr so that stdout stays clean for pipes and --json. */
export function announceSource(cli: Cli): void {
  const { source, ignoredEnv } = cli.context;
  if (!source) return;
  if (source.kind === 'environment')
    cli.io.stderr.write(`Using credentials from environment variables: ${source.variables.join(', ')}\n`);
  else if (ignoredEnv.length)
    cli.io.stderr.write(`Using profile "${source.profileName}"; ignoring ${ignoredEnv.join(', ')} set in the environment.\n`);
}

/** Runs a command body; a thrown AppError becomes the same error envelope as a failed operation. */
export async function respond<T>(
  cli: Cli,
  body: () => Promise<Result<T>>,
  human: (value: T) => string,
  /** Sets a more specific exit code from a successful result (e.g. 5 when a test found a problem). */
  exitCodeOf?: (value: T) => number,
): Promise<void> {
  const outcome = await attempt(body);
  const result: Result<T> = outcome.ok ? outcome.value : outcome;
  announceSource(cli);
  process.exitCode = printResult(cli.io, cli.json(), result, human);
  if (result.ok && exitCodeOf && process.exitCode === 0) process.exitCode = exitCodeOf(result.value);
}

/** Finds a credential of a profile by id, public id (key ID, app key, plan ID, domain) or label; else the first fitting. */
export function pickCredential<C extends { id: string; kind: string; label: string }>(
  credentials: C[],
  wanted: string | undefined,
  publicId: (c: C) => string,
  fits: (c: C) => boolean = () => true,
): C | undefined {
  if (wanted === undefined) return credentials.find(fits);
  const w = wanted.toLowerCase();
  return credentials.find(
    (c) => c.id === wanted || publicId(c).toLowerCase() === w || (c.label !== '' && c.label.toLowerCase() === w),
  );
}
