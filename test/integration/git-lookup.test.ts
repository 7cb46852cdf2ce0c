// Which git the .env export runs for its "would Git commit this file?" check, and what it says without one. A
// Finder-launched macOS app has launchd's minimal PATH, and /usr/bin/git there is Apple's shim, which opens an
// "install developer tools" dialog when the tools are missing: the lookup never runs it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitWarnings } from '../../core/env-file';
import { findGit } from '../../core/git-binary';

const LAUNCHD_PATH = '/usr/bin:/bin:/usr/sbin:/sbin';
const only =
  (...present: string[]) =>
  (path: string) =>
    present.includes(path);

describe('finding git', () => {
  it('on macOS from Finder, takes Homebrew git although PATH does not name it', () => {
    const git = findGit({
      platform: 'darwin',
      env: { PATH: LAUNCHD_PATH },
      isExecutable: only('/usr/bin/git', '/opt/homebrew/bin/git'),
    });
    expect(git).toBe('/opt/homebrew/bin/git');
  });

  it("on macOS, takes the Command Line Tools' git directly, without the /usr/bin shim or xcrun", () => {
    const clt = '/Library/Developer/CommandLineTools/usr/bin/git';
    expect(findGit({ platform: 'darwin', env: { PATH: LAUNCHD_PATH }, isExecutable: only('/usr/bin/git', clt) })).toBe(clt);
  });

  it('on macOS with only the shim, finds no git (so no developer-tools dialog opens)', () => {
    expect(findGit({ platform: 'darwin', env: { PATH: LAUNCHD_PATH }, isExecutable: only('/usr/bin/git') })).toBeUndefined();
  });

  it("prefers the user's PATH, where the app was started from a terminal", () => {
    const env = { PATH: `/Users/dev/.local/bin:${LAUNCHD_PATH}` };
    const git = findGit({ platform: 'darwin', env, isExecutable: only('/Users/dev/.local/bin/git', '/opt/homebrew/bin/git') });
    expect(git).toBe('/Users/dev/.local/bin/git');
  });

  it('on Linux and Windows, finds git on PATH or where its installer puts it', () => {
    expect(findGit({ platform: 'linux', env: { PATH: '/opt/x/bin:/usr/bin' }, isExecutable: only('/usr/bin/git') })).toBe(
      '/usr/bin/git',
    );
    const windows = 'C:\\Program Files\\Git\\cmd\\git.exe';
    expect(findGit({ platform: 'win32', env: { Path: 'C:\\Windows' }, isExecutable: only(windows) })).toBe(windows);
  });

  it('finds the git this machine has', () => {
    expect(findGit({ platform: process.platform, env: process.env })).toMatch(/git$/);
  });
});

describe('the export without git', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'env-file-no-git-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('says it could not check, and what to make sure of, instead of staying silent', async () => {
    const warnings = await gitWarnings(join(dir, '.env'), null);
    expect(warnings.map((w) => w.code)).toEqual(['GIT_NOT_FOUND']);
    expect(warnings[0]?.message).toContain('make sure .gitignore lists ".env"');
  });
});
