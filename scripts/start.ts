// `npm start`: build everything, then open the desktop app — or browser mode where Electron cannot run here
// (scripts/launch.ts decides, and says why).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { launch, runElectron } from './launch';

for (const args of [['scripts/build.mjs'], ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']]) {
  const built = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const status = await launch({
  // Electron's own package downloads the binary on first use, and throws when it cannot.
  loadElectron: () => createRequire(import.meta.url)('electron'),
  runElectron: (path) => runElectron(path, ['.']),
  runBrowserMode: () =>
    new Promise((resolve) => {
      const web = spawn(process.execPath, ['dist/web/sinch-keys-web.mjs'], { stdio: 'inherit' });
      web.on('close', (code) => resolve(code ?? 0));
    }),
  say: (text) => process.stderr.write(text),
});
process.exit(status);
