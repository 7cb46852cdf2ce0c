#!/bin/sh
# Doyensec Electronegativity 1.10.3 over what runs in Electron: the main process and preload (electron/), the
# renderer sources (renderer/) and, when built, the page the window loads (dist/renderer/index.html).
# docs/security-checklist.md#electronegativity: the tool exits 0 even with HIGH findings, so this script gates on its CSV instead: any finding
# row fails. An accepted risk carries `// eng-disable CHECK_ID <why>` on the flagged line (a test checks the why).
# It does not cover IPC sender checks, the preload's exposure or fuses (docs/security-checklist.md#electronegativity): test/security/static-checks.test.ts does.
set -eu
cd "$(dirname "$0")/.."

tool=tools/electronegativity
bin="$tool/node_modules/.bin/electronegativity"
# Its own lockfile and node_modules: its eslint 7 / TypeScript 4.2 tree stays out of the app's dependency graph.
[ -x "$bin" ] || npm ci --prefix "$tool" --no-audit --no-fund --loglevel=error >&2

# Without -e it reads the version from the input folder and, finding none, assumes Electron 0.1.0 (docs/security-checklist.md#electronegativity).
version=$(node -p "require('./package.json').devDependencies.electron.replace(/^[^0-9]*/, '')")

# One scan over one folder, so its global checks (CSP, navigation limits, permission handler) see the whole app:
# scanned apart, renderer/ alone "lacks" the navigation guards that live in electron/.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R electron renderer "$work/"
if [ -f dist/renderer/index.html ]; then
  mkdir -p "$work/dist/renderer"
  cp dist/renderer/index.html "$work/dist/renderer/"
fi

out="$work/electronegativity.csv"
if ! "$bin" -i "$work" -r -e "$version" -o "$out" >"$work/scan.log" 2>&1 || [ ! -f "$out" ]; then
  cat "$work/scan.log" >&2
  echo "electronegativity: the scan itself failed" >&2
  exit 2
fi

# One row per finding after the header; count rows that start with a check ID, so a sample with a line break in it
# cannot change the count.
findings=$(grep -cE '^[A-Z_]+_CHECK,' "$out" || true)
echo "electronegativity $(node -p "require('./$tool/node_modules/@doyensec/electronegativity/package.json').version") (Electron $version): $findings finding(s)"
if [ "$findings" -ne 0 ]; then
  grep -E '^[A-Z_]+_CHECK,' "$out" | cut -d, -f1-6 >&2
  echo "Fix each finding, or mark a reviewed false positive with // eng-disable CHECK_ID and a one-line reason." >&2
  exit 1
fi
