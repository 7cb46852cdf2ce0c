// The CLI's contract, for every command: bad input ends with exit 2 (README: 0 ok, 1 a fault inside Sinch Keys,
// 2 bad input, 3 keychain or settings file, 4 auth/network, 5 a problem found), and with --json the answer on
// stdout is the error envelope and nothing else — argument errors and exec's own errors included.
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../cli/context';
import { displayWidth } from '../../cli/io';
import { buildProgram } from '../../cli/program';
import { ERROR_CODES, EXIT, exitCodeFor } from '../../shared/errors';
import { isolatedEnv, runInProcess } from '../support/cli-in-process';

const PROJECT = '11111111-2222-4333-8444-555555555555';
const KEY_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const envCredentials = () => isolatedEnv({ SINCH_PROJECT_ID: PROJECT, SINCH_KEY_ID: KEY_ID, SINCH_KEY_SECRET: 'unit-secret' });

/** Every command path the program knows, subcommands included (e.g. "agent enable"). */
function commandPaths(): string[][] {
  const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, setExitCode: () => {} };
  const walk = (command: Command, before: string[]): string[][] =>
    command.commands.flatMap((c) => [[...before, c.name()], ...walk(c, [...before, c.name()])]);
  return walk(buildProgram(createContext(isolatedEnv()), io), []);
}

/** Runs with --json and checks the outcome: exit 2 and one error envelope on stdout, of a bad-input code. */
async function expectBadInput(words: string[], env = isolatedEnv(), stdin = '') {
  const run = await runInProcess(['--json', ...words], { env, stdin });
  const label = `sinch-keys ${words.join(' ')}: ${run.stderr} ${run.stdout}`;
  expect(run.code, label).toBe(EXIT.badInput);
  const envelope = JSON.parse(run.stdout);
  expect(Object.keys(envelope), label).toEqual(['error']);
  expect(exitCodeFor(envelope.error.code), label).toBe(EXIT.badInput);
  expect(envelope.error.message, label).toEqual(expect.any(String));
  return envelope.error as { code: string; message: string; hint?: string };
}

describe('the CLI contract', () => {
  it('every error code has a documented exit code', () => {
    const documented = new Set(Object.values(EXIT));
    for (const code of ERROR_CODES) expect(documented.has(exitCodeFor(code) as never), code).toBe(true);
    expect(exitCodeFor('WRONG_CREDENTIAL_KIND')).toBe(EXIT.badInput);
    expect(exitCodeFor('EXPORT_FAILED')).toBe(EXIT.badInput);
    expect(exitCodeFor('SETTINGS_CORRUPT')).toBe(EXIT.storage);
  });

  it('every command answers an unknown option with exit 2 and the JSON envelope', async () => {
    const paths = commandPaths();
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      const error = await expectBadInput([...path, '--no-such-option']);
      // Commander names the unknown option, or first a required option the words lack.
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toMatch(/--no-such-option|required option/);
    }
  });

  it('every command given bad values or an unknown profile exits 2 with the JSON envelope', async () => {
    const cases: string[][] = [
      ['show', 'nobody'],
      ['edit', 'nobody', '--name', 'x'],
      ['remove', 'nobody'],
      ['import', '/nonexistent/sinch-keys/credentials.json'],
      ['test', 'nobody'],
      ['token', 'nobody'],
      ['exec', 'nobody', '--', 'node', '-e', '0'],
      ['exec', '--', 'node'],
      ['rotate', 'nobody'],
      ['max-key-age', 'soon'],
      ['curl', 'nobody'],
      ['env', 'nobody'],
      ['env', '--syntax', 'klingon'],
      ['sdk', 'nobody'],
      ['export', 'nobody', '--file', '.env'],
      ['sign', 'nobody', '--method', 'POST', '--path', '/x'],
      ['verify-callback', 'nobody'],
      ['agent', 'enable', 'nobody'],
      ['agent', 'disable', 'nobody'],
      ['list', 'extra-argument'],
    ];
    for (const words of cases) await expectBadInput(words);
    await expectBadInput(['add', 'x', '--kind', 'access-key', '--key-id', 'abc'], isolatedEnv(), 'secret\n');
  });

  it("exec's own errors and export failures are envelopes with their exit code too", async () => {
    const notStarted = await expectBadInput(['exec', '--', 'no-such-command-sinch-keys'], envCredentials());
    expect(notStarted.message).toContain('Could not start no-such-command-sinch-keys');
    const unwritable = await expectBadInput(['export', '--file', '/nonexistent/dir/.env'], envCredentials());
    expect(unwritable.code).toBe('EXPORT_FAILED');
  });

  it('import of a file that is not there, or of a folder, is bad input that names the path and why', async () => {
    const env = isolatedEnv();
    const missing = join(env.SINCH_KEYS_HOME as string, 'credentials.env');
    const absent = await expectBadInput(['import', missing], env);
    expect(absent).toMatchObject({ code: 'VALIDATION', message: `Cannot read ${missing}: there is no such file.` });
    const folder = await expectBadInput(['import', env.SINCH_KEYS_HOME as string], env);
    expect(folder.message).toBe(`Cannot read ${env.SINCH_KEYS_HOME}: it is a folder, not a file.`);
    const plain = await runInProcess(['import', missing], { env });
    expect(plain).toMatchObject({ code: EXIT.badInput, stdout: '' });
    expect(plain.stderr).toContain(`Cannot read ${missing}: there is no such file.`);
    expect((await runInProcess(['--json', 'list'], { env })).stdout.trim()).toBe('[]');
  });
});

describe('names and tables', () => {
  it('profile names compare after NFC and case folding: one name however it was typed', async () => {
    const env = isolatedEnv();
    expect((await runInProcess(['add', 'Café Straße'], { env })).code).toBe(EXIT.ok);
    // The same name with a combining accent (NFD) and in capitals is the same profile, not a second one.
    expect((await runInProcess(['add', 'CAFE\u0301 STRASSE'], { env })).code).toBe(EXIT.ok);
    expect(JSON.parse((await runInProcess(['--json', 'list'], { env })).stdout)).toHaveLength(1);
    const renamed = await runInProcess(['--json', 'add', 'Other'], { env });
    expect(renamed.code).toBe(EXIT.ok);
    const clash = await runInProcess(['--json', 'edit', 'other', '--name', 'cafe\u0301 strasse'], { env });
    expect(JSON.parse(clash.stdout).error?.code).toBe('CONFLICT');
    const shown = await runInProcess(['--json', 'show', 'cafe\u0301 strasse'], { env });
    expect(shown.code, shown.stderr).toBe(EXIT.ok);
    expect(JSON.parse(shown.stdout).profile.name).toBe('Café Straße');
  });

  it('wide characters (CJK, emoji) keep the list columns aligned', async () => {
    const env = isolatedEnv();
    for (const name of ['东京生产', '🚀 launch', 'plain']) expect((await runInProcess(['add', name], { env })).code).toBe(0);
    const lines = (await runInProcess(['list'], { env })).stdout.trimEnd().split('\n');
    // Every row's ENV column starts at the same terminal column as the header's.
    const column = (line: string, word: string) => displayWidth(line.slice(0, line.indexOf(word)));
    const envColumn = column(lines[0] as string, 'ENV');
    for (const line of lines.slice(1)) expect(column(line, 'prod'), line).toBe(envColumn);
    expect(displayWidth('东京')).toBe(4);
    expect(displayWidth('🚀')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
  });
});

describe('snippets with secrets', () => {
  it('env --include-secrets warns on stderr as the UI does, and keeps stdout to the assignments', async () => {
    const env = envCredentials();
    const shown = await runInProcess(['env', '--include-secrets', '--syntax', 'dotenv'], { env });
    expect(shown.code, shown.stderr).toBe(EXIT.ok);
    expect(shown.stdout).toContain('SINCH_KEY_SECRET=unit-secret');
    expect(shown.stdout).not.toContain('Warning');
    expect(shown.stderr).toContain('Warning: The snippet shows secrets in plain text.');
    expect((await runInProcess(['env', '--syntax', 'dotenv'], { env })).stderr).not.toContain('Warning');
  });
});

describe('hints that name CLI flags', () => {
  it('a Function host never confirmed is refused with the flag that confirms it, in text and in --json', async () => {
    const env = envCredentials();
    const words = ['test', '--function-url', 'https://fn.example.com/hello'];
    const text = await runInProcess(words, { env });
    expect(text.code, text.stderr).toBe(EXIT.authOrNetwork);
    expect(text.stderr).toContain('run the check again with --allow-host');
    expect(text.stderr).not.toMatch(/tick|“/);
    const json = await runInProcess(['--json', ...words], { env });
    expect(JSON.parse(json.stdout).error).toMatchObject({
      code: 'HOST_NOT_ALLOWED',
      hint: expect.stringContaining('--allow-host'),
      text: { id: 'functionHostUnconfirmed', params: { host: 'fn.example.com' } },
    });
  });
});
