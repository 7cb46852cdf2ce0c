// Commands that write things for other tools: curl, env, sdk, export.
import { resolve } from 'node:path';
import { Option } from 'commander';
import type { EnvSet } from '../../shared/env-vars';
import { AppError, ok } from '../../shared/errors';
import { ENV_SYNTAXES, type EnvSyntax } from '../../shared/snippets/env-syntax';
import { SDK_LANGUAGES, type SdkLanguage } from '../../shared/snippets/sdk';
import { announceDefaults, type Cli, collect, credentialIdsOf, respond } from '../run';
import { type RequestFlags, requestInput, requestOptions, setOption, target } from './requests';

const credentialsOption = () =>
  new Option(
    '--credential <id>',
    'use this credential for its kind (repeat for several kinds; default: the newest whose last test worked)',
  )
    .argParser(collect)
    .default([]);

/** The profile and, when --credential was given, the credentials to use instead of the default of each kind. */
async function chosen(cli: Cli, name: string | undefined, wanted: string[]) {
  const profileId = await cli.context.profileId(name);
  const profile = await cli.context.call('profiles.get', { profileId });
  if (!profile.ok) throw AppError.of(profile.error);
  const credentialIds = credentialIdsOf(profile.value, wanted);
  announceDefaults(cli, profile.value, credentialIds);
  return { profileId, credentialIds };
}

export function registerSnippetCommands(cli: Cli): void {
  const { program, context } = cli;

  requestOptions(
    program
      .command('curl [profile]')
      .description('print a curl command for the test request; secrets stay in env vars unless --include-secrets')
      .option('--masked', 'show the secret as **** (for tickets and screenshots; the command will not run)')
      .option('--include-secrets', 'write the secret values into the snippet (it is then as sensitive as the secret)'),
  ).action((name: string | undefined, opts: RequestFlags & { includeSecrets?: boolean; masked?: boolean }) =>
    respond(
      cli,
      async () => {
        if (opts.masked && opts.includeSecrets)
          throw new AppError('VALIDATION', 'Choose --masked or --include-secrets, not both.');
        const t = await target(cli, name, opts);
        const mode = opts.masked ? 'masked' : opts.includeSecrets ? 'inline' : 'env';
        const r = await context.call('snippets.curl', { ...requestInput(t, opts), mode });
        // The warning also goes to stderr, where it is seen even when stdout is piped into a file or a ticket.
        if (r.ok && r.value.containsSecrets) for (const w of r.value.warnings) cli.io.stderr.write(`Warning: ${w.message}\n`);
        return r;
      },
      // A masked snippet already starts with its warning, so that it travels with the copied text.
      (s) => [...s.warnings.filter((w) => !s.text.includes(w.message)).map((w) => `# ${w.message}`), s.text].join('\n'),
    ),
  );

  program
    .command('env [profile]')
    .description('print the profile as environment assignments; secrets as placeholders unless --include-secrets')
    .addOption(new Option('--syntax <syntax>', 'output syntax').choices(ENV_SYNTAXES).default('posix'))
    .addOption(setOption())
    .option('--include-secrets', 'write the secret values')
    .addOption(credentialsOption())
    .action(
      (name: string | undefined, opts: { syntax: EnvSyntax; set: EnvSet; includeSecrets?: boolean; credential: string[] }) =>
        respond(
          cli,
          async () =>
            context.call('snippets.env', {
              ...(await chosen(cli, name, opts.credential)),
              syntax: opts.syntax,
              set: opts.set,
              includeSecrets: Boolean(opts.includeSecrets),
            }),
          (s) => {
            // On stderr, so that `eval "$(sinch-keys env …)"` still gets only assignments.
            for (const warning of s.warnings) cli.io.stderr.write(`Warning: ${warning.message}\n`);
            return s.text;
          },
        ),
    );

  program
    .command('sdk [profile]')
    .description('print SDK client set-up code that reads the credentials from env vars')
    .addOption(new Option('--language <language>', 'SDK language').choices(SDK_LANGUAGES).default('node'))
    .action((name: string | undefined, opts: { language: SdkLanguage }) =>
      respond(
        cli,
        async () => context.call('snippets.sdk', { profileId: await context.profileId(name), language: opts.language }),
        (s) => s.text,
      ),
    );

  program
    .command('export [profile]')
    .description('write (or merge into) a .env file with mode 0600, atomically; warns when git would track it')
    .requiredOption('--file <path>', 'the .env file')
    .addOption(setOption())
    .addOption(credentialsOption())
    .option('--through-link <target>', 'when --file is a symbolic link: write through it, to this exact target only')
    .action((name: string | undefined, opts: { file: string; set: EnvSet; credential: string[]; throughLink?: string }) =>
      respond(
        cli,
        async () => {
          const r = await context.call('env.export', {
            ...(await chosen(cli, name, opts.credential)),
            path: resolve(opts.file),
            set: opts.set,
            ...(opts.throughLink ? { confirmedLinkTarget: resolve(opts.throughLink) } : {}),
          });
          return r.ok ? ok(r.value) : r;
        },
        (v) =>
          [
            `Wrote ${v.path} (mode 0600): ${v.added.length} added, ${v.replaced.length} replaced.`,
            ...v.warnings.map((w) => `Warning: ${w.message}`),
          ].join('\n'),
      ),
    );
}
