// Where the Electron binary is, found the way node_modules/electron/index.js finds it but without its side effect:
// that file starts a download from GitHub when the binary is missing, and tests reach nothing beyond loopback.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronBinary = { path: string; reason?: undefined } | { path?: undefined; reason: string };

export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'package.json'))) return { reason: 'the electron package is not installed' };
  const pathFile = join(pkg, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const path = override ? join(override, name ?? 'electron') : name ? join(pkg, 'dist', name) : undefined;
  if (!path)
    return { reason: 'node_modules/electron/path.txt is missing, so its binary was never downloaded (npx install-electron)' };
  return existsSync(path) ? { path } : { reason: `${path} does not exist` };
}
