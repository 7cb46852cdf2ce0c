// What every figure module shares: the shape of a result, medians, and a clock for wall time.
import { cpus, loadavg, totalmem } from 'node:os';

export interface Figure {
  name: string;
  /** Human text of the measured value, e.g. "1.04× (271,000/s)". */
  measured: string;
  target: string;
  /** undefined: the figure could not be measured here (see `measured`, which then starts with "not measured"). */
  pass: boolean | undefined;
  /** A supporting measurement shown to explain a figure; it has no target of its own. */
  info?: boolean;
  /** How it was measured and the raw numbers behind the median, for the report. */
  detail?: string;
}

export interface BenchOptions {
  /** Fewer repetitions, for a quick look while changing code; the report says so. */
  quick: boolean;
  root: string;
  /** The built renderer to measure. */
  rendererDir: string;
}

export const notMeasured = (name: string, target: string, reason: string): Figure => ({
  name,
  measured: `not measured: ${reason}`,
  target,
  pass: undefined,
});

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The value below which `p` (0–1) of the values fall, nearest rank: p95 of 500 runs is the 475th fastest. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

export const ms = (value: number): string => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
export const ratio = (value: number): string => `${value.toFixed(2)}×`;
export const count = (value: number): string => Math.round(value).toLocaleString('en-US');
export const range = (values: readonly number[], format: (v: number) => string): string =>
  `${format(Math.min(...values))}–${format(Math.max(...values))}`;

/** Runs `body` and returns its wall time in milliseconds together with its value. */
export async function timed<T>(body: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await body();
  return { ms: performance.now() - start, value };
}

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  platform: string;
}

/** The 1-minute load average: other work on the machine slows every figure, so the report states it. */
export const loadAverage = (): number => Math.round((loadavg()[0] ?? 0) * 100) / 100;

export function describeMachine(): Machine {
  const all = cpus();
  return {
    cpu: all[0]?.model.trim() || 'unknown CPU',
    cores: all.length,
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** The message of an unknown failure, for a "not measured" line. */
export const reasonOf = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
