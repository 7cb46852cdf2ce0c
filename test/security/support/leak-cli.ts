// Every `sinch-keys` command a user can run against the planted profile, with the answers Sinch can give; secrets go
// in on stdin (never argv), as a user would pipe them. Runs marked `alone` touch the fake Sinch or the keychain
// entries and run one at a time, in order; the rest may run side by side.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_KEY, KEY_ID, PROFILE_NAME, PROJECT_ID, signedCallbacks, type World } from './leak-world';

export interface CliStep {
  label: string;
  args: string[];
  stdin?: string;
  env?: NodeJS.ProcessEnv;
  before?: () => void;
  alone?: boolean;
  /** The output is meant to hold this canary (an explicit --include-secrets): checked to hold it, not scanned. */
  allowed?: string;
  /** The exit code the run must end with (0 ok, 2 bad input, 3 keychain, 4 auth/network, 5 a problem found). */
  code?: number;
}

const headerLines = (headers: Record<string, string>) =>
  Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');

/** Writes the input files (callbacks, an import) outside the scanned folders: they are the user's, not ours. */
function inputFiles(world: World) {
  const { secrets, inputs } = world;
  const body = '{"event":"ace","callid":"cli-leak-scan","version":1}';
  const signed = signedCallbacks(secrets, body);
  const files = {
    body: [body],
    tampered: [`${body} `],
    appHeaders: [headerLines(signed.application)],
    conversationHeaders: [headerLines(signed.conversation)],
    numbersHeaders: [headerLines(signed.numbers)],
    mailgun: [signed.mailgun],
    import: [JSON.stringify({ projectId: PROJECT_ID, keyId: KEY_ID, keySecret: secrets.accessKey })],
    broken: [`{"keySecret": "${secrets.accessKey}"`],
  };
  return Object.fromEntries(
    Object.entries(files).map(([name, [text]]) => {
      const path = join(inputs, `cli-${name}.txt`);
      writeFileSync(path, text ?? '');
      return [name, path];
    }),
  ) as Record<keyof typeof files, string>;
}

export function cliSteps(world: World): CliStep[] {
  const { secrets, fake, hostile, exports } = world;
  const f = inputFiles(world);
  const P = PROFILE_NAME;
  const basic = `Basic ${Buffer.from(`${KEY_ID}:${secrets.accessKey}`).toString('base64')}`;
  const token =
    (answer: Parameters<typeof fake.script.token>[0], times = 1) =>
    () =>
      fake.script.token(answer, times);
  const api = (answer: Parameters<typeof fake.script.api>[0]) => () => fake.script.api(answer);
  const brokenKeychain = { DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(world.inputs, 'no-such-bus')}` };
  const slowKeychain = { SINCH_KEYS_KEYCHAIN_TIMEOUT_MS: '1' };
  const fromEnv = {
    SINCH_PROJECT_ID: PROJECT_ID,
    SINCH_KEY_ID: KEY_ID,
    SINCH_KEY_SECRET: secrets.accessKey,
    SINCH_APPLICATION_KEY: APP_KEY,
    SINCH_APPLICATION_SECRET: secrets.application,
    MAILGUN_API_KEY: secrets.mailgun,
    MAILGUN_DOMAIN: 'mg.example.com',
  };
  const test = (product: string, extra: string[] = []) => ['test', P, '--product', product, ...extra];

  return [
    { code: 0, label: 'status', args: ['status'] },
    { label: 'status json', args: ['--json', 'status'] },
    { label: 'list', args: ['list'] },
    { label: 'list json', args: ['--json', 'list', '--search', 'leak'] },
    { label: 'show', args: ['show', P] },
    { label: 'show json', args: ['--json', 'show', P] },
    ...['numbers', 'numberLookup', 'conversation', 'voice', 'verification', 'smsServicePlan', 'mailgun'].map(
      (product): CliStep => ({ label: `test ${product}`, args: test(product), alone: true }),
    ),
    { code: 0, label: 'test json', args: ['--json', ...test('numbers')], alone: true },
    { label: 'test basic echo', args: test('conversation', ['--scheme', 'basic']), alone: true },
    { label: 'test voice basic echo', args: test('voice', ['--scheme', 'basic']), alone: true },
    {
      code: 5,
      label: 'test 401',
      args: test('numbers'),
      alone: true,
      before: api({ status: 401, body: { title: 'Unauthorized' } }),
    },
    {
      label: 'test 403',
      args: ['--json', ...test('numbers')],
      alone: true,
      before: api({ status: 403, body: { title: 'Denied' } }),
    },
    {
      label: 'test redirect elsewhere',
      args: test('numbers'),
      alone: true,
      before: api({ status: 307, headers: { location: `${hostile.url}/steal` } }),
    },
    { label: 'test 500', args: test('numbers'), alone: true, before: api({ status: 500, body: 'upstream' }) },
    ...['/status/401', '/status/403', '/redirect-out'].flatMap((path): CliStep[] => [
      { label: `test conversation ${path} echo`, args: test('conversation', ['--path', path]), alone: true },
      { label: `test mailgun ${path} echo`, args: ['--json', ...test('mailgun', ['--path', path])] },
      { label: `test voice ${path} echo`, args: test('voice', ['--path', path]) },
    ]),
    { label: 'function open', args: ['test', P, '--function-url', `${hostile.url}/fn-open`, '--allow-host'], alone: true },
    { label: 'function protected', args: ['test', P, '--function-url', `${hostile.url}/fn-protected`, '--allow-host'] },
    { code: 0, label: 'token', args: ['token', P], alone: true },
    { label: 'token json', args: ['--json', 'token', P], alone: true },
    {
      code: 4,
      label: 'token 401',
      args: ['token', P],
      alone: true,
      before: token({ status: 401, body: { error: 'invalid_client', error_description: basic }, headers: { 'x-echo': basic } }),
    },
    {
      code: 4,
      label: 'token 429',
      args: ['token', P],
      alone: true,
      before: token({ status: 429, headers: { 'retry-after': '0' } }, 4),
    },
    { code: 4, label: 'token 503', args: ['--json', 'token', P], alone: true, before: token({ status: 503, body: basic }, 4) },
    {
      code: 4,
      label: 'token garbage',
      args: ['token', P],
      alone: true,
      before: token({ status: 200, body: `{"access_token":${basic}` }),
    },
    // A token endpoint that never answers: the CLI gives up after the token service's 10 s. These two run side by side
    // (nothing else in that phase calls the token endpoint, so each takes one of the two silences).
    { code: 4, label: 'token timeout', args: ['token', P], before: token({ hang: true }) },
    { code: 5, label: 'test timeout', args: test('numbers'), before: token({ hang: true }) },
    ...['numbers', 'numberLookup', 'voice', 'smsServicePlan', 'mailgun'].map(
      (product): CliStep => ({ label: `curl ${product}`, args: ['curl', P, '--product', product] }),
    ),
    { label: 'curl json', args: ['--json', 'curl', P, '--product', 'numbers', '--scheme', 'basic'] },
    ...['numbers', 'voice'].map(
      (product): CliStep => ({ label: `curl ${product} masked`, args: ['curl', P, '--product', product, '--masked'] }),
    ),
    ...['dotenv', 'posix', 'fish', 'powershell', 'cmd'].map(
      (syntax): CliStep => ({ label: `env ${syntax}`, args: ['env', P, '--syntax', syntax] }),
    ),
    { label: 'env functions', args: ['env', P, '--set', 'functions'] },
    ...['node', 'python', 'java', 'dotnet'].map(
      (language): CliStep => ({ label: `sdk ${language}`, args: ['sdk', P, '--language', language] }),
    ),
    { label: 'curl with secrets', args: ['curl', P, '--product', 'numbers', '--include-secrets'], allowed: 'access key secret' },
    { label: 'env with secrets', args: ['env', P, '--include-secrets'], allowed: 'Mailgun API key' },
    { code: 0, label: 'export', args: ['export', P, '--file', join(exports, 'cli.env')], alone: true },
    { label: 'import dry run', args: ['import', f.import, '--dry-run'] },
    { label: 'import', args: ['--json', 'import', f.import, '--profile', 'Imported via CLI'], alone: true },
    { label: 'import broken', args: ['import', f.broken, '--dry-run'] },
    {
      label: 'sign',
      args: [
        'sign',
        P,
        '--method',
        'POST',
        '--path',
        '/calling/v1/callouts',
        '--content-type',
        'application/json',
        '--body',
        '{}',
      ],
    },
    ...[
      ['valid', f.body],
      ['invalid', f.tampered],
    ].flatMap(([word, body]): CliStep[] => [
      {
        label: `verify application ${word}`,
        args: [
          'verify-callback',
          P,
          '--kind',
          'application',
          '--headers-file',
          f.appHeaders,
          '--body-file',
          body as string,
          '--path',
          '/callback',
          '--max-age',
          '3600',
        ],
      },
      {
        label: `verify conversation ${word}`,
        args: [
          'verify-callback',
          '--kind',
          'conversation',
          '--headers-file',
          f.conversationHeaders,
          '--body-file',
          body as string,
          '--max-age',
          '3600',
        ],
        stdin: `${secrets.conversationWebhook}\n`,
      },
      {
        label: `verify numbers ${word}`,
        args: [
          '--json',
          'verify-callback',
          '--kind',
          'numbers',
          '--headers-file',
          f.numbersHeaders,
          '--body-file',
          body as string,
        ],
        stdin: `${secrets.numbersWebhook}\n`,
      },
    ]),
    {
      label: 'verify mailgun',
      args: ['verify-callback', '--kind', 'mailgun', '--body-file', f.mailgun, '--max-age', '3600'],
      stdin: `${secrets.mailgunSigningKey}\n`,
    },
    {
      code: 5,
      label: 'verify mailgun with the API key instead',
      args: ['verify-callback', '--kind', 'mailgun', '--body-file', f.mailgun],
      stdin: `${secrets.mailgun}\n`,
    },
    {
      label: 'rotate',
      args: ['edit', P, '--credential', KEY_ID, '--rotate'],
      stdin: `${secrets.rotatedAccessKey}\n`,
      alone: true,
    },
    { code: 4, label: 'token with rotated secret', args: ['token', P], alone: true },
    { label: 'rotate back', args: ['edit', P, '--credential', KEY_ID, '--rotate'], stdin: `${secrets.accessKey}\n`, alone: true },
    {
      code: 2,
      label: 'add with a bad key ID',
      args: ['add', P, '--kind', 'access-key', '--key-id', 'not-a-uuid'],
      stdin: `${secrets.accessKey}\n`,
      alone: true,
    },
    {
      label: 'add a non-base64 application secret',
      args: ['add', P, '--kind', 'application-key', '--app-key', APP_KEY],
      stdin: `${secrets.accessKey}\n`,
      alone: true,
    },
    {
      label: 'add with a space in the secret',
      args: ['--json', 'add', 'Another', '--kind', 'access-key', '--key-id', KEY_ID],
      stdin: `${secrets.accessKey} x\n`,
      alone: true,
    },
    { code: 2, label: 'unknown profile', args: ['show', 'No such profile'] },
    { label: 'voice with an access key', args: ['test', P, '--product', 'voice', '--credential', KEY_ID] },
    { label: 'sign with an access key', args: ['sign', P, '--credential', KEY_ID, '--method', 'GET', '--path', '/x'] },
    {
      label: 'exec',
      args: [
        'exec',
        P,
        '--',
        process.execPath,
        '-e',
        'console.log(Object.keys(process.env).filter((k) => /^SINCH_|^MAILGUN_/.test(k)).sort().join())',
      ],
    },
    ...['env', 'curl', 'sdk'].map(
      (command): CliStep => ({ label: `${command} from environment variables`, args: [command], env: fromEnv }),
    ),
    { label: 'env json from environment variables', args: ['--json', 'env', '--syntax', 'fish'], env: fromEnv },

    // A keychain that cannot be reached, and one that does not answer in time.
    ...(
      [
        ['unreachable', brokenKeychain],
        ['too slow', slowKeychain],
      ] as const
    ).flatMap(([what, env]): CliStep[] => [
      { label: `${what} keychain: status`, args: ['status'], env, code: 0 },
      { label: `${what} keychain: test`, args: test('numbers'), env, alone: true, code: 3 },
      { label: `${what} keychain: token`, args: ['--json', 'token', P], env, alone: true, code: 3 },
      { label: `${what} keychain: curl with secrets`, args: ['curl', P, '--product', 'numbers', '--include-secrets'], env },
      {
        label: `${what} keychain: export`,
        args: ['export', P, '--file', join(exports, `failed-${what.replace(' ', '-')}.env`)],
        env,
      },
      {
        label: `${what} keychain: add`,
        args: ['add', `Keychain ${what}`, '--kind', 'access-key', '--key-id', KEY_ID],
        stdin: `${secrets.rotatedAccessKey}\n`,
        env,
        alone: true,
      },
      {
        label: `${what} keychain: rotate`,
        args: ['edit', P, '--credential', KEY_ID, '--rotate'],
        stdin: `${secrets.rotatedAccessKey}\n`,
        env,
        alone: true,
      },
    ]),
  ];
}
