// Key hygiene and the fleet on the command line, as a user runs them: a real `sinch-keys` subprocess, the test
// session's Secret Service, and a stand-in for Sinch on 127.0.0.1 reached through the profiles' base URL overrides.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productsForKind } from '../../shared/catalog';
import type { FleetReport } from '../../shared/fleet';
import { type CliHome, cliHome } from '../support/cli';
import { type FakeSinch, startFakeSinch } from '../support/fake-sinch';

const PROD = {
  keyId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  keySecret: 'prod-secret-0001',
  projectId: '0f6d3c52-8a51-4f0c-9a55-6a1c2b9e7d10',
};
const STAGING = {
  keyId: '2f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  keySecret: 'staging-secret-02',
  projectId: '1a2b3c4d-8a51-4f0c-9a55-6a1c2b9e7d10',
};
const NEXT = { keyId: '3e2d1c0b-4d5e-4f60-8a7b-9c0d1e2f3a4b', keySecret: 'prod-secret-rotated', projectId: PROD.projectId };

let sinch: FakeSinch;
let cli: CliHome;

async function addProfile(name: string, env: string, key: typeof PROD) {
  const added = await cli.run(
    ['add', name, '--project-id', key.projectId, '--env', env, '--kind', 'access-key', '--key-id', key.keyId],
    {
      stdin: `${key.keySecret}\n`,
    },
  );
  expect(added.code, added.stderr).toBe(0);
  const targets = [...productsForKind('accessKey').map((p) => `${p.id}=${sinch.url}`), `auth=${sinch.tokenUrl}`];
  const edited = await cli.run(['edit', name, '--base-url', ...targets, '--allow-host']);
  expect(edited.code, edited.stderr).toBe(0);
}

beforeAll(async () => {
  sinch = await startFakeSinch({ keys: [PROD, STAGING, NEXT] });
  cli = cliHome();
  await addProfile('Prod', 'prod', PROD);
  await addProfile('Staging', 'staging', STAGING);
});

afterAll(async () => {
  await sinch.close();
  rmSync(cli.home, { recursive: true, force: true });
});

const PRINT_ENV = `process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(SINCH|MAILGUN|PROJECT_ID)/.test(k)))))`;

describe('sinch-keys exec', () => {
  it('gives the child only its own profile, a fresh token and its name, whatever the shell had set', async () => {
    const run = await cli.run(['exec', 'Prod', '--', process.execPath, '-e', PRINT_ENV], {
      env: { SINCH_KEY_SECRET: 'foreign', MAILGUN_API_KEY: 'foreign-mg', PROJECT_ID_API_SECRET: 'foreign-fn' },
    });
    expect(run.code, run.stderr).toBe(0);
    const env = run.json<Record<string, string>>();
    expect(env).toMatchObject({ SINCH_KEY_ID: PROD.keyId, SINCH_KEY_SECRET: PROD.keySecret, SINCH_KEYS_PROFILE: 'Prod' });
    expect(env.MAILGUN_API_KEY).toBeUndefined();
    expect(env.PROJECT_ID_API_SECRET).toBeUndefined();
    expect(sinch.issuedTokens).toContain(env.SINCH_ACCESS_TOKEN);
    expect(Date.parse(env.SINCH_ACCESS_TOKEN_EXPIRES_AT ?? '')).toBeGreaterThan(Date.now());
    expect(run.stderr).toContain(
      'Removed from the inherited environment: SINCH_KEY_SECRET, MAILGUN_API_KEY, PROJECT_ID_API_SECRET',
    );
  });

  it('refuses another profile inside an outer exec unless --allow-nested, and the nested child sees only its own', async () => {
    const nest = (extra: string[]) =>
      cli.run([
        'exec',
        'Prod',
        '--',
        process.execPath,
        '-e',
        `const r = require('node:child_process').spawnSync(process.execPath, ${JSON.stringify([BIN_PATH, 'exec', ...extra, 'Staging', '--', process.execPath, '-e', PRINT_ENV])}, { encoding: 'utf8' }); process.stdout.write(JSON.stringify({ code: r.status, out: r.stdout, err: r.stderr }))`,
      ]);
    const refused = (await nest([])).json<{ code: number; out: string; err: string }>();
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('already inside `sinch-keys exec` for profile "Prod"');
    const allowed = (await nest(['--allow-nested'])).json<{ code: number; out: string; err: string }>();
    expect(allowed.code, allowed.err).toBe(0);
    const env = JSON.parse(allowed.out) as Record<string, string>;
    expect(env).toMatchObject({
      SINCH_KEY_ID: STAGING.keyId,
      SINCH_KEY_SECRET: STAGING.keySecret,
      SINCH_KEYS_PROFILE: 'Staging',
    });
    expect(JSON.stringify(env)).not.toContain(PROD.keySecret);
  });

  it('--mask replaces the secret and the token in what the child prints', async () => {
    const run = await cli.run([
      'exec',
      'Prod',
      '--mask',
      '--',
      process.execPath,
      '-e',
      'console.log(process.env.SINCH_KEY_SECRET); console.error("token " + process.env.SINCH_ACCESS_TOKEN)',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('****\n');
    expect(run.stderr).toContain('token ****\n');
    expect(run.stdout + run.stderr).not.toContain(PROD.keySecret);
  });
});

describe('sinch-keys curl in three modes', () => {
  it('references env variables by default, masks with --masked (marked not runnable), inlines only with a warning', async () => {
    const plain = await cli.run(['curl', 'Prod', '--product', 'numbers']);
    expect(plain.stdout).toContain('"$SINCH_KEY_SECRET"');
    const masked = await cli.run(['curl', 'Prod', '--product', 'numbers', '--masked']);
    expect(masked.code, masked.stderr).toBe(0);
    expect(masked.stdout).toMatch(/^# Not runnable: the secret is masked as \*\*\*\*/);
    expect(masked.stdout).toContain("'****'");
    const inline = await cli.run(['curl', 'Prod', '--product', 'numbers', '--include-secrets']);
    expect(inline.stderr).toContain('Warning: This command contains the secret itself');
    for (const run of [plain, masked]) expect(run.stdout + run.stderr).not.toContain(PROD.keySecret);
  });
});

describe('sinch-keys check', () => {
  it('prints the matrix as JSON with one token exchange per key, and exits 0 when everything works', async () => {
    const before = sinch.tokenRequests.length;
    const run = await cli.run(['--json', 'check']);
    expect(run.code, run.stderr).toBe(0);
    const report = run.json<FleetReport>();
    expect(report.rows.map((r) => r.profileName).sort()).toEqual(['Prod', 'Staging']);
    expect(report.rows.every((r) => r.cells.every((c) => c.verdict === 'works'))).toBe(true);
    expect(sinch.tokenRequests.length - before).toBe(2);
  });

  it('exits 5 and says which product failed when a key is wrong', async () => {
    const edited = await cli.run(['edit', 'Staging', '--rotate'], { stdin: 'a-wrong-secret\n' });
    expect(edited.code, edited.stderr).toBe(0);
    const run = await cli.run(['check', '--failing']);
    expect(run.code).toBe(5);
    expect(run.stdout).toMatch(/Staging\s+staging/);
    expect(run.stdout).toContain('Numbers: wrong secret');
    expect(run.stdout).not.toMatch(/^Prod/m);
    const fixed = await cli.run(['edit', 'Staging', '--rotate'], { stdin: `${STAGING.keySecret}\n` });
    expect(fixed.code, fixed.stderr).toBe(0);
  });
});

describe('sinch-keys rotate', () => {
  it('keeps the old key when the new one fails (exit 5), then swaps in one that works', async () => {
    const failed = await cli.run(['rotate', 'Prod', '--key-id', NEXT.keyId], { stdin: 'not-the-new-secret\n' });
    expect(failed.code).toBe(5);
    expect(failed.stdout).toContain('Not rotated');
    expect((await cli.run(['show', 'Prod'])).stdout).toContain(PROD.keyId);

    const rotated = await cli.run(['rotate', 'Prod', '--key-id', NEXT.keyId], { stdin: `${NEXT.keySecret}\n` });
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain(`Rotated: ${NEXT.keyId}`);
    const shown = await cli.run(['show', 'Prod']);
    expect(shown.stdout).toContain(NEXT.keyId);
    expect(shown.stdout).not.toContain(PROD.keyId);
    expect(shown.stdout).toContain('0 days old');
  });

  it('flags keys past the maximum age in list and show, against the global limit', async () => {
    // Time passes: the Staging key was made 120 days ago.
    const file = join(cli.home, 'config.json');
    const settings = JSON.parse(readFileSync(file, 'utf8'));
    for (const p of settings.profiles)
      if (p.name === 'Staging')
        for (const c of p.credentials) c.createdAt = new Date(Date.now() - 120 * 86_400_000).toISOString();
    writeFileSync(file, JSON.stringify(settings));
    expect((await cli.run(['list'])).stdout).toMatch(/Staging .*120 days old, past the 90-day limit: rotate it/);
    expect((await cli.run(['show', 'Staging'])).stdout).toContain('120 days old, past the 90-day limit');
    expect((await cli.run(['max-key-age', '200'])).code).toBe(0);
    expect((await cli.run(['list'])).stdout).not.toContain('past the');
    expect((await cli.run(['max-key-age', 'default'])).stdout).toContain('older than 90 days');
  });
});

const BIN_PATH = new URL('../../bin/sinch-keys.mjs', import.meta.url).pathname;

describe('the default credential', () => {
  it('is the newest whose last test worked, not merely the newest, and stderr says which and why', async () => {
    await addProfile('Pair', 'prod', PROD);
    // Before any test: the only key is the default, and nothing needs explaining.
    expect((await cli.run(['env', 'Pair'])).stderr).not.toContain('Using accessKey');
    const tested = await cli.run(['test', 'Pair', '--product', 'numbers']);
    expect(tested.code, tested.stderr).toBe(0);
    // A newer key whose secret is wrong: newest, but its test fails.
    const added = await cli.run(['add', 'Pair', '--kind', 'access-key', '--key-id', NEXT.keyId], { stdin: 'not-the-secret\n' });
    expect(added.code, added.stderr).toBe(0);
    const untested = await cli.run(['env', 'Pair']);
    expect(untested.stdout).toContain(PROD.keyId);
    expect(untested.stderr).toContain(`Using accessKey credential ${PROD.keyId}: the newest of 2 whose last test worked`);
    const failing = await cli.run(['test', 'Pair', '--credential', NEXT.keyId, '--product', 'numbers']);
    expect(failing.code).toBe(5);
    const env = await cli.run(['env', 'Pair']);
    expect(env.stdout).toContain(PROD.keyId);
    expect(env.stdout).not.toContain(NEXT.keyId);
    // curl references the variables; its stderr still says which key they are to hold.
    for (const run of [env, await cli.run(['curl', 'Pair', '--product', 'numbers'])]) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain(`Using accessKey credential ${PROD.keyId}: the newest of 2 whose last test worked`);
    }
    const exec = await cli.run(['exec', 'Pair', '--', process.execPath, '-e', PRINT_ENV]);
    expect(exec.json<Record<string, string>>().SINCH_KEY_ID).toBe(PROD.keyId);
    // Named with --credential, the other one is used and no default is announced.
    const named = await cli.run(['env', 'Pair', '--credential', NEXT.keyId]);
    expect(named.stdout).toContain(NEXT.keyId);
    expect(named.stderr).not.toContain('Using accessKey');
    // The verdicts are metadata (no secret, no token) and leave the secret's version alone.
    const file = readFileSync(join(cli.home, 'config.json'), 'utf8');
    expect(file).not.toContain(PROD.keySecret);
    const pair = (
      JSON.parse(file) as { profiles: Array<{ name: string; credentials: Array<Record<string, unknown>> }> }
    ).profiles.find((p) => p.name === 'Pair');
    expect(pair?.credentials.map((c) => (c.lastTest as { verdict: string } | undefined)?.verdict)).toEqual([
      'works',
      'wrongSecret',
    ]);
  });
});
