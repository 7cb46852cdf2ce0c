// Application signing and callback verification: `sign` and `verify-callback`.
import { Option } from 'commander';
import { CALLBACK_KINDS, type CallbackKind } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { askSecret, readFileArg } from '../io';
import { type Cli, respond } from '../run';
import { target } from './requests';

export function registerSigningCommands(cli: Cli): void {
  const { program, context } = cli;

  program
    .command('sign [profile]')
    .description('sign a Voice/Verification request (key and secret from the profile, or SINCH_APPLICATION_KEY/SECRET)')
    .option('--credential <id>', 'application key: id, key or label')
    .requiredOption('--method <method>', 'HTTP method')
    .requiredOption('--path <path>', 'request path, e.g. /calling/v1/callouts')
    .option('--content-type <type>', 'Content-Type header value as sent', '')
    .option('--body <text>', 'request body')
    .option('--body-file <path>', 'read the request body from a file (byte for byte)')
    .option('--timestamp <iso>', 'x-timestamp to sign (default: now)')
    .action(
      (
        name: string | undefined,
        opts: {
          credential?: string;
          method: string;
          path: string;
          contentType: string;
          body?: string;
          bodyFile?: string;
          timestamp?: string;
        },
      ) =>
        respond(
          cli,
          async () => {
            if (opts.body !== undefined && opts.bodyFile !== undefined)
              throw new AppError('VALIDATION', 'Give --body or --body-file, not both.');
            const t = await target(cli, name, { credential: opts.credential, product: 'voice' });
            return context.call('signing.sign', {
              profileId: t.profileId,
              credentialId: t.credential.id,
              method: opts.method.toUpperCase(),
              path: opts.path,
              contentType: opts.contentType,
              body: opts.bodyFile !== undefined ? readFileArg(opts.bodyFile) : (opts.body ?? ''),
              ...(opts.timestamp ? { timestamp: opts.timestamp } : {}),
            });
          },
          (s) =>
            [
              `x-timestamp: ${s.xTimestamp}`,
              ...(s.contentMd5 ? [`Content-MD5 (signed): ${s.contentMd5}`] : []),
              `Authorization: ${s.authorization}`,
              '',
              'String to sign:',
              s.stringToSign,
            ].join('\n'),
        ),
    );

  program
    .command('verify-callback [profile]')
    .description(
      'check the signature of a callback Sinch or Mailgun sent you (webhook secrets are asked for, never taken from argv)',
    )
    .addOption(new Option('--kind <kind>', 'signing scheme').choices(CALLBACK_KINDS).makeOptionMandatory())
    .option('--credential <id>', 'application key for --kind application')
    .option('--headers-file <path>', 'the request headers as "Name: value" lines')
    .requiredOption('--body-file <path>', 'the raw request body')
    .option('--method <method>', 'request method (application)', 'POST')
    .option('--path <path>', 'path of your callback URL (application)', '/')
    .option('--secret-env <name>', 'read the webhook secret / signing key from this environment variable')
    .option(
      '--max-age <seconds>',
      'how far the signed timestamp may be from now, either way, before the callback counts as a possible replay (default 300; "any" to check no age)',
    )
    .action(
      (
        name: string | undefined,
        opts: {
          kind: CallbackKind;
          credential?: string;
          headersFile?: string;
          bodyFile: string;
          method: string;
          path: string;
          secretEnv?: string;
          maxAge?: string;
        },
      ) =>
        respond(
          cli,
          async () => {
            const maxAgeSeconds = parseMaxAge(opts.maxAge);
            const body = readFileArg(opts.bodyFile);
            const headers = opts.headersFile ? readFileArg(opts.headersFile) : '';
            if (opts.kind === 'application') {
              const t = await target(cli, name, { credential: opts.credential, product: 'voice' });
              return context.call('callbacks.verify', {
                kind: 'application',
                profileId: t.profileId,
                credentialId: t.credential.id,
                method: opts.method.toUpperCase(),
                path: opts.path,
                headers,
                body,
                maxAgeSeconds,
              });
            }
            const secret = opts.secretEnv
              ? context.env[opts.secretEnv]
              : await askSecret(cli.io, opts.kind === 'mailgun' ? 'Mailgun webhook signing key' : 'Webhook secret');
            if (!secret) throw new AppError('VALIDATION', `The environment variable ${opts.secretEnv} is empty or not set.`);
            return opts.kind === 'mailgun'
              ? context.call('callbacks.verify', { kind: 'mailgun', signingKey: secret, body, maxAgeSeconds })
              : context.call('callbacks.verify', { kind: opts.kind, secret, headers, body, maxAgeSeconds });
          },
          (v) => `${v.valid ? 'VALID' : 'INVALID'}: ${v.reason}${v.stringToSign ? `\n\nString to sign:\n${v.stringToSign}` : ''}`,
          (v) => (v.valid ? 0 : 5),
        ),
    );
}

/** `--max-age`: whole seconds, or "any" for no age check; absent means the engine's ±300 s default. */
function parseMaxAge(text: string | undefined): number | null | undefined {
  if (text === undefined) return undefined;
  if (text === 'any') return null;
  if (/^[1-9]\d{0,8}$/.test(text)) return Number(text);
  throw new AppError(
    'VALIDATION',
    `--max-age takes a whole number of seconds or "any", not "${text}".`,
    'For example --max-age 600 for ten minutes, or --max-age any to check an old callback kept for debugging.',
  );
}
