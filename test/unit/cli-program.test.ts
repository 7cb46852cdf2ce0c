// The CLI in-process: buildProgram with a fake terminal, the same commands and envelopes as the installed binary.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isolatedEnv, runInProcess } from '../support/cli-in-process';

const PROJECT = '11111111-2222-4333-8444-555555555555';
const KEY_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const SECRET = 'unit-test-key-secret-value';
const envCredentials = () => isolatedEnv({ SINCH_PROJECT_ID: PROJECT, SINCH_KEY_ID: KEY_ID, SINCH_KEY_SECRET: SECRET });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('importing the CLI', () => {
  it('runs nothing: no output, no exit code, no parsing of the test runner argv', async () => {
    const written = vi.spyOn(process.stdout, 'write');
    const warned = vi.spyOn(process.stderr, 'write');
    const cli = join(import.meta.dirname, '..', '..', 'cli');
    const modules = readdirSync(cli, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(modules.length).toBeGreaterThan(5);
    for (const file of modules) await import(join(cli, file));
    expect(written).not.toHaveBeenCalled();
    expect(warned).not.toHaveBeenCalled();
    expect(process.exitCode ?? 0).toBe(0);
  });
});

describe('sinch-keys in-process', () => {
  it('prints env assignments from SINCH_* variables with the secret as a placeholder', async () => {
    const run = await runInProcess(['env', '--syntax', 'dotenv'], { env: envCredentials() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`SINCH_KEY_ID=${KEY_ID}`);
    expect(run.stdout).not.toContain(SECRET);
    expect(run.stderr).toContain('Using credentials from environment variables: SINCH_PROJECT_ID, SINCH_KEY_ID');
  });

  it('answers --json with the value on success and the error envelope on failure', async () => {
    const listed = await runInProcess(['--json', 'list']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([]);
    const missing = await runInProcess(['--json', 'show', 'nobody']);
    expect(missing.code).not.toBe(0);
    expect(JSON.parse(missing.stdout).error.code).toBe('NOT_FOUND');
  });

  it('rejects a value outside an option’s choices as a usage error, exit 2 (bad input)', async () => {
    const run = await runInProcess(['env', '--syntax', 'klingon'], { env: envCredentials() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("argument 'klingon' is invalid");
    expect(run.stdout).toBe('');
  });

  it('--help prints the commands and exits 0', async () => {
    const run = await runInProcess(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('verify-callback');
  });

  it('exec: its own errors come back in the same --json envelope as any command', async () => {
    const run = await runInProcess(['--json', 'exec', '--'], { env: envCredentials() });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('after --') });
    const tooMany = await runInProcess(['--json', 'exec', 'a', 'b', '--', 'true'], { env: envCredentials() });
    expect(JSON.parse(tooMany.stdout).error.message).toContain('got "a b"');
  });

  it('exec: the child gets the credentials in its environment and its exit code becomes ours', async () => {
    const script = `process.exit(process.env.SINCH_KEY_SECRET === ${JSON.stringify(SECRET)} ? 7 : 1)`;
    const run = await runInProcess(['exec', '--', process.execPath, '-e', script], { env: envCredentials() });
    expect(run.code, run.stderr).toBe(7);
    expect(run.stdout).toBe('');
  });

  it('reads a secret from piped stdin for add, never from argv', async () => {
    const env = isolatedEnv();
    const run = await runInProcess(['add', 'Acme', '--project-id', PROJECT, '--kind', 'access-key', '--key-id', 'not-a-uuid'], {
      env,
      stdin: `${SECRET}\n`,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Invalid input');
    expect(run.stderr + run.stdout).not.toContain(SECRET);
    const listed = await runInProcess(['--json', 'list'], { env });
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });
});
