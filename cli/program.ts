// `sinch-keys`: the engine behind the desktop app, on the command line. Every command goes through the same
// contract as the UI (dispatch validates it), prints text or --json, and never takes a secret from argv.
// Building the program runs nothing: tests drive it in-process with a fake io, the bin stub with the real one.
import { Command, CommanderError, type ParseOptions } from 'commander';
import { readBootConfig } from '../core/bootstrap';
import { type AppErrorData, EXIT, exitCodeFor, formatError, toErrorData } from '../shared/errors';
import { registerAgentCommands } from './commands/agent';
import { registerCheckCommand } from './commands/check';
import { registerCredentialCommands } from './commands/credentials';
import { registerDoctorCommands } from './commands/doctor';
import { registerExecCommand } from './commands/exec';
import { registerRequestCommands } from './commands/requests';
import { registerRotateCommands } from './commands/rotate';
import { registerSigningCommands } from './commands/signing';
import { registerSnippetCommands } from './commands/snippets';
import type { Context } from './context';
import { withCliHint } from './hints';
import type { Io } from './io';
import type { Cli } from './run';

/** Each command file registers its own commands; a new file adds one line here. */
const REGISTRARS: ((cli: Cli) => void)[] = [
  registerCredentialCommands,
  registerRequestCommands,
  registerExecCommand,
  registerCheckCommand,
  registerRotateCommands,
  registerSnippetCommands,
  registerSigningCommands,
  registerAgentCommands,
  registerDoctorCommands,
];

/** The root command, remembering the words it was parsed from (`exec` needs to know where `--` stood). */
class Program extends Command {
  given: readonly string[] = [];

  override parseAsync(argv?: readonly string[], options?: ParseOptions): Promise<this> {
    this.given = argv ?? process.argv;
    return super.parseAsync(argv, options);
  }
}

export function buildProgram(context: Context, io: Io): Command {
  const program = new Program('sinch-keys')
    .description(
      'Sinch credentials from your OS keychain: profiles, OAuth2 tokens, signed requests, test calls, snippets and .env files.',
    )
    .option('--json', 'print the result as JSON (the value, or { "error": { code, message, hint } } with a non-zero exit code)')
    .option('--verbose', 'on an unexpected error, print its stack (secrets cut out) on stderr; also SINCH_KEYS_DEBUG=1')
    .showHelpAfterError()
    // Commander must not end the process itself (in-process callers and tests); runCli turns its exit into a code.
    .exitOverride()
    .configureOutput({ writeErr: (s) => io.stderr.write(s), writeOut: (s) => io.stdout.write(s) });
  program.hook('preAction', () => {
    if (program.opts().verbose || readBootConfig(context.env).debug) context.errorLog.sink = (text) => io.stderr.write(text);
  });
  const cli: Cli = { program, context, io, json: () => Boolean(program.opts().json), given: () => program.given };
  for (const register of REGISTRARS) register(cli);
  return program;
}

/** --json among the CLI's own words (not after `--`, where they belong to exec's command). */
const wantsJson = (words: readonly string[]) => {
  const end = words.indexOf('--');
  return (end === -1 ? words : words.slice(0, end)).includes('--json');
};

const usageError = (err: CommanderError): AppErrorData => ({
  code: 'VALIDATION',
  message: err.message.replace(/^error: /, ''),
  hint: 'Run sinch-keys <command> --help for its arguments and options.',
});

/** Parses the user's words (argv without node and the script) and runs the command; resolves to its exit code. */
export async function runCli(words: string[], context: Context, io: Io): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(context, { ...io, setExitCode: (code) => (exitCode = code) });
  try {
    await program.parseAsync(words, { from: 'user' });
    return exitCode;
  } catch (err) {
    // --help and --version end with 0; any other word commander refuses is bad input (exit 2), and with --json it is
    // answered in the same envelope as every other error. Commander has printed its own text on stderr already.
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return EXIT.ok;
      if (wantsJson(words)) io.stdout.write(`${JSON.stringify({ error: usageError(err) }, null, 2)}\n`);
      return EXIT.badInput;
    }
    context.errorLog.report(`sinch-keys ${words.join(' ')}`, err);
    const error = withCliHint(toErrorData(err));
    io.stderr.write(formatError(error));
    return exitCodeFor(error.code);
  }
}
