// Renders build/icon.svg (the one icon source) to a 1024×1024 PNG with a transparent background, in Chromium via
// playwright-core. electron-builder converts that PNG into the .icns (macOS), .ico (Windows) and the Linux icon set, so
// no generated picture is committed. Usage: node scripts/icons.mjs [out.png]   (default build/icon.png)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const ICON_SIZE = 1024;

/** A Chromium-family browser on this machine: $CHROMIUM_PATH, then the usual install locations of each OS. */
function findBrowser() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  ];
  return candidates.find((path) => path && existsSync(path));
}

const out = process.argv[2] ?? 'build/icon.png';
const executablePath = findBrowser();
if (!executablePath) {
  process.stderr.write(
    'Rendering the app icon needs Chromium, Chrome or Edge. Install one, or set CHROMIUM_PATH to its executable.\n',
  );
  process.exit(1);
}
const svg = readFileSync(new URL('../build/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: ICON_SIZE, height: ICON_SIZE }, deviceScaleFactor: 1 });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', '<svg style="display:block" ')}</body></html>`,
  );
  writeFileSync(out, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: ICON_SIZE, height: ICON_SIZE } }));
} finally {
  await browser.close();
}
