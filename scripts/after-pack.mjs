// electron-builder's afterPack hook (electron-builder.yml): refuses a package whose keychain binding is missing.
// electron-builder takes the app's node_modules from `npm list`, and what it leaves out it leaves out silently: a
// checkout whose node_modules is a symlink (a git worktree sharing another's) packs @napi-rs/keyring without its
// platform package, and a build for another OS or CPU finds none installed (npm installs only this machine's). Such
// an app starts, then fails at the first keychain call; the build must fail instead.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** electron-builder's Arch enum (builder-util), by value. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** The @napi-rs/keyring platform packages (its index.js) a target loads; Electron on Linux is glibc-only. */
const KEYRING_PACKAGES = {
  'linux-x64': ['keyring-linux-x64-gnu'],
  'linux-arm64': ['keyring-linux-arm64-gnu'],
  'linux-armv7l': ['keyring-linux-arm-gnueabihf'],
  'darwin-x64': ['keyring-darwin-x64'],
  'darwin-arm64': ['keyring-darwin-arm64'],
  'darwin-universal': ['keyring-darwin-x64', 'keyring-darwin-arm64'],
  'win32-x64': ['keyring-win32-x64-msvc'],
  'win32-ia32': ['keyring-win32-ia32-msvc'],
  'win32-arm64': ['keyring-win32-arm64-msvc'],
};

/**
 * The keychain binding's files a packed app lacks (none: the package may ship).
 * @param {string} resourcesDir the app's resources folder, where app.asar and app.asar.unpacked are
 * @param {string} platform electron-builder's electronPlatformName (darwin, mas, linux, win32)
 * @param {string} arch an Arch name (x64, arm64, …)
 * @returns {string[]}
 */
function missingKeychainBinding(resourcesDir, platform, arch) {
  const target = `${platform === 'mas' ? 'darwin' : platform}-${arch}`;
  const packages = KEYRING_PACKAGES[target];
  if (!packages) return [`a @napi-rs/keyring binary for ${target} (no platform package known)`];
  const unpacked = join(resourcesDir, 'app.asar.unpacked', 'node_modules', '@napi-rs');
  return packages
    .map((name) => join(unpacked, name, `${name.replace('keyring-', 'keyring.')}.node`))
    .filter((file) => !existsSync(file));
}

/** @param {import('app-builder-lib').AfterPackContext} context */
export default async function afterPack(context) {
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const missing = missingKeychainBinding(context.packager.getResourcesDir(context.appOutDir), context.electronPlatformName, arch);
  if (missing.length === 0) return;
  throw new Error(
    `The package has no keychain binding: missing ${missing.join(', ')}. The app would start and fail at its first ` +
      "keychain call. Package on the target OS and CPU (npm installs only that platform's @napi-rs/keyring package), " +
      'from a checkout with its own node_modules (run `npm ci` there; npm list does not follow a symlinked one).',
  );
}
