// `sinch-keys exec [profile] -- <command>`: runs a command with one profile's credentials in its environment (never
// on its command line), a fresh token for an access key, and optionally with every secret masked in its output.
import { spawn } from 'node:child_process';
import { tokenKeyFor } from '../../core/engine';
import { buildExecEnv, type ExecEnv } from '../../core/exec-env';
import { createMaskingStream } from '../../core/mask-stream';
import { envVarsWithSecrets } from '../../core/snippet-service';
import { type EnvSet, EXEC_VARS } from '../../shared/env-vars';
import { AppError, ok } from '../../shared/errors';
import { announceDefaults, announceSource, type Cli, collect, credentialIdsOf, respondWithExitCode } from '../run';
import { setOption } from './requests';

interface ExecFlags {
  set: EnvSet;
  credential: string[];
  allowNested?: boolean;
  mask?: boolean;
}

/** Everything after `--` is the command; a word before it names the profile (none: SINCH_* variables). */
function splitWords(words: string[], given: readonly string[]): { name: string | undefined; command: string[] } {
  const dashes = given.indexOf('--');
  const command = dashes === -1 ? words : given.slice(dashes + 1);
  const before = dashes === -1 ? [] : words.slice(0, words.length - command.length);
  if (before.length > 1)
    throw new AppError(
      'VALIDATION',
      `Put the command after --, e.g. sinch-keys exec prod -- node app.js (got "${before.join(' ')}").`,
    );
  if (command.length === 0)
    throw new AppError('VALIDATION', 'Give the command to run after --, e.g. sinch-keys exec prod -- node app.js');
  return { name: before[0], command };
}

/** A fresh token for the access key the child gets; without one the child still runs, and the user is told why. */
async function accessToken(cli: Cli, profileId: string, credentialId: string) {
  const { profiles, tokens } = cli.context.engine();
  const { profile, credential } = profiles.credential(profileId, credentialId);
  try {
    const key = tokenKeyFor(profile, credential, () => profiles.readSecret(profileId, credentialId));
    const value = await tokens.getToken(key);
    const { expiresAt } = tokens.state(key);
    return { value, ...(expiresAt !== undefined ? { expiresAt } : {}) };
  } catch (err) {
    const why = err instanceof AppError ? err.message : 'the token exchange failed.';
    cli.io.stderr.write(`The command runs without ${EXEC_VARS.accessToken}: ${why}\n`);
    return undefined;
  }
}

async function childEnvironment(cli: Cli, name: string | undefined, opts: ExecFlags): Promise<ExecEnv> {
  const { context } = cli;
  const profileId = await context.profileId(name);
  const { profiles } = context.engine();
  const profile = profiles.get(profileId);
  const credentialIds = credentialIdsOf(profile, opts.credential);
  announceDefaults(cli, profile, credentialIds);
  const vars = await envVarsWithSecrets(profile, opts.set, credentialIds, (id) => profiles.readSecret(profileId, id));
  // Environment credentials were handed down by an outer exec (or the shell): they keep the name they came with.
  const profileName = context.source?.kind === 'environment' ? (context.env[EXEC_VARS.profile] ?? 'environment') : profile.name;
  const accessKey = profile.credentials.find((c) => c.kind === 'accessKey' && vars.some((v) => v.credentialId === c.id));
  const token = accessKey ? await accessToken(cli, profileId, accessKey.id) : undefined;
  return buildExecEnv({ inherited: context.env, profileName, vars, token, allowNested: Boolean(opts.allowNested) });
}

/** Spawns the command; with secrets to mask, its output goes through a masking stream on the way to ours. */
function runChild(cli: Cli, command: string[], env: NodeJS.ProcessEnv, maskSecrets: string[] | undefined): Promise<number> {
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, { env, stdio: maskSecrets ? ['inherit', 'pipe', 'pipe'] : 'inherit' });
  if (maskSecrets) {
    child.stdout?.pipe(createMaskingStream(maskSecrets)).pipe(cli.io.stdout, { end: false });
    child.stderr?.pipe(createMaskingStream(maskSecrets)).pipe(cli.io.stderr, { end: false });
  }
  // A command that cannot be started is exec's own error, answered like any other (and in --json's envelope).
  return new Promise<number>((resolve, reject) => {
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        new AppError(
          err.code === 'ENOENT' ? 'NOT_FOUND' : 'VALIDATION',
          `Could not start ${file}: ${err.code ?? err.message}.`,
          'Check the command name and that it is on your PATH.',
        ),
      ),
    );
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

export function registerExecCommand(cli: Cli): void {
  cli.program
    .command('exec')
    .usage('[options] [profile] -- <command...>')
    .description(
      `run a command with the profile's credentials, ${EXEC_VARS.accessToken} and ${EXEC_VARS.profile} in its environment (never on its command line)`,
    )
    .addOption(setOption())
    .option('--credential <id>', 'use this credential for its kind (repeat for several kinds)', collect, [])
    .option('--allow-nested', 'run inside an outer `sinch-keys exec` of a different profile')
    .option('--mask', "replace secret values and the token with **** in the command's output (default on a terminal)")
    .option('--no-mask', 'pass the output through unchanged')
    .argument('[words...]', 'an optional profile name, then -- and the command')
    .action((words: string[], opts: ExecFlags) =>
      respondWithExitCode(cli, async () => {
        const { name, command } = splitWords(words, cli.given());
        const { env, removed, secrets } = await childEnvironment(cli, name, opts);
        announceSource(cli);
        if (removed.length) cli.io.stderr.write(`Removed from the inherited environment: ${removed.join(', ')}\n`);
        const mask = opts.mask ?? Boolean((cli.io.stdout as { isTTY?: boolean }).isTTY);
        return ok(await runChild(cli, command, env, mask ? secrets : undefined));
      }),
    );
}
