// The table printed on the terminal, and the "latest results" block of docs/benchmarks.md, rewritten between two
// markers so the hand-written method notes around it stay as they are.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Figure, Machine } from './support';

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

export const verdict = (f: Figure): string => (f.info ? 'info' : f.pass === undefined ? 'n/a' : f.pass ? 'pass' : 'MISS');

export function terminalTable(figures: readonly Figure[]): string {
  const rows = [['figure', 'measured', 'target', 'result'], ...figures.map((f) => [f.name, f.measured, f.target, verdict(f)])];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ');
  return [line(rows[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function markdownResults(
  figures: readonly Figure[],
  machine: Machine,
  run: { date: string; quick: boolean; build: string; load: [number, number] },
): string {
  const lines = [
    START,
    `Measured ${run.date} on ${machine.cpu}, ${machine.cores} logical cores, ${machine.ramGiB} GiB RAM, Node ${machine.node} (${machine.platform}); 1-minute load average ${run.load[0]} at the start and ${run.load[1]} at the end${run.quick ? '; a --quick run, fewer repetitions' : ''}. ${run.build}`,
    '',
    '| figure | measured | target | result |',
    '|---|---|---|---|',
    ...figures.map((f) => `| ${cell(f.name)} | ${cell(f.measured)} | ${cell(f.target)} | ${verdict(f)} |`),
    '',
    'How each was measured in this run:',
    '',
    ...figures.filter((f) => f.detail).map((f) => `- **${cell(f.name)}**: ${f.detail}`),
    END,
  ];
  return lines.join('\n');
}

/** Replaces the results block of the file (or appends one); creates the file when there is none. */
export function writeResults(path: string, block: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\nRun `npm run bench`.\n';
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start !== -1 && end > start
      ? `${current.slice(0, start)}${block}${current.slice(end + END.length)}`
      : `${current.trimEnd()}\n\n## Latest results\n\n${block}\n`;
  writeFileSync(path, next);
}
