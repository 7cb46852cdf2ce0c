// `npm run web`: browser mode on 127.0.0.1 with the user's real profiles and keychain.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeEngine } from '../core/composition';
import { KeychainStore } from '../core/keychain';
import { openConf, SettingsStore, userDataDir } from '../core/settings-store';
import { startWebServer } from './server';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rendererDir = join(root, 'dist', 'renderer');
if (!existsSync(join(rendererDir, 'index.html'))) {
  process.stderr.write('The UI is not built: run `npm run build` first.\n');
  process.exit(1);
}

const dir = userDataDir();
const service = process.env.SINCH_KEYS_KEYCHAIN_SERVICE;
const engine = composeEngine({
  settings: new SettingsStore(() => openConf(dir), Date.now, join(dir, 'config.json')),
  secrets: new KeychainStore(service ? { service } : {}),
  version: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version,
});
const port = Number(process.env.SINCH_KEYS_WEB_PORT ?? 0);
const server = await startWebServer({ engine, rendererDir, port });
process.stdout.write(`Sinch Keys (browser mode) is running. Open:\n  ${server.launchUrl}\nPress Ctrl+C to stop.\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
