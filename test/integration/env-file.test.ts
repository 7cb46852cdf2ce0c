// .env export against the real file system and a real git: permissions, atomic replacement under injected crashes,
// merging into a hand-written file, and the warnings when Git would pick the file up.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dotenv from 'dotenv';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportEnvFile, writeEnvFile } from '../../core/env-file';
import { mergeDotenv } from '../../shared/dotenv-merge';
import type { AppError } from '../../shared/errors';
import { rejection } from '../support/rejection';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'env-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;
const header = 'Sinch Keys — prod';

function run(cmd: string, args: string[], cwd: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(cmd, args, { cwd }, (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }));
  });
}

describe('file mode', () => {
  it('a target that already exists as 0644 ends at exactly 0600', async () => {
    const path = join(dir, '.env');
    await writeFile(path, 'OLD=1\n');
    await chmod(path, 0o644);
    await exportEnvFile({ path, vars: [{ name: 'SINCH_KEY_SECRET', value: 's' }], header });
    expect(await modeOf(path)).toBe(0o600);
  });

  it('under umask 000 a new file is still exactly 0600', async () => {
    const previous = process.umask(0);
    try {
      const path = join(dir, '.env');
      await writeEnvFile(path, 'A=1\n');
      expect(await modeOf(path)).toBe(0o600);
      await chmod(path, 0o666);
      await writeEnvFile(path, 'A=2\n');
      expect(await modeOf(path)).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('a umask that strips owner bits (0277) still gives exactly 0600', async () => {
    const previous = process.umask(0o277);
    try {
      const path = join(dir, '.env');
      await writeEnvFile(path, 'A=1\n');
      expect(await modeOf(path)).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('a .env that is a symbolic link (a cloned repo’s .env -> ~/.bashrc) is refused: the target keeps its bytes and mode', async () => {
    const bashrc = join(dir, 'bashrc');
    await writeFile(bashrc, 'alias ll="ls -l"\n');
    await chmod(bashrc, 0o644);
    await symlink(bashrc, join(dir, '.env'));
    const attempt = exportEnvFile({ path: join(dir, '.env'), vars: [{ name: 'SINCH_KEY_SECRET', value: 's3cret' }], header });
    await expect(attempt).rejects.toMatchObject({
      code: 'EXPORT_FAILED',
      message: expect.stringMatching(new RegExp(`is a symbolic link to ${bashrc}\\. Nothing was written`)),
    });
    await expect(writeEnvFile(join(dir, '.env'), 'A=1\n')).rejects.toMatchObject({ code: 'EXPORT_FAILED' });
    expect(await readFile(bashrc, 'utf8')).toBe('alias ll="ls -l"\n');
    expect(await modeOf(bashrc)).toBe(0o644);
    expect((await readdir(dir)).sort()).toEqual(['.env', 'bashrc']);
  });

  it('confirming another target, or a link to nothing, opens nothing', async () => {
    const real = join(dir, 'real.env');
    await writeFile(real, 'A=1\n');
    await symlink(real, join(dir, '.env'));
    const vars = [{ name: 'A', value: '2' }];
    for (const confirmedLinkTarget of [join(dir, '.env'), join(dir, 'other.env'), `${real}/`, dir])
      await expect(exportEnvFile({ path: join(dir, '.env'), vars, header, confirmedLinkTarget })).rejects.toMatchObject({
        code: 'EXPORT_FAILED',
      });
    await symlink(join(dir, 'missing.env'), join(dir, 'dangling.env'));
    await expect(
      exportEnvFile({ path: join(dir, 'dangling.env'), vars, header, confirmedLinkTarget: join(dir, 'missing.env') }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/link to a file that does not exist/) });
    expect(await readFile(real, 'utf8')).toBe('A=1\n');
  });

  it('with that exact target confirmed, it is written where it points and the link survives', async () => {
    const real = join(dir, 'real.env');
    await writeFile(real, 'A=1\n');
    await symlink(real, join(dir, '.env'));
    const result = await exportEnvFile({
      path: join(dir, '.env'),
      vars: [{ name: 'A', value: '2' }],
      header,
      confirmedLinkTarget: real,
    });
    expect(result.path).toBe(real);
    expect(await readFile(join(dir, '.env'), 'utf8')).toBe('A=2\n');
  });
});

describe('merging into an existing file', () => {
  const existing = [
    '# my app',
    'export PORT=3000  # keep me',
    '',
    "SINCH_KEY_SECRET='old",
    "secret' # rotated in May",
    'DATABASE_URL="postgres://u:p@h/db"',
    '  SINCH_KEY_ID = old-id',
    '# trailing comment',
    'NO_NEWLINE_AT_END=yes',
  ].join('\n');

  it('unrelated lines, comments, blank lines and order stay byte for byte; assignments change in place', async () => {
    const path = join(dir, '.env');
    await writeFile(path, existing);
    const result = await exportEnvFile({
      path,
      vars: [
        { name: 'SINCH_KEY_ID', value: 'new-id' },
        { name: 'SINCH_KEY_SECRET', value: 'new secret #1' },
        { name: 'SINCH_PROJECT_ID', value: 'proj' },
        { name: 'PORT', value: '8080' },
      ],
      header,
    });
    expect(await readFile(path, 'utf8')).toBe(
      [
        '# my app',
        'export PORT=8080  # keep me',
        '',
        "SINCH_KEY_SECRET='new secret #1' # rotated in May",
        'DATABASE_URL="postgres://u:p@h/db"',
        '  SINCH_KEY_ID=new-id',
        '# trailing comment',
        'NO_NEWLINE_AT_END=yes',
        '',
        '# Sinch Keys — prod',
        'SINCH_PROJECT_ID=proj',
        '',
      ].join('\n'),
    );
    expect(result.replaced).toEqual(['SINCH_KEY_ID', 'SINCH_KEY_SECRET', 'PORT']);
    expect(result.added).toEqual(['SINCH_PROJECT_ID']);
  });

  it('CRLF files keep their line endings, and a secret that is not exported never overwrites the one in the file', () => {
    const { text, replaced, added } = mergeDotenv(
      'A=1\r\nSINCH_KEY_SECRET=keep-me\r\n',
      [{ name: 'A', value: '2' }, { name: 'SINCH_KEY_SECRET' }, { name: 'SINCH_API_TOKEN' }],
      header,
    );
    expect(text).toBe(
      'A=2\r\nSINCH_KEY_SECRET=keep-me\r\n\r\n# Sinch Keys — prod\r\nSINCH_API_TOKEN= # SINCH_API_TOKEN is a secret and was not included; set it yourself.\r\n',
    );
    expect(replaced).toEqual(['A']);
    expect(added).toEqual(['SINCH_API_TOKEN']);
  });

  it('random values merged into a hand-written file are what dotenv reads back, and other lines stay', () => {
    const value = fc.string({ unit: fc.constantFrom('\n', '"', "'", '`', '#', '$', '=', '\\', ' ', 'a', 'é'), maxLength: 16 });
    fc.assert(
      fc.property(value, value, (first, second) => {
        let text = existing;
        const written: Record<string, string> = {};
        for (const v of [first, second]) {
          try {
            text = mergeDotenv(
              text,
              [
                { name: 'SINCH_KEY_SECRET', value: v },
                { name: 'NEW_ONE', value: v },
              ],
              header,
            ).text;
            written.SINCH_KEY_SECRET = v;
          } catch (err) {
            expect((err as AppError).code).toBe('UNSAFE_VALUE');
          }
        }
        const parsed = dotenv.parse(text);
        expect(parsed.DATABASE_URL).toBe('postgres://u:p@h/db');
        expect(parsed.NO_NEWLINE_AT_END).toBe('yes');
        if (written.SINCH_KEY_SECRET !== undefined) {
          expect(parsed.SINCH_KEY_SECRET).toBe(written.SINCH_KEY_SECRET);
          expect(parsed.NEW_ONE).toBe(written.SINCH_KEY_SECRET);
        }
        expect(text.startsWith('# my app\nexport PORT=3000  # keep me\n\n')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('atomic replacement', () => {
  const crash = () => {
    throw new Error('simulated crash');
  };

  for (const step of ['duringWrite', 'beforeRename'] as const) {
    it(`100 crashes ${step === 'duringWrite' ? 'half-way through writing' : 'just before the rename'} leave the old file byte-identical and no temp file`, async () => {
      const path = join(dir, '.env');
      const old = Buffer.from('# previous\nSINCH_KEY_SECRET=old\n\u00e9\n', 'utf8');
      await writeFile(path, old);
      for (let i = 0; i < 100; i++) {
        const err = await rejection(
          writeEnvFile(path, `SINCH_KEY_SECRET=new-${i}\n${'x'.repeat(i * 37)}\n`, { steps: { [step]: crash } }),
        );
        expect(err.code).toBe('EXPORT_FAILED');
        expect((await readFile(path)).equals(old)).toBe(true);
        expect(await readdir(dir)).toEqual(['.env']);
      }
    });
  }

  it('a full disk is reported in plain words and the old file stays', async () => {
    const path = join(dir, '.env');
    await writeFile(path, 'A=1\n');
    const enospc = () => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    };
    const err = await rejection(
      exportEnvFile({ path, vars: [{ name: 'A', value: '2' }], header, steps: { duringWrite: enospc } }),
    );
    expect(err.code).toBe('EXPORT_FAILED');
    expect(err.message).toContain('the disk is full');
    expect(await readFile(path, 'utf8')).toBe('A=1\n');
    expect(await readdir(dir)).toEqual(['.env']);
  });

  it('a read-only folder gives EXPORT_FAILED with the old file intact', async () => {
    const path = join(dir, '.env');
    await writeFile(path, 'A=1\n');
    // root ignores permission bits, so as root the folder is made immutable instead (ext4/xfs/btrfs attribute).
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      const lock = await run('chattr', ['+i', dir], dir);
      if (lock.code !== 0) throw new Error(`could not make the test folder immutable (chattr +i): ${lock.stderr}`);
    } else await chmod(dir, 0o555);
    try {
      const err = await rejection(exportEnvFile({ path, vars: [{ name: 'A', value: '2' }], header }));
      expect(err.code).toBe('EXPORT_FAILED');
      expect(err.message).toMatch(/permission denied|not permitted/);
      expect(await readFile(path, 'utf8')).toBe('A=1\n');
    } finally {
      if (asRoot) await run('chattr', ['-i', dir], dir);
      else await chmod(dir, 0o755);
    }
    expect(await readdir(dir)).toEqual(['.env']);
  });

  it('a folder that does not exist is reported as such', async () => {
    const err = await rejection(exportEnvFile({ path: join(dir, 'missing', '.env'), vars: [{ name: 'A', value: '1' }], header }));
    expect(err.code).toBe('EXPORT_FAILED');
    expect(err.message).toContain('the folder does not exist');
  });
});

describe('Git warnings', () => {
  beforeEach(async () => {
    const init = await run('git', ['init', '-q'], dir);
    if (init.code !== 0) throw new Error(`git init failed: ${init.stderr}`);
  });

  it('a .env inside a work tree that is not ignored gets NOT_GITIGNORED', async () => {
    const result = await exportEnvFile({ path: join(dir, '.env'), vars: [{ name: 'A', value: '1' }], header });
    expect(result.warnings.map((w) => w.code)).toEqual(['NOT_GITIGNORED']);
    expect(result.warnings[0]?.message).toContain('.gitignore');
  });

  it('an ignored .env gets no warning', async () => {
    await writeFile(join(dir, '.gitignore'), '.env\n');
    const result = await exportEnvFile({ path: join(dir, '.env'), vars: [{ name: 'A', value: '1' }], header });
    expect(result.warnings).toEqual([]);
  });

  it('a tracked .env gets the stronger GIT_TRACKED warning even when .gitignore lists it', async () => {
    const path = join(dir, '.env');
    await writeFile(path, 'A=0\n');
    expect((await run('git', ['add', '--', '.env'], dir)).code).toBe(0);
    await writeFile(join(dir, '.gitignore'), '.env\n');
    const result = await exportEnvFile({ path, vars: [{ name: 'A', value: '1' }], header });
    expect(result.warnings.map((w) => w.code)).toEqual(['GIT_TRACKED']);
  });

  it('outside any work tree there is nothing to warn about', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'env-file-nogit-'));
    try {
      const result = await exportEnvFile({ path: join(outside, '.env'), vars: [{ name: 'A', value: '1' }], header });
      expect(result.warnings).toEqual([]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
