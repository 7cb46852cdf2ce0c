// Figure 5: the JavaScript a window downloads and parses: every .js file under dist/renderer, each gzipped at
// level 9 (what a user's disk holds is not compressed, but gzip is the usual yardstick for a bundle's weight).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Figure, notMeasured } from './support';

const NAME = 'Renderer JavaScript, gzipped';
const TARGET = '≤ 250 KB';
const LIMIT_BYTES = 250 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function measureRendererSize(rendererDir: string): Figure {
  let files: string[];
  try {
    files = readdirSync(rendererDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  } catch {
    return notMeasured(NAME, TARGET, `${rendererDir} is missing (npx vite build)`);
  }
  if (files.length === 0) return notMeasured(NAME, TARGET, `no .js files in ${rendererDir} (npx vite build)`);
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const bytes = readFileSync(join(rendererDir, file));
    raw += bytes.length;
    gzipped += gzipSync(bytes, { level: 9 }).length;
  }
  return {
    name: NAME,
    measured: kb(gzipped),
    target: TARGET,
    pass: gzipped <= LIMIT_BYTES,
    detail: `${files.length} file(s), ${kb(raw)} before gzip; KB = 1,024 bytes.`,
  };
}
