// `npm run web`: browser mode on 127.0.0.1 with the user's real profiles and keychain.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatError, toErrorData } from '../shared/errors';
import { startBrowserMode } from './browser-mode';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rendererDir = join(root, 'dist', 'renderer');
if (!existsSync(join(rendererDir, 'index.html'))) {
  process.stderr.write('The UI is not built: run `npm run build` first.\n');
  process.exit(1);
}

const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
try {
  const server = await startBrowserMode({ env: process.env, rendererDir, version, logTo: (text) => process.stderr.write(text) });
  process.stdout.write(
    `Sinch Keys (browser mode) is running. Open:\n  ${server.launchUrl}\n` +
      'Each address works once. Press Enter for a fresh one (another tab or browser), Ctrl+C to stop.\n',
  );
  // A launch address is single-use (web/launch-sessions.ts), so another tab asks here rather than reusing one.
  process.stdin.on('data', () => process.stdout.write(`  ${server.newLaunchUrl()}\n`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      void server.close().then(() => process.exit(0));
    });
} catch (err) {
  process.stderr.write(formatError(toErrorData(err)));
  process.exit(1);
}
