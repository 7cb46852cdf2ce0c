// The `sinch-keys` CLI end to end: a real subprocess, the real Secret Service of the test session, and a local
// stand-in for Sinch on 127.0.0.1 reached through the profile's base URL overrides.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainStore } from '../../core/keychain';
import { type CliHome, cleanEnv, cliHome, runCli } from '../support/cli';
import { type FakeSinch, startFakeSinch } from '../support/fake-sinch';

const PROJECT = '0f6d3c52-8a51-4f0c-9a55-6a1c2b9e7d10';
const KEY_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const SECRET = 'kS3cr3t-from-the-dashboard_42';
const APP_KEY = '669E367E-6BBA-48AB-AF15-266871C28135';
const APP_SECRET = 'BeIukql3pTKJ8RGL5zo0DA==';

let sinch: FakeSinch;
let cli: CliHome;

beforeAll(async () => {
  sinch = await startFakeSinch({ keys: [{ keyId: KEY_ID, keySecret: SECRET, projectId: PROJECT }] });
  cli = cliHome();
  const added = await cli.run(
    ['add', 'Acme', '--project-id', PROJECT, '--env', 'staging', '--kind', 'access-key', '--key-id', KEY_ID, '--label', 'ci'],
    { stdin: `${SECRET}\n` },
  );
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
  const edited = await cli.run(['edit', 'Acme', '--base-url', `numbers=${sinch.url}`, `auth=${sinch.tokenUrl}`, '--allow-host']);
  expect(edited.code, edited.stderr).toBe(0);
});

afterAll(async () => {
  await sinch.close();
  rmSync(cli.home, { recursive: true, force: true });
});

describe('sinch-keys profiles', () => {
  it('keeps the secret in the keychain and only metadata in the profiles file', async () => {
    const file = readFileSync(join(cli.home, 'config.json'), 'utf8');
    expect(file).toContain(KEY_ID);
    expect(file).not.toContain(SECRET);
    const profile = JSON.parse(file).profiles[0];
    const stored = await new KeychainStore({ service: cli.service }).get(`${profile.id}/${profile.credentials[0].id}`);
    expect(stored).toBe(SECRET);
  });

  it('lists profiles as text and as JSON, without secrets', async () => {
    const text = await cli.run(['list']);
    expect(text.stdout).toMatch(/Acme\s+staging\s+0f6d3c52/);
    const json = await cli.run(['--json', 'list']);
    expect(json.json<Array<{ name: string; credentialKinds: string[] }>>()).toEqual([
      expect.objectContaining({ name: 'Acme', credentialKinds: ['accessKey'] }),
    ]);
    expect(json.stdout + text.stdout).not.toContain(SECRET);
  });

  it('has no way to pass a secret on the command line', async () => {
    const run = await cli.run(['add', 'Other', '--kind', 'access-key', '--key-id', KEY_ID, '--secret', SECRET]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/unknown option '--secret'/);
  });

  it('rejects a malformed key ID with a clear message and saves nothing', async () => {
    const run = await cli.run(['add', 'Broken', '--kind', 'access-key', '--key-id', 'abc'], { stdin: `${SECRET}\n` });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Key ID must look like a UUID');
    expect((await cli.run(['list'])).stdout).not.toContain('Broken');
  });

  it('refuses a region the product does not have, with the valid ones, and saves nothing', async () => {
    const run = await cli.run(['edit', 'Acme', '--set-region', 'conversation=xx']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Conversation has no region "xx". Choose us, eu, br.');
    const saved = await cli.run(['--json', 'list']);
    expect(JSON.stringify(saved.json())).not.toContain('"xx"');
  });
});

describe('sinch-keys against Sinch', () => {
  it('test: exchanges the key for a token and calls Numbers, explaining the success', async () => {
    const run = await cli.run(['test', 'Acme', '--product', 'numbers']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`/v1/projects/${PROJECT}/availableRegions`);
    expect(run.stdout).toMatch(/200/);
    expect(run.stdout).not.toContain(SECRET);
    expect(sinch.tokenRequests.length).toBeGreaterThan(0);
  });

  it('test: a 403 exits 5 and says the key has no access to the project', async () => {
    sinch.script.api({ status: 403, body: { title: 'Permission Denied' } });
    const run = await cli.run(['--json', 'test', 'Acme', '--product', 'numbers']);
    expect(run.code).toBe(5);
    const value = run.json<{ test: { status: number; diagnosis: { code: string } } }>();
    expect(value.test.status).toBe(403);
    expect(value.test.diagnosis.code).toMatch(/permission|access|forbidden/i);
  });

  it('test: a product the credential cannot call is a diagnosis (exit 5) that says what is needed and what works', async () => {
    const run = await cli.run(['test', 'Acme', '--product', 'voice']);
    expect(run.code).toBe(5);
    expect(run.stdout).toContain('Voice needs an application key and secret');
    expect(run.stdout).toContain('which works for Numbers');
  });

  it('token: shows expiry and claims but never the token itself', async () => {
    const run = await cli.run(['--json', 'token', 'Acme']);
    expect(run.code, run.stderr).toBe(0);
    const state = run.json<{ status: string; secondsLeft: number; claims: object }>();
    expect(state.status).toBe('valid');
    expect(state.secondsLeft).toBeGreaterThan(3000);
    for (const token of sinch.issuedTokens) expect(run.stdout).not.toContain(token);
  });

  it('token: every run is one fresh exchange and says so; there is no --refresh that would pretend otherwise', async () => {
    const before = sinch.tokenRequests.length;
    const run = await cli.run(['token', 'Acme']);
    expect(run.code, run.stderr).toBe(0);
    expect(sinch.tokenRequests.length - before).toBe(1);
    expect(run.stdout).toContain('New token from an exchange just now');
    const refresh = await cli.run(['token', 'Acme', '--refresh']);
    expect(refresh.code).toBe(2);
    expect(refresh.stderr).toContain("unknown option '--refresh'");
    expect(sinch.tokenRequests.length - before).toBe(1);
  });

  it('show: lists the base-URL overrides and whether secrets may go to them, in text and JSON', async () => {
    const text = await cli.run(['show', 'Acme']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('base URL overrides:');
    const numbers = text.stdout.split('\n').find((line) => line.trim().startsWith('numbers'));
    expect(numbers).toContain(sinch.url);
    expect(numbers).toContain('secrets allowed (confirmed with --allow-host)');
    expect(text.stdout).toMatch(/auth\s+\S+\s+secrets allowed/);
    const json = await cli.run(['--json', 'show', 'Acme']);
    const { profile } = json.json<{ profile: { baseUrls: Record<string, { url: string; allowForeignHost: boolean }> } }>();
    expect(profile.baseUrls.numbers).toEqual({ url: expect.stringContaining(sinch.url), allowForeignHost: true });
  });

  it('uses SINCH_* environment variables when no profile is named, and says so', async () => {
    const env = { SINCH_PROJECT_ID: PROJECT, SINCH_KEY_ID: KEY_ID, SINCH_KEY_SECRET: SECRET };
    const run = await runCli(
      ['env', '--syntax', 'dotenv'],
      cleanEnv({ ...env, SINCH_KEYS_HOME: cli.home, SINCH_KEYS_KEYCHAIN_SERVICE: cli.service }),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'Using credentials from environment variables: SINCH_PROJECT_ID, SINCH_KEY_ID, SINCH_KEY_SECRET',
    );
    expect(run.stdout).toContain(`SINCH_KEY_ID=`);
    expect(run.stdout).not.toContain(SECRET);
  });

  it('says so when a named profile wins over credentials in the environment', async () => {
    const run = await cli.run(['list'], { env: { SINCH_KEY_ID: KEY_ID } });
    expect(run.code).toBe(0);
    const shown = await cli.run(['show', 'Acme'], { env: { SINCH_KEY_ID: KEY_ID, SINCH_KEY_SECRET: 'x' } });
    expect(shown.stderr).toContain('Using profile "Acme"; ignoring SINCH_KEY_ID, SINCH_KEY_SECRET');
  });
});

describe('sinch-keys snippets and files', () => {
  it('curl: references env vars by default and inlines the secret only when asked', async () => {
    const plain = await cli.run(['curl', 'Acme', '--product', 'numbers']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('$SINCH_KEY_SECRET');
    expect(plain.stdout).not.toContain(SECRET);
    const inline = await cli.run(['curl', 'Acme', '--product', 'numbers', '--include-secrets']);
    expect(inline.stdout).toContain(SECRET);
  });

  it('export: writes a 0600 .env file, merging into an existing one', async () => {
    const file = join(cli.home, 'app.env');
    writeFileSync(file, '# my app\nPORT=3000\nSINCH_KEY_ID=old\n', { mode: 0o644 });
    const run = await cli.run(['export', 'Acme', '--file', file]);
    expect(run.code, run.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# my app\nPORT=3000\n');
    expect(text).toContain(`SINCH_KEY_SECRET=`);
    expect(text).toContain(SECRET);
    expect(text).not.toContain('SINCH_KEY_ID=old');
    expect(text).toMatch(/^# Sinch Keys — Acme \(staging\)$/m);
    expect(text).not.toContain('# #');
  });

  it('exec: hands the credentials to the child through its environment', async () => {
    const run = await cli.run([
      'exec',
      'Acme',
      '--',
      process.execPath,
      '-e',
      'process.stdout.write(process.env.SINCH_KEY_SECRET === process.argv[1] ? "match" : "differ")',
      SECRET,
    ]);
    expect(run.stdout).toBe('match');
  });

  it("exec --set sinch-mcp: runs a tool with the names Sinch's MCP server reads, no config file needed", async () => {
    const run = await cli.run([
      'exec',
      'Acme',
      '--set',
      'sinch-mcp',
      '--',
      process.execPath,
      '-e',
      'const e = process.env; process.stdout.write([e.PROJECT_ID, e.KEY_ID, e.KEY_SECRET === process.argv[1], e.SINCH_KEY_ID].join(" "))',
      SECRET,
    ]);
    expect(run.stdout).toBe(`${PROJECT} ${KEY_ID} true `);
    const env = await cli.run(['env', 'Acme', '--set', 'sinch-mcp', '--syntax', 'dotenv']);
    expect(env.stdout).toContain(`KEY_ID=${KEY_ID}`);
    expect(env.stdout).not.toContain(SECRET);
  });

  it('import: reads a .env file into a new profile', async () => {
    const file = join(cli.home, 'import.env');
    writeFileSync(
      file,
      `SINCH_PROJECT_ID=${PROJECT}\nSINCH_APPLICATION_KEY=${APP_KEY}\nSINCH_APPLICATION_SECRET=${APP_SECRET}\nUNRELATED=1\n`,
    );
    const run = await cli.run(['--json', 'import', file, '--profile', 'Voice app']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<{ added: Array<{ kind: string }> }>().added).toEqual([expect.objectContaining({ kind: 'applicationKey' })]);
    expect(readFileSync(join(cli.home, 'config.json'), 'utf8')).not.toContain(APP_SECRET);
  });
});

describe('sinch-keys sign and verify-callback', () => {
  it('sign reproduces the ACE callback example of the Voice docs from SINCH_APPLICATION_KEY/SECRET', async () => {
    const body =
      '{"event":"ace","callid":"822aa4b7-05b4-4d83-87c7-1f835ee0b6f6_257","timestamp":"2014-09-24T10:59:41Z","version":1}';
    const env = cleanEnv({ SINCH_APPLICATION_KEY: APP_KEY, SINCH_APPLICATION_SECRET: APP_SECRET, SINCH_KEYS_HOME: cli.home });
    const args = [
      '--json',
      'sign',
      '--method',
      'POST',
      '--path',
      '/sinch/callback/ace',
      '--content-type',
      'application/json',
      '--body',
      body,
      '--timestamp',
      '2014-09-24T10:59:41Z',
    ];
    const run = await runCli(args, env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual({
      authorization: `Application ${APP_KEY}:Tg6fMyo8mj9pYfWQ9ssbx3Tc1BNC87IEygAfLbJqZb4=`,
      xTimestamp: '2014-09-24T10:59:41Z',
      contentMd5: 'REWF+X220L4/Gw1spXOU7g==',
      stringToSign: 'POST\nREWF+X220L4/Gw1spXOU7g==\napplication/json\nx-timestamp:2014-09-24T10:59:41Z\n/sinch/callback/ace',
    });
    const bodyFile = join(cli.home, 'body.json');
    writeFileSync(bodyFile, body);
    const fromFile = await runCli([...args.slice(0, 8), '--body-file', bodyFile, '--timestamp', '2014-09-24T10:59:41Z'], env);
    expect(fromFile.json()).toEqual(run.json());
  });

  it('verify-callback accepts the signed callback and rejects a tampered body', async () => {
    const body =
      '{"event":"ace","callid":"822aa4b7-05b4-4d83-87c7-1f835ee0b6f6_257","timestamp":"2014-09-24T10:59:41Z","version":1}';
    const headers = join(cli.home, 'headers.txt');
    writeFileSync(
      headers,
      `Authorization: application ${APP_KEY}:Tg6fMyo8mj9pYfWQ9ssbx3Tc1BNC87IEygAfLbJqZb4=\nx-timestamp: 2014-09-24T10:59:41Z\nContent-Type: application/json\n`,
    );
    const good = join(cli.home, 'good.json');
    const bad = join(cli.home, 'bad.json');
    writeFileSync(good, body);
    writeFileSync(bad, body.replace('ace', 'dice'));
    const args = [
      'verify-callback',
      'Voice app',
      '--kind',
      'application',
      '--headers-file',
      headers,
      '--path',
      '/sinch/callback/ace',
    ];
    // The docs' example was signed in 2014: checked as it is, it is a possible replay (exit 5)…
    const replayed = await cli.run([...args, '--body-file', good]);
    expect(replayed.code, replayed.stderr).toBe(5);
    expect(replayed.stdout).toMatch(
      /^INVALID: The signature is genuine, but it is \d+ days old, outside the window of ±5 minutes — possibly replayed\./,
    );
    // …and --max-age any checks the signature alone, as for an old callback kept for debugging.
    const ok = await cli.run([...args, '--body-file', good, '--max-age', 'any']);
    expect(ok.stdout, ok.stderr).toMatch(/^VALID/);
    expect(ok.code).toBe(0);
    const tampered = await cli.run([...args, '--body-file', bad, '--max-age', 'any']);
    expect(tampered.code).toBe(5);
    expect(tampered.stdout).toMatch(/^INVALID/);
    const wrong = await cli.run([...args, '--body-file', good, '--max-age', '5m']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--max-age takes a whole number of seconds or "any"/);
  });
});

describe('sinch-keys when the keychain is not usable', () => {
  it('no Secret Service: a distinct, clear error and nothing saved', async () => {
    const run = await cli.run(['add', 'NoKeychain', '--kind', 'access-key', '--key-id', KEY_ID], {
      stdin: `${SECRET}\n`,
      env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('Keychain unavailable');
    expect(run.stderr).toContain('Nothing was saved to disk instead');
    expect(readFileSync(join(cli.home, 'config.json'), 'utf8')).not.toContain('NoKeychain');
  });

  it('a keychain that never answers becomes a timeout error instead of a hang', async () => {
    // A private D-Bus session whose gnome-keyring is frozen with SIGSTOP: every call hangs until our timeout.
    const script = [
      'printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
      // Ask this private bus who owns the Secret Service name: never another test's keyring daemon.
      'dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.StartServiceByName string:org.freedesktop.secrets uint32:0 >/dev/null',
      "pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets | awk '/uint32/ {print $2}')",
      'test -n "$pid" || exit 99',
      'kill -STOP "$pid"',
      `"${process.execPath}" "$0" "$@"`,
      'status=$?',
      'kill -CONT "$pid"; kill "$pid"',
      'exit $status',
    ].join('; ');
    const started = Date.now();
    let output = '';
    try {
      execFileSync(
        'dbus-run-session',
        [
          '--',
          'sh',
          '-c',
          script,
          join(import.meta.dirname, '..', '..', 'bin', 'sinch-keys.mjs'),
          'add',
          'Frozen',
          '--kind',
          'access-key',
          '--key-id',
          KEY_ID,
        ],
        {
          env: { ...cli.env, SINCH_KEYS_KEYCHAIN_TIMEOUT_MS: '1500', XDG_DATA_HOME: join(cli.home, 'frozen') },
          input: `${SECRET}\n`,
          encoding: 'utf8',
          stdio: ['pipe', 'pipe', 'pipe'],
          timeout: 20_000,
        },
      );
    } catch (err) {
      output = String((err as { stderr?: string }).stderr);
      expect((err as { status: number }).status).toBe(3);
    }
    expect(output).toContain('Keychain did not answer');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('remove deletes the profile and its keychain entry', async () => {
    const file = JSON.parse(readFileSync(join(cli.home, 'config.json'), 'utf8'));
    const voice = file.profiles.find((p: { name: string }) => p.name === 'Voice app');
    const account = `${voice.id}/${voice.credentials[0].id}`;
    expect(await new KeychainStore({ service: cli.service }).get(account)).toBe(APP_SECRET);
    const run = await cli.run(['remove', 'Voice app']);
    expect(run.code, run.stderr).toBe(0);
    expect(await new KeychainStore({ service: cli.service }).get(account)).toBeNull();
  });
});

describe('sinch-keys exec with environment credentials', () => {
  it('runs `exec -- <cmd>` with no profile named, using the SINCH_* variables', async () => {
    const env = cleanEnv({
      SINCH_PROJECT_ID: PROJECT,
      SINCH_KEY_ID: KEY_ID,
      SINCH_KEY_SECRET: SECRET,
      SINCH_KEYS_HOME: cli.home,
    });
    const run = await runCli(['exec', '--', process.execPath, '-e', 'process.stdout.write(process.env.SINCH_KEY_ID)'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(KEY_ID);
    expect(run.stderr).toContain('environment variables');
  });
});
