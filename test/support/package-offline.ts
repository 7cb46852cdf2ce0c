// Runs a packaging command (`npm run dist -- --linux dir`) against the stand-in Electron archive, served from
// 127.0.0.1 as ELECTRON_MIRROR. Its own process, so a test can start it inside a loopback-only network namespace (the
// mirror must live in the same namespace as the builder). Usage: tsx package-offline.ts <workDir> -- <command…>
// Writes <workDir>/mirror-requests.json: every URL the build asked the mirror for.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { writeStandInElectron } from './electron-stand-in';

const [workDir, separator, command, ...args] = process.argv.slice(2);
if (!workDir || separator !== '--' || !command) {
  process.stderr.write('usage: package-offline.ts <workDir> -- <command…>\n');
  process.exit(2);
}
const mirrorDir = join(workDir, 'mirror');
mkdirSync(mirrorDir, { recursive: true });
const version: string = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
writeStandInElectron(mirrorDir, version);

const requested: string[] = [];
// Serves files by name whatever folder @electron/get puts in the URL (v<version>/…); anything else is a 404, and
// each request is listed so the test can tell what electron-builder tried to fetch.
const server = createServer((req, res) => {
  requested.push(req.url ?? '');
  const file = join(mirrorDir, basename(new URL(req.url ?? '/', 'http://mirror').pathname));
  if (!existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

const builder = spawn(command, args, {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    // A test runner's NODE_ENV=test would make Vite bundle React's development build: package what users get.
    NODE_ENV: 'production',
    ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
    // Fresh caches: nothing from an earlier build (or the developer's own cache) may stand in for a download.
    ELECTRON_CACHE: join(workDir, 'electron-cache'),
    ELECTRON_BUILDER_CACHE: join(workDir, 'builder-cache'),
    XDG_CACHE_HOME: join(workDir, 'xdg-cache'),
  },
});
const status = await new Promise<number>((resolve) => builder.on('exit', (code) => resolve(code ?? 1)));
server.close();
writeFileSync(join(workDir, 'mirror-requests.json'), JSON.stringify(requested));
process.exit(status);
