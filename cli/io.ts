// Terminal input and output for the CLI: secrets are read from a hidden prompt or from stdin (never from argv),
// results are printed as text or, with --json, as the same { ok, value | error } envelope the other doors use.
import { readFileSync } from 'node:fs';
import { AppError, exitCodeFor, formatError, type Result } from '../shared/errors';
import { withCliHint } from './hints';

export interface Io {
  /** A terminal (isTTY: secrets are asked for without echo) or a pipe (secrets are read line by line). */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Where a command's exit code goes: the process's, or a test's variable. */
  setExitCode(code: number): void;
}

export const processIo: Io = {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

/** Why a named file could not be read, in words (an errno code means nothing to most users). */
const READ_ERRORS: Record<string, string> = {
  ENOENT: 'there is no such file',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** A file named on the command line; one that cannot be read is bad input, said with its path and the reason. */
export function readFileArg(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = (code && READ_ERRORS[code]) ?? `it could not be read (${code ?? String(err)})`;
    throw new AppError('VALIDATION', `Cannot read ${path}: ${why}.`);
  }
}

/** Reads all of stdin (piped input), trimming one trailing newline. */
export async function readStdin(io: Io): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks for a secret without echoing it; from a pipe, reads the next line instead. */
export async function askSecret(io: Io, question: string): Promise<string> {
  if (!io.stdin.isTTY) {
    const lines = await stdinLines(io);
    const line = lines.shift();
    if (line === undefined)
      throw new AppError(
        'VALIDATION',
        `${question}: no value on standard input.`,
        'Pipe the secret in, e.g. `printf %s "$SECRET" | sinch-keys add …`.',
      );
    return line;
  }
  const { default: password } = await import('@inquirer/password');
  return password({ message: question, mask: false });
}

const pendingLines = new WeakMap<Io['stdin'], Promise<string[]>>();
/** Piped stdin split into lines once per stream, so several secrets can be answered in order. */
function stdinLines(io: Io): Promise<string[]> {
  let lines = pendingLines.get(io.stdin);
  if (!lines) {
    lines = readStdin(io).then((text) => (text === '' ? [] : text.split(/\r?\n/)));
    pendingLines.set(io.stdin, lines);
  }
  return lines;
}

export function printResult<T>(io: Io, json: boolean, result: Result<T>, human: (value: T) => string): number {
  // --json prints the value itself on success (what scripts want), and { "error": … } on failure.
  if (!result.ok) {
    const error = withCliHint(result.error);
    if (json) io.stdout.write(`${JSON.stringify({ error }, null, 2)}\n`);
    else io.stderr.write(formatError(error));
    return exitCodeFor(error.code);
  }
  if (json) {
    io.stdout.write(`${JSON.stringify(result.value, null, 2)}\n`);
    return 0;
  }
  const text = human(result.value);
  if (text) io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}

// East Asian Wide and Fullwidth blocks (Unicode UAX #11) and emoji take two terminal columns.
const WIDE =
  /^(?:\p{Extended_Pictographic}|[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}])/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Columns a text takes in a terminal: per grapheme, 2 when wide (CJK, emoji), 0 for control characters, else 1. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of graphemes.segment(text)) width += WIDE.test(segment) ? 2 : /^\p{Cc}/u.test(segment) ? 0 : 1;
  return width;
}

/** A plain aligned table for list output, aligned by display width so CJK names and emoji keep columns straight. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? '')))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(cell))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
