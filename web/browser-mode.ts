// Browser mode over the user's real profiles and keychain, configured by the SINCH_KEYS_* variables like every door.
import { fileURLToPath } from 'node:url';
import { launcherOnThisComputer } from '../core/agent-launcher';
import { openDefaultEngine, readBootConfig } from '../core/bootstrap';
import { UnexpectedErrorLog } from '../core/error-log';
import { startWebServer, type WebServer } from './server';

export interface BrowserModeOptions {
  env: NodeJS.ProcessEnv;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  version: string;
  /** Where unexpected errors are reported, redacted (stderr). */
  logTo: (text: string) => void;
}

/** Opens the default engine and serves it on 127.0.0.1; rejects with a VALIDATION error on a bad SINCH_KEYS_* value. */
export async function startBrowserMode({ env, rendererDir, version, logTo }: BrowserModeOptions): Promise<WebServer> {
  const config = readBootConfig(env);
  const engine = openDefaultEngine(config, version, {
    errorLog: new UnexpectedErrorLog(logTo),
    // Browser mode runs on Node from a checkout (dist/web/ → bin/): AI clients start that checkout's CLI.
    agentLauncher: launcherOnThisComputer({
      node: process.execPath,
      ownCli: fileURLToPath(new URL('../../bin/sinch-keys.mjs', import.meta.url)),
    }),
  });
  return startWebServer({ engine, rendererDir, port: config.webPort });
}
