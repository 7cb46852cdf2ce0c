// Browser mode as a user runs it (`npm run web`), wired to things that exist on this machine: the real Secret Service
// under a service name of its own, a settings folder in /tmp, the built renderer, and system Chromium. Only Sinch is
// faked (fake-sinch on 127.0.0.1), because the real one cannot be reached from tests.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { launcherOnThisComputer } from '../../../core/agent-launcher';
import { type ComposedEngine, composeEngine } from '../../../core/composition';
import { KeychainStore } from '../../../core/keychain';
import type { SecretStore } from '../../../core/ports';
import { SettingsStore } from '../../../core/settings-store';
import { startWebServer, type WebServer } from '../../../web/server';
import { BIN } from '../../support/cli';
import { atSinchHosts, type FakeKey, type FakeSinch, startFakeSinch } from '../../support/fake-sinch';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

/** The size every screenshot is taken at, so docs/screenshots stay comparable between runs. */
export const VIEWPORT = { width: 1280, height: 800 };

export interface BrowserApp {
  fake: FakeSinch;
  server: WebServer;
  engine: ComposedEngine;
  /** A second handle on the keychain service the app uses, to check what it stored and removed. */
  keychain: KeychainStore;
  page: Page;
  context: BrowserContext;
  /** The folder holding the app's config.json; exports can go here too. */
  dir: string;
  /** SINCH_KEYS_HOME and SINCH_KEYS_KEYCHAIN_SERVICE for another door (the CLI) on the same profiles. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export interface BrowserAppOptions {
  keys: FakeKey[];
  rendererDir: string;
  /** Sinch's own hosts answer from the stand-in (as a DNS entry would), so profiles work with their default hosts. */
  atSinchHosts?: boolean;
  /** A keychain that fails on demand instead of the session's Secret Service. */
  secrets?: SecretStore;
}

export async function startBrowserApp({ keys, rendererDir, secrets, ...options }: BrowserAppOptions): Promise<BrowserApp> {
  const dir = mkdtempSync(join(tmpdir(), 'sinch-keys-e2e-'));
  const service = `sinch-keys-e2e-${randomUUID()}`;
  const fake = await startFakeSinch({ keys });
  const engine = composeEngine({
    settings: SettingsStore.at(dir),
    secrets: secrets ?? new KeychainStore({ service }),
    version: '0.1.0',
    // As browser mode decides it: this Node.js and the checkout's CLI.
    agentLauncher: launcherOnThisComputer({ node: process.execPath, ownCli: BIN }),
    ...(options.atSinchHosts ? { fetch: atSinchHosts(fake) } : {}),
  });
  const server = await startWebServer({ engine, rendererDir });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    // English and UTC, so words and dates on screen (and in screenshots) do not depend on the machine.
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US', timezoneId: 'UTC', colorScheme: 'light' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    // A step that cannot find its control should fail well inside the test's own timeout, naming the control.
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const opened = browser;
    return {
      fake,
      server,
      engine,
      keychain: new KeychainStore({ service }),
      page,
      context,
      dir,
      env: { SINCH_KEYS_HOME: dir, SINCH_KEYS_KEYCHAIN_SERVICE: service },
      close: async () => {
        await opened.close();
        await server.close();
        await fake.close();
        // A journey that failed half-way leaves profiles behind; removing them clears their keychain entries too.
        for (const profile of engine.profiles.list()) await engine.profiles.remove(profile.id);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close();
    await server.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
