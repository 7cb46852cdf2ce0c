// `npm start`: build everything, then open the desktop app. Electron downloads its binary on first start; where
// that is impossible (an offline machine), say so and point to browser mode instead of failing obscurely.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false });

for (const [cmd, args] of [
  [process.execPath, ['scripts/build.mjs']],
  [process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']],
]) {
  const built = run(cmd, args);
  if (built.status !== 0) process.exit(built.status ?? 1);
}

let electronPath;
try {
  electronPath = createRequire(import.meta.url)('electron');
} catch {
  process.stderr.write(
    "\nElectron's binary is not installed and could not be downloaded (no internet access to its release host?).\n" +
      'Use browser mode instead: npm run web\n',
  );
  process.exit(1);
}
const app = run(electronPath, ['.']);
process.exit(app.status ?? 0);
