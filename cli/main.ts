// `sinch-keys`: the engine behind the desktop app, on the command line. Every command goes through the same
// contract as the UI (dispatch validates it), prints text or --json, and never takes a secret from argv.
import { Command, Option } from 'commander';
import { PRODUCT_IDS } from '../shared/catalog';
import { attempt } from '../shared/errors';
import { registerCredentialCommands } from './commands/credentials';
import { registerRequestCommands } from './commands/requests';
import { registerSigningCommands } from './commands/signing';
import { registerSnippetCommands } from './commands/snippets';
import { createContext } from './context';
import { formatError, processIo } from './io';

export const productOption = () => new Option('--product <id>', 'Sinch product').choices([...PRODUCT_IDS]);

const program = new Command('sinch-keys')
  .description(
    'Sinch credentials from your OS keychain: profiles, OAuth2 tokens, signed requests, test calls, snippets and .env files.',
  )
  .option('--json', 'print the result as JSON (the value, or { "error": { code, message, hint } } with a non-zero exit code)')
  .showHelpAfterError()
  .configureOutput({ writeErr: (s) => processIo.stderr.write(s), writeOut: (s) => processIo.stdout.write(s) });

const context = createContext();
const cli = { program, context, io: processIo, json: () => Boolean(program.opts().json) };
export type Cli = typeof cli;

registerCredentialCommands(cli);
registerRequestCommands(cli);
registerSnippetCommands(cli);
registerSigningCommands(cli);

const outcome = await attempt(() => program.parseAsync(process.argv));
if (!outcome.ok) {
  processIo.stderr.write(formatError(outcome.error));
  process.exitCode = 1;
}
