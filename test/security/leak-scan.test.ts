// Canary leak scan (docs/security-checklist.md#secret-leakage.10): random secrets of every kind are planted in a temp profile (the real Secret
// Service under a service name of its own); then every feature runs through the engine, browser mode's HTTP door and
// the CLI, against a fake Sinch that answers success, 401, 429, 503, garbage and silence, and a hostile API that echoes
// what it gets. Every sink is collected — replies, thrown errors, console, HTTP bodies/headers/events, CLI output,
// every file under the user-data folder — and searched for each canary in every known form. Pass: 0 hits.
import { readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/engine';
import type { Result } from '../../shared/errors';
import { startWebServer, type WebServer } from '../../web/server';
import { cleanEnv, runCli } from '../support/cli';
import { openWebSession } from '../support/web-session';
import { engineIn, rendererDir } from './support/engine-fixture';
import { FailingSecretStore } from './support/failing-store';
import { httpClient, inPool } from './support/http';
import { type Canary, filesUnder, formsOf, Sinks, scan } from './support/leak';
import { type CliStep, cliSteps } from './support/leak-cli';
import { type Step, steps } from './support/leak-steps';
import { captureConsole, createWorld, destroyWorld, plant, recordingThrows, type World } from './support/leak-world';

const SLOW = 180_000;
const sinks = new Sinks();
/** Replies, outputs and files whose job is to hold a secret, with the canary each must hold. */
const controls: Array<{ label: string; canary: string; text: string }> = [];
const figures = { engine: 0, http: 0, cli: 0, failing: 0 };
let world: World;

beforeAll(async () => {
  world = await createWorld();
}, SLOW);

afterAll(async () => {
  if (world) {
    await destroyWorld(world);
    rmSync(world.root, { recursive: true, force: true });
  }
});

const exportFile = (door: string) => (set: string) => join(world.exports, `${door}-${set}.env`);

/** What a reply came to: 'ok', 'valid'/'invalid' for a callback check, or the error code. */
const outcome = (reply: Result<unknown>): string =>
  !reply.ok
    ? reply.error.code
    : typeof (reply.value as { valid?: unknown }).valid === 'boolean'
      ? (reply.value as { valid: boolean }).valid
        ? 'valid'
        : 'invalid'
      : 'ok';

function record(door: string, step: Step, reply: Result<unknown>): void {
  // The scan means something only if each feature did what the step set out to make it do.
  if (step.expect && !door.startsWith('keychain')) expect(outcome(reply), `${door}: ${step.label}`).toBe(step.expect);
  if (step.allowed && reply.ok)
    controls.push({ label: `${door}: ${step.label}`, canary: step.allowed, text: JSON.stringify(reply) });
  else sinks.add(`${door}: ${step.label}`, reply);
}

/** The exported .env files are the one place secrets are meant to be written: each must hold them, exactly. */
function expectExported(door: string): void {
  const sdk = parseDotenv(readFileSync(exportFile(door)('sdk'), 'utf8'));
  const functions = parseDotenv(readFileSync(exportFile(door)('functions'), 'utf8'));
  expect(sdk).toMatchObject({
    SINCH_KEY_SECRET: world.secrets.accessKey,
    SINCH_APPLICATION_SECRET: world.secrets.application,
    SINCH_API_TOKEN: world.secrets.apiToken,
    MAILGUN_API_KEY: world.secrets.mailgun,
  });
  expect(functions).toMatchObject({
    PROJECT_ID_API_SECRET: world.secrets.accessKey,
    VOICE_APPLICATION_SECRET: world.secrets.application,
  });
}

describe('no planted secret leaves Sinch Keys except where the user asked for it', () => {
  it(
    'the engine: every feature, every reply and thrown error, token events and console output',
    async () => {
      const stop = captureConsole(sinks, 'the engine run');
      const unsubscribe = world.engine.tokens.subscribe((change) => sinks.add('engine token event', change));
      const handlers = recordingThrows(world.engine.handlers, sinks, 'engine');
      try {
        for (const step of steps(world, 'engine', exportFile('engine'))) {
          step.before?.();
          record('engine', step, await dispatch(handlers, step.op, step.input));
          figures.engine++;
        }
      } finally {
        unsubscribe();
        stop();
      }
      expectExported('engine');
      // Rotating a secret keeps the label the credential had.
      const { credential } = world.engine.profiles.credential(world.profileId, world.ids.accessKey);
      expect(credential.label).toBe('ci key engine');
    },
    SLOW,
  );

  it(
    'browser mode: every response body and header, and the token event stream',
    async () => {
      const server: WebServer = await startWebServer({
        engine: { ...world.engine, handlers: recordingThrows(world.engine.handlers, sinks, 'http') },
        rendererDir: rendererDir(world.inputs),
      });
      const http = httpClient(server.url);
      const { cookie } = await openWebSession(server);
      let events = '';
      const nonce = 'n'.repeat(32);
      const stream = request(`${server.url}/api/events?nonce=${nonce}`, { headers: { cookie } }, (res) => {
        sinks.add('http events headers', res.headers);
        res.on('data', (d) => {
          events += d;
        });
      });
      stream.on('error', () => undefined);
      stream.end();
      const stop = captureConsole(sinks, 'the browser-mode run');
      try {
        for (const step of steps(world, 'http', exportFile('http'))) {
          step.before?.();
          const reply = await http.send({
            path: `/api/${step.op}`,
            headers: { 'content-type': 'application/json', cookie },
            body: JSON.stringify(step.input),
          });
          sinks.add(`http: ${step.label} headers`, reply.headers);
          record('http', step, JSON.parse(reply.body));
          figures.http++;
        }
      } finally {
        stop();
        stream.destroy();
        http.close();
        await server.close();
        sinks.add('http token event stream', events);
      }
      expect(events).toContain('event: token.changed');
      expectExported('http');
    },
    SLOW,
  );

  it(
    'the CLI: stdout and stderr of every command, with profiles, environment variables and a failing keychain',
    async () => {
      const env = cleanEnv({ SINCH_KEYS_HOME: world.home, SINCH_KEYS_KEYCHAIN_SERVICE: world.service });
      const crashes: string[] = [];
      const run = async (step: CliStep) => {
        step.before?.();
        const out = await runCli(step.args, { ...env, ...step.env }, step.stdin ?? '', 60_000);
        const text = `exit ${out.code}\n--- stdout\n${out.stdout}\n--- stderr\n${out.stderr}`;
        // A crash (an uncaught error's stack on stderr) is a failure whatever it prints.
        if (/\n\s+at .+\d+:\d+\)?\n|^Node\.js v/m.test(out.stderr) || (step.code !== undefined && out.code !== step.code))
          crashes.push(`${step.label}: exit ${out.code}\n${out.stderr.slice(0, 400)}`);
        if (step.allowed && out.code === 0) controls.push({ label: `cli: ${step.label}`, canary: step.allowed, text });
        else sinks.add(`cli: ${step.label}`, text);
        figures.cli++;
      };
      const all = cliSteps(world);
      // Side by side first; then, in order, the runs that script the fake Sinch or change keychain entries.
      await inPool(
        all.filter((s) => !s.alone),
        4,
        run,
      );
      for (const step of all.filter((s) => s.alone)) await run(step);
      expect(crashes).toEqual([]);
      const exported = parseDotenv(readFileSync(join(world.exports, 'cli.env'), 'utf8'));
      expect(exported).toMatchObject({ SINCH_KEY_SECRET: world.secrets.accessKey, MAILGUN_API_KEY: world.secrets.mailgun });
    },
    SLOW,
  );

  it(
    'a keychain that fails, even one whose errors repeat what it was given, never puts a secret into a reply',
    async () => {
      for (const mode of ['echoing', 'locked'] as const) {
        const store = new FailingSecretStore(mode);
        const failing = engineIn({ secrets: store, dir: join(world.root, `failing-${mode}`) });
        const planted = await plant(failing.engine, world.secrets, world.fake, world.hostile);
        store.failing = true;
        const door = `keychain ${mode}`;
        const stop = captureConsole(sinks, `the ${door} run`);
        const handlers = recordingThrows(failing.engine.handlers, sinks, door, (err) => store.thrown.has(err as object));
        try {
          // No scripted answers: with the keychain down, nothing reaches the token endpoint to take them.
          for (const step of steps({ ...world, engine: failing.engine, ...planted }, door, exportFile(`failed-${mode}`))) {
            const reply = await dispatch(handlers, step.op, step.input);
            if (step.allowed) expect(reply.ok, step.label).toBe(false);
            record(door, step, reply);
            figures.failing++;
          }
        } finally {
          stop();
        }
        const reveal = await dispatch(failing.engine.handlers, 'secrets.reveal', {
          profileId: planted.profileId,
          credentialId: planted.ids.accessKey,
        });
        expect(reveal).toMatchObject({ ok: false, error: { code: mode === 'locked' ? 'KEYCHAIN_LOCKED' : 'INTERNAL' } });
      }
    },
    SLOW,
  );

  it('the settings file and every file under the user-data folders hold no secret; only the exported .env files do', () => {
    const exportedOnPurpose = ['engine-sdk', 'engine-functions', 'http-sdk', 'http-functions', 'cli'].map((n) =>
      join(world.exports, `${n}.env`),
    );
    const files = [world.home, world.exports, ...['echoing', 'locked'].map((m) => join(world.root, `failing-${m}`))].flatMap(
      filesUnder,
    );
    for (const file of files) {
      if (exportedOnPurpose.some((path) => file.name === `file ${path}`))
        controls.push({ label: file.name, canary: 'access key secret', text: file.text });
      else sinks.add(file.name, file.text);
    }
    expect(files.map((f) => f.name)).toContain(`file ${join(world.home, 'config.json')}`);
    // A failed export leaves no file behind, not even a temp file.
    expect(files.filter((f) => /failed-/.test(f.name))).toEqual([]);
  });

  it('scan: 0 hits for any canary, in any form, in any sink; every intended holder is found holding its secret', () => {
    const tokens: Canary[] = world.fake.issuedTokens.map((value, i) => ({
      name: `access token ${i + 1}`,
      value,
      users: [],
      pieces: false,
    }));
    const canaries = [...world.canaries, ...tokens];
    const hits = scan(sinks.all, canaries);
    expect(hits.slice(0, 10)).toEqual([]);
    // The scan finds what is there: each reveal, snippet-with-secrets and exported file holds its canary.
    for (const control of controls) {
      const canary = canaries.find((c) => c.name === control.canary) as Canary;
      expect(scan([{ name: control.label, text: control.text }], [canary]).length, control.label).toBeGreaterThan(0);
    }
    // Reveal ×4 and curl/env with secrets, per engine and HTTP door; curl/env with secrets in the CLI; 5 export files.
    expect(controls.length).toBe(2 * 6 + 2 + 5);
    const forms = canaries.reduce((n, c) => n + formsOf(c).size, 0);
    console.log(
      `leak scan: ${sinks.all.length} sinks (${Math.round(sinks.bytes / 1024)} KiB; engine ${figures.engine} replies, ` +
        `HTTP ${figures.http} responses + event stream, CLI ${figures.cli} runs, failing keychain ${figures.failing} replies, ` +
        `thrown errors, console, files) × ${forms} forms of ${canaries.length} canaries ` +
        `(${world.canaries.length} secrets + ${tokens.length} issued tokens): ${hits.length} hits; ` +
        `${controls.length} intended holders each found holding its secret`,
    );
  });
});
