// Faults lose nothing (docs/security-checklist.md#keychain-tests item 14, docs/security-checklist.md#export-and-clipboard item 15, docs/protocol.md#mailgun-hosts rules 4-8). Real components throughout: the built
// CLI against gnome-keyring in private D-Bus sessions (missing, locked, without a collection), the engine over a real
// settings file and keychain against a fake Sinch on 127.0.0.1, a real tmpfs that fills up, `chattr +i`, and export
// crashes both injected at every step and real (SIGKILL) in a child process. Each block prints its figures.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm, stat, statfs, utimes, writeFile } from 'node:fs/promises';
import { connect, createServer as createTcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeEngine } from '../../core/composition';
import { createEngine, dispatch } from '../../core/engine';
import { exportEnvFile, type WriteSteps, writeEnvFile } from '../../core/env-file';
import { KeychainStore } from '../../core/keychain';
import { ProfileService } from '../../core/profiles';
import { SettingsStore } from '../../core/settings-store';
import { TokenService } from '../../core/token-service';
import type { Handlers } from '../../shared/contract';
import { mergeDotenv } from '../../shared/dotenv-merge';
import type { AppErrorData, ErrorCode } from '../../shared/errors';
import type { KeychainStatus } from '../../shared/views';
import { type CliHome, cliHome } from '../support/cli';
import { type FakeSinch, startFakeSinch } from '../support/fake-sinch';
import { rejection } from '../support/rejection';

const PROJECT_ID = 'a1b2c3d4-e5f6-4711-8899-aabbccddeeff';
const KEY_ID = '3f0c6f0e-1b7a-4c2e-9f57-2a8f2f1d9b11';
const OTHER_KEY_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const canary = () => `canary-${randomBytes(12).toString('hex')}`;

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(cmd, args, { env }, (err, _stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stderr }));
  });

/** Every file under `dir` with its bytes, to prove a failed operation changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
  return Object.fromEntries(files.sort().map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));
}

const holdsText = (dir: string, text: string) =>
  Object.values(snapshot(dir)).some((b64) => Buffer.from(b64, 'base64').includes(text));

// ---- the keychain ----

interface Session {
  bus: string;
  dataHome: string;
  close(): Promise<void>;
}

/** A private D-Bus session with its own keyring folder, alive until close(): `cat` holds it open on our pipe. */
async function privateSession(setup: string): Promise<Session> {
  const dataHome = mkdtempSync(join(tmpdir(), 'sinch-keys-faults-keyring-'));
  const child: ChildProcess = spawn(
    'dbus-run-session',
    ['--', 'sh', '-c', `{ ${setup}; } >/dev/null 2>&1; echo "$DBUS_SESSION_BUS_ADDRESS"; exec cat`],
    { env: { ...process.env, XDG_DATA_HOME: dataHome }, stdio: ['pipe', 'pipe', 'ignore'] },
  );
  const [bus] = (await once(createInterface({ input: child.stdout as NodeJS.ReadableStream }), 'line')) as [string];
  return {
    bus,
    dataHome,
    close: async () => {
      const closed = once(child, 'close');
      child.stdin?.end();
      await closed;
      rmSync(dataHome, { recursive: true, force: true });
    },
  };
}

describe('a keychain that cannot be used: a distinct error within 2 s, and nothing lost or written to disk', () => {
  let cli: CliHome;
  const sessions: Session[] = [];
  const figures: string[] = [];
  const seen: { code: ErrorCode; message: string }[] = [];

  beforeAll(async () => {
    cli = cliHome();
    // The profile exists before the fault; adding a credential to it is what fails.
    const created = await cli.run(['add', 'Acme', '--project-id', PROJECT_ID, '--env', 'prod']);
    expect(created.code, created.stderr).toBe(0);
  });
  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    rmSync(cli.home, { recursive: true, force: true });
    console.log(`keychain faults: ${figures.join('; ')}; settings file unchanged in ${figures.length} of ${figures.length}`);
  });

  /** A keychain write (adding a credential) and the status probe both fail cleanly and leave the home as it was. */
  async function expectCleanFailure(
    fault: string,
    session: { bus: string; dataHome?: string },
    code: ErrorCode,
    words: RegExp,
    state: KeychainStatus['state'],
  ) {
    const env = { DBUS_SESSION_BUS_ADDRESS: session.bus };
    const secret = canary();
    const before = snapshot(cli.home);
    const started = performance.now();
    const add = await cli.run(['--json', 'add', 'Acme', '--kind', 'access-key', '--key-id', OTHER_KEY_ID], {
      stdin: `${secret}\n`,
      env,
    });
    const elapsed = performance.now() - started;
    const { error } = add.json<{ error: AppErrorData }>();
    expect(add.code).toBe(3);
    expect(error).toMatchObject({ code, message: expect.stringMatching(words), hint: expect.any(String) });
    expect(elapsed).toBeLessThan(2000);

    const status = await cli.run(['--json', 'status'], { env });
    expect(status.code, status.stderr).toBe(0);
    expect(status.json<{ keychain: KeychainStatus }>().keychain).toMatchObject({ state, message: error.message });

    expect(snapshot(cli.home)).toEqual(before);
    // docs/security-checklist.md#keychain-tests item 14: no fallback wrote the secret anywhere, in the settings folder or the keyring's.
    for (const dir of [cli.home, session.dataHome ?? cli.home]) expect(holdsText(dir, secret)).toBe(false);
    seen.push({ code, message: error.message });
    figures.push(`${fault} → ${code} in ${Math.round(elapsed)} ms`);
  }

  it('with no D-Bus session at all, says the Secret Service is not available', async () => {
    const nowhere = `unix:path=${join(cli.home, 'no-such-bus')}`;
    await expectCleanFailure('no D-Bus', { bus: nowhere }, 'KEYCHAIN_UNAVAILABLE', /is not available/, 'unavailable');
  });

  it('with a locked login keyring, says it is locked, both to store a secret and to read one stored before', async () => {
    const session = await privateSession('printf pass | gnome-keyring-daemon --unlock --components=secrets');
    sessions.push(session);
    const env = { DBUS_SESSION_BUS_ADDRESS: session.bus };
    const stored = await cli.run(['add', 'Acme', '--kind', 'access-key', '--key-id', KEY_ID], { stdin: `${canary()}\n`, env });
    expect(stored.code, stored.stderr).toBe(0);
    // secret-tool may crash right after locking (a libsecret bug); the collection is locked all the same.
    await run('secret-tool', ['lock', '--collection=login'], { ...process.env, ...env });

    await expectCleanFailure('locked', session, 'KEYCHAIN_LOCKED', /is locked/, 'locked');
    const before = snapshot(cli.home);
    const token = await cli.run(['--json', 'token', 'Acme'], { env });
    expect(token.code).toBe(3);
    expect(token.json<{ error: AppErrorData }>().error.code).toBe('KEYCHAIN_LOCKED');
    expect(snapshot(cli.home)).toEqual(before);
  });

  it('with a Secret Service that has no keyring collection, says a default keyring is missing', async () => {
    const session = await privateSession('gnome-keyring-daemon --start --components=secrets');
    sessions.push(session);
    await expectCleanFailure('no collection', session, 'KEYCHAIN_UNAVAILABLE', /has no default keyring/, 'unavailable');
  });

  it('gives each of the three faults its own words', () => {
    expect(seen.map((s) => s.code).sort()).toEqual(['KEYCHAIN_LOCKED', 'KEYCHAIN_UNAVAILABLE', 'KEYCHAIN_UNAVAILABLE']);
    expect(new Set(seen.map((s) => s.message)).size).toBe(3);
  });
});

// ---- the token endpoint ----

/** A TCP hop in front of the fake Sinch that can be taken down and brought back on the same port. */
async function switchableHop(targetPort: number) {
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('error', () => s.destroy());
    s.on('close', () => sockets.delete(s));
  };
  const server = createTcpServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen(0);
  const { port } = server.address() as { port: number };
  return {
    port,
    up: () => listen(port),
    down: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('a token endpoint that fails: a clear error, no cached failure, and the next call asks again', () => {
  const SECRET = canary();
  const clock = {
    waits: [] as number[],
    now: () => Date.now(),
    sleep: async (ms: number) => {
      clock.waits.push(ms);
    },
  };
  let dir: string;
  let fake: FakeSinch;
  let hop: Awaited<ReturnType<typeof switchableHop>>;
  let profiles: ProfileService;
  let settings: SettingsStore;
  let keychain: KeychainStore;
  let ref: { profileId: string; credentialId: string };
  const figures: string[] = [];

  beforeAll(async () => {
    fake = await startFakeSinch({ keys: [{ keyId: KEY_ID, keySecret: SECRET, projectId: PROJECT_ID }] });
    hop = await switchableHop(Number(new URL(fake.url).port));
    dir = mkdtempSync(join(tmpdir(), 'sinch-keys-faults-token-'));
    settings = SettingsStore.at(dir);
    keychain = new KeychainStore({ service: `sinch-keys-faults-${process.pid}-${randomBytes(4).toString('hex')}` });
    profiles = new ProfileService({ settings, secrets: keychain });
    const tokenUrl = `http://127.0.0.1:${hop.port}/oauth2/token`;
    const profile = await profiles.create({
      name: 'Acme',
      projectId: PROJECT_ID,
      baseUrls: { auth: { url: tokenUrl, allowForeignHost: true } },
    });
    const credential = await profiles.addCredential(profile.id, { kind: 'accessKey', keyId: KEY_ID, secret: SECRET });
    ref = { profileId: profile.id, credentialId: credential.id };
  });
  afterAll(async () => {
    await profiles.remove(ref.profileId);
    await Promise.all([fake.close(), hop.down()]);
    rmSync(dir, { recursive: true, force: true });
    console.log(`token endpoint faults: ${figures.join('; ')}`);
  });

  // composition.ts wires these same parts; only the 10 s token timeout is cut to 0.5 s, and waits are recorded.
  const engine = (): Handlers =>
    createEngine({
      profiles,
      settings,
      secrets: keychain,
      tokens: new TokenService({ clock, random: () => 0.5, timeoutMs: 500 }),
      version: 'test',
    });

  it.each([
    {
      fault: 'nothing listens on the port',
      code: 'NETWORK',
      words: /127\.0\.0\.1:\d+.*refused|refused.*127\.0\.0\.1:\d+/i,
      arrange: () => hop.down(),
      restore: () => hop.up(),
    },
    {
      fault: 'the endpoint never answers',
      code: 'TIMEOUT',
      words: /did not answer within 0\.5 s/,
      arrange: () => fake.script.token({ hang: true }),
    },
    {
      fault: '503 on every attempt',
      code: 'TOKEN_SERVER_ERROR',
      words: /failed \(503\) and kept failing after retries/,
      arrange: () => fake.script.token({ status: 503 }, 4),
    },
    {
      fault: '429 with Retry-After: 2 on every attempt',
      code: 'TOKEN_RATE_LIMITED',
      words: /rate limiting this key \(429\)/,
      arrange: () => fake.script.token({ status: 429, headers: { 'retry-after': '2' } }, 4),
      waits: [2000, 2000, 2000],
    },
    {
      fault: 'a 200 whose body is cut-off JSON',
      code: 'TOKEN_BAD_RESPONSE',
      words: /answer was not JSON/,
      arrange: () => fake.script.token({ body: '{"access_token": "eyJhbGciOi' }),
    },
  ])('$fault → $code', async ({ fault, code, words, arrange, restore, waits }) => {
    const handlers = engine();
    clock.waits = [];
    await arrange();
    let elapsed: number;
    try {
      const started = performance.now();
      const failed = await dispatch(handlers, 'token.refresh', ref);
      elapsed = performance.now() - started;
      expect(failed).toMatchObject({
        ok: false,
        error: { code, message: expect.stringMatching(words), hint: expect.any(String) },
      });
      expect(JSON.stringify(failed)).not.toContain(SECRET);
      if (waits) expect(clock.waits).toEqual(waits);
      // Nothing usable was cached, and the failure is reported as the last error, not as a token.
      const state = await dispatch(handlers, 'token.status', ref);
      expect(state).toMatchObject({ ok: true, value: { status: 'none', lastError: { code } } });
    } finally {
      await restore?.();
    }
    const exchangesBefore = fake.tokenRequests.length;
    const healed = await dispatch(handlers, 'token.refresh', ref);
    expect(healed).toMatchObject({ ok: true, value: { status: 'valid' } });
    expect(healed.ok && healed.value.lastError).toBeFalsy();
    expect(fake.tokenRequests.length).toBe(exchangesBefore + 1);
    figures.push(`${fault} → ${code} in ${Math.round(elapsed)} ms, next call ok`);
  });
});

// ---- the settings file ----

describe('a damaged settings file is loud everywhere and never replaced', () => {
  it.each([
    ['cut off half-way', Buffer.from('{"version":1,"profiles":[{"id":"'), /is not valid JSON/],
    ['binary garbage', Buffer.concat([Buffer.from([0, 0xff, 0xfe]), randomBytes(253)]), /is not valid JSON/],
    ['JSON of the wrong shape', Buffer.from('{"version":1,"profiles":"none"}'), /does not match the expected format/],
  ])(
    '%s: status warns, list and add refuse and point to doctor, the bytes stay and are copied aside',
    async (_, bytes, words) => {
      const cli = cliHome();
      try {
        const file = join(cli.home, 'config.json');
        writeFileSync(file, bytes);
        const status = await cli.run(['status']);
        expect(status.code, status.stderr).toBe(0);
        expect(status.stdout).toMatch(words);
        expect(status.stdout).toContain('sinch-keys doctor');
        const backup = /A copy was kept as (\S+);/.exec(status.stdout)?.[1] ?? '';
        expect(readFileSync(backup).equals(bytes)).toBe(true);

        const list = await cli.run(['list']);
        expect(list.code).not.toBe(0);
        expect(list.stdout).not.toContain('No profiles yet');
        expect(list.stderr).toMatch(words);
        expect(list.stderr).toContain(backup);
        expect(list.stderr).toContain('sinch-keys doctor');

        const added = await cli.run(['add', 'Fresh', '--project-id', PROJECT_ID]);
        expect(added.code).not.toBe(0);
        expect(added.stderr).toContain('sinch-keys doctor');
        expect(readFileSync(file).equals(bytes)).toBe(true);
        // One copy however many commands found the damage.
        expect(readdirSync(cli.home).filter((f) => f.includes('.damaged-'))).toEqual([backup.split('/').pop()]);
      } finally {
        rmSync(cli.home, { recursive: true, force: true });
      }
    },
  );

  it('the engine reports the damage through app.info and refuses every profile operation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sinch-keys-faults-settings-'));
    try {
      writeFileSync(join(dir, 'config.json'), '{"version":1,"profiles":[');
      const { handlers } = composeEngine({
        settings: SettingsStore.at(dir),
        secrets: new KeychainStore({ service: 'sinch-keys-faults-unused' }),
        version: 't',
      });
      const info = await dispatch(handlers, 'app.info', {});
      expect(info).toMatchObject({ ok: true, value: { settingsDamage: { message: expect.stringMatching(/kept as/) } } });
      for (const [op, input] of [
        ['profiles.list', {}],
        ['profiles.create', { name: 'After damage' }],
      ] as const)
        expect(await dispatch(handlers, op, input)).toMatchObject({ ok: false, error: { code: 'SETTINGS_CORRUPT' } });
      expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe('{"version":1,"profiles":[');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- exporting a .env file ----

const HEADER = 'Sinch Keys — faults';
const STEPS = [
  'beforeWrite',
  'duringWrite',
  'beforeSync',
  'beforeRename',
  'afterRename',
] as const satisfies readonly (keyof WriteSteps)[];
const crash = () => {
  throw new Error('simulated crash');
};
const asRoot = process.getuid?.() === 0;

describe('an export that cannot finish leaves the old file byte-identical and no temp file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sinch-keys-faults-export-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a .env that cannot be replaced (chattr +i) is reported, kept byte for byte, and leaves no temp file', async () => {
    const path = join(dir, '.env');
    const old = Buffer.from('# mine\nPORT=3000\nSINCH_KEY_SECRET=old\n');
    await writeFile(path, old);
    // Root ignores permission bits, so as root the file is made immutable; otherwise its folder is made read-only.
    const locked = asRoot ? await run('chattr', ['+i', path]) : await chmod(dir, 0o555).then(() => ({ code: 0, stderr: '' }));
    expect(locked.code, locked.stderr).toBe(0);
    try {
      const err = await rejection(exportEnvFile({ path, vars: [{ name: 'SINCH_KEY_SECRET', value: canary() }], header: HEADER }));
      expect(err.code).toBe('EXPORT_FAILED');
      expect(err.message).toMatch(/(not permitted|permission denied)\. The existing file, if any, was left unchanged\./);
      expect((await readFile(path)).equals(old)).toBe(true);
    } finally {
      if (asRoot) await run('chattr', ['-i', path]);
      else await chmod(dir, 0o700);
    }
    expect(await readdir(dir)).toEqual(['.env']);
  });

  it('a disk that fills up is reported as full, the old file stays, and a retry after freeing space works', async () => {
    const disk = await mkdtemp(join(tmpdir(), 'sinch-keys-faults-tinydisk-'));
    // A real 64 KiB tmpfs needs root with CAP_SYS_ADMIN; without it, ENOSPC is injected where a full disk strikes.
    const mounted = (await run('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', disk])).code === 0;
    try {
      const path = join(disk, '.env');
      const old = Buffer.from('# mine\nPORT=3000\n');
      await writeFile(path, old);
      const vars = [{ name: 'SINCH_KEY_SECRET', value: `${canary()}${'x'.repeat(16 * 1024)}` }];
      const full = async (steps?: WriteSteps) => {
        const err = await rejection(exportEnvFile({ path, vars, header: HEADER, ...(steps ? { steps } : {}) }));
        expect(err.code).toBe('EXPORT_FAILED');
        expect(err.message).toContain('the disk is full');
        expect((await readFile(path)).equals(old)).toBe(true);
        expect((await readdir(disk)).filter((f) => f !== 'filler')).toEqual(['.env']);
      };
      if (mounted) {
        const { bavail, bsize } = await statfs(disk);
        await writeFile(join(disk, 'filler'), Buffer.alloc(Number(bavail * bsize) - 4096));
        await full();
        await rm(join(disk, 'filler'));
      } else {
        const enospc = () => {
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        };
        for (const step of ['beforeWrite', 'duringWrite', 'beforeSync'] as const) await full({ [step]: enospc });
      }
      await exportEnvFile({ path, vars, header: HEADER });
      expect(await readFile(path, 'utf8')).toContain(vars[0]?.value);
      expect(await readdir(disk)).toEqual(['.env']);
      console.log(
        `export on a full disk: ${mounted ? 'real 64 KiB tmpfs' : 'ENOSPC injected at 3 steps (no tmpfs here)'}, reported as full, old file byte-identical, 0 temp files left`,
      );
    } finally {
      if (mounted) await run('umount', [disk]);
      await rm(disk, { recursive: true, force: true });
    }
  });

  it(`a crash injected at each of the ${STEPS.length} steps, 100 times each, leaves the complete old or new file and no temp file`, async () => {
    const path = join(dir, '.env');
    await writeFile(path, '# hand-written\nPORT=3000\nDATABASE_URL="postgres://u:p@h/db"\n');
    let runs = 0;
    let corrupt = 0;
    let tempFiles = 0;
    for (const step of STEPS) {
      for (let i = 0; i < 100; i++) {
        const old = await readFile(path);
        const vars = [
          { name: 'SINCH_KEY_ID', value: KEY_ID },
          { name: 'SINCH_KEY_SECRET', value: `${canary()}${'s'.repeat(i * 41)}` },
        ];
        const next = Buffer.from(mergeDotenv(old.toString('utf8'), vars, HEADER).text);
        const err = await rejection(exportEnvFile({ path, vars, header: HEADER, steps: { [step]: crash } }));
        runs++;
        // Before the rename the old file stands; after it the new one does, and the user is told which.
        const landed = step === 'afterRename';
        expect(err.code).toBe('EXPORT_FAILED');
        expect(err.message).toContain(landed ? 'The new file is in place' : 'was left unchanged');
        const now = await readFile(path);
        if (!now.equals(landed ? next : old)) corrupt++;
        if (landed) expect((await stat(path)).mode & 0o777).toBe(0o600);
        tempFiles += (await readdir(dir)).filter((f) => f !== '.env').length;
      }
    }
    console.log(
      `export crash injection: ${runs} runs (${STEPS.length} steps × 100), ${corrupt} corrupt, ${tempFiles} temp files left`,
    );
    expect({ runs, corrupt, tempFiles }).toEqual({ runs: 500, corrupt: 0, tempFiles: 0 });
  });

  describe('a real crash (SIGKILL) of the exporting process', () => {
    let child: string;
    beforeAll(async () => {
      // A plain-Node child that runs the real writeEnvFile and kills itself with SIGKILL at the chosen step.
      const bundle = await mkdtemp(join(tmpdir(), 'sinch-keys-faults-child-'));
      await build({
        entryPoints: [join(import.meta.dirname, '..', '..', 'core', 'env-file.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile: join(bundle, 'env-file.mjs'),
        logLevel: 'error',
      });
      child = join(bundle, 'crash.mjs');
      await writeFile(
        child,
        [
          "import { writeEnvFile } from './env-file.mjs';",
          'const [path, content, step] = process.argv.slice(2);',
          "await writeEnvFile(path, content, { steps: { [step]: () => process.kill(process.pid, 'SIGKILL') } });",
        ].join('\n'),
      );
    });
    afterAll(async () => {
      await rm(join(child, '..'), { recursive: true, force: true });
    });

    it('at each of the 5 steps, 10 times each, leaves the complete old or new file; the next export clears its leftovers', async () => {
      const path = join(dir, '.env');
      await writeFile(path, 'PORT=3000\n');
      let corrupt = 0;
      let leftovers = 0;
      for (const step of STEPS) {
        for (let i = 0; i < 10; i++) {
          const old = await readFile(path);
          const next = Buffer.from(`SINCH_KEY_SECRET=${canary()}${'k'.repeat(i * 197)}\n`);
          const proc = spawn(process.execPath, [child, path, next.toString(), step], { stdio: 'ignore' });
          const [, signal] = (await once(proc, 'exit')) as [number | null, string | null];
          expect(signal).toBe('SIGKILL');
          const now = await readFile(path);
          if (!now.equals(step === 'afterRename' ? next : old)) corrupt++;
        }
      }
      const temps = (await readdir(dir)).filter((f) => f !== '.env');
      leftovers = temps.length;
      // What a hard crash can leave: temp files beside the target, readable by the owner only.
      for (const t of temps) {
        expect(t).toMatch(/^\.\.env\.[0-9a-f]{12}\.tmp$/);
        expect((await stat(join(dir, t))).mode & 0o777).toBe(0o600);
        const hourAgo = new Date(Date.now() - 3_600_000);
        await utimes(join(dir, t), hourAgo, hourAgo);
      }
      await writeEnvFile(path, 'PORT=3001\n');
      const after = (await readdir(dir)).filter((f) => f !== '.env').length;
      console.log(
        `export real crashes (SIGKILL): ${STEPS.length * 10} runs, ${corrupt} corrupt, ${leftovers} temp files left by the crashes (0600), ${after} after the next export`,
      );
      expect({ corrupt, after }).toEqual({ corrupt: 0, after: 0 });
      expect(leftovers).toBeGreaterThan(0);
      // 50 Node start-ups in a row: ~5 s on a quiet machine, 20–30 s with the cores busy.
    }, 120_000);

    it('the leftover of an export still under way in another process (a fresh temp file) is not touched', async () => {
      const path = join(dir, '.env');
      const busy = join(dir, `.env.${randomBytes(6).toString('hex')}.tmp`);
      await writeFile(busy, 'SINCH_KEY_SECRET=being-written\n', { mode: 0o600 });
      await writeEnvFile(path, 'A=1\n');
      expect((await readdir(dir)).sort()).toEqual(['.env', busy.split('/').pop()].sort());
    });
  });
});
