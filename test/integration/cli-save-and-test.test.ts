// `sinch-keys add --test` and `sinch-keys import - --test`: save, then at once the credential's safe test, from the
// built CLI as a subprocess with the test session's Secret Service. The profile's Numbers and token hosts point at the
// stand-in for Sinch (confirmed with --allow-host), since real Sinch cannot be reached from tests.
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportApplied } from '../../shared/views';
import { type CliHome, cliHome } from '../support/cli';
import { type FakeSinch, startFakeSinch } from '../support/fake-sinch';

const PROJECT = '6b1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const FIRST = { keyId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', keySecret: 'first-Secret.Value_2kQ7xL', projectId: PROJECT };
const SECOND = { keyId: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a', keySecret: 'second-Secret.Value_8mR3yN', projectId: PROJECT };

let cli: CliHome;
let sinch: FakeSinch;

beforeAll(async () => {
  sinch = await startFakeSinch({ keys: [FIRST, SECOND] });
  cli = cliHome();
  const created = await cli.run(['add', 'Acme', '--project-id', PROJECT]);
  expect(created.code, created.stderr).toBe(0);
  const edited = await cli.run(['edit', 'Acme', '--base-url', `numbers=${sinch.url}`, `auth=${sinch.tokenUrl}`, '--allow-host']);
  expect(edited.code, edited.stderr).toBe(0);
});

afterAll(async () => {
  await cli.run(['remove', 'Acme']);
  await sinch.close();
  rmSync(cli.home, { recursive: true, force: true });
});

describe('sinch-keys save and test', () => {
  it('add --test saves the access key and says it works for Numbers, the request having reached Sinch', async () => {
    const before = sinch.apiRequests.length;
    const run = await cli.run(['add', 'Acme', '--kind', 'access-key', '--key-id', FIRST.keyId, '--test'], {
      stdin: `${FIRST.keySecret}\n`,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Saved.');
    expect(run.stdout).toContain('✔ Works for Numbers (200)');
    expect(sinch.apiRequests.slice(before).map((r) => r.url)).toEqual([`/v1/projects/${PROJECT}/availableRegions`]);
    expect(run.stdout + run.stderr).not.toContain(FIRST.keySecret);
  });

  it('import - --test reads labelled text from stdin, adds it to the profile of the same project and tests it', async () => {
    const block = `Project ID: ${PROJECT}\r\nKey ID: ${SECOND.keyId}\r\nKey Secret: "${SECOND.keySecret}"\r\n`;
    const run = await cli.run(['--json', 'import', '-', '--test'], { stdin: block });
    expect(run.code, run.stderr).toBe(0);
    const applied = run.json<ImportApplied>();
    expect(applied.profile.name).toBe('Acme');
    expect(applied.added.map((c) => c.kind === 'accessKey' && c.keyId)).toEqual([SECOND.keyId]);
    expect(applied.tests).toEqual([expect.objectContaining({ productId: 'numbers', status: 200 })]);
    const basic = String(sinch.tokenRequests.at(-1)?.headers.authorization).replace(/^Basic /, '');
    expect(Buffer.from(basic, 'base64').toString('utf8').split(':')[0]).toBe(SECOND.keyId);
    expect(readFileSync(join(cli.home, 'config.json'), 'utf8')).not.toContain(SECOND.keySecret);
    expect(run.stdout).not.toContain(SECOND.keySecret);
  });

  it('a key Sinch refuses is saved, its diagnosis printed, and the exit code is 5', async () => {
    const wrong = `SINCH_PROJECT_ID=${PROJECT}\nSINCH_KEY_ID=${randomUUID()}\nSINCH_KEY_SECRET=not-the-right-secret\n`;
    const run = await cli.run(['import', '-', '--test'], { stdin: wrong });
    expect(run.code, run.stderr).toBe(5);
    expect(run.stdout).toContain('Imported 1 credential(s) into "Acme"');
    expect(run.stdout).toMatch(/✘ Numbers: .+\n.+\nFix: /);
    expect(run.stdout).not.toContain('not-the-right-secret');
  });

  it('garbage on stdin is "not a key block", exit 2, and nothing is saved', async () => {
    const run = await cli.run(['import', '-', '--test'], { stdin: 'my shopping list\neggs\n' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('This is not a key block');
    const list = await cli.run(['--json', 'list']);
    expect(list.json<unknown[]>()).toHaveLength(1);
  });
});
