// A folder to run generated shell snippets in for real, with the external tools they call wrapped: each wrapper
// appends "<tool> <args>" to the file named by $ARGV_LOG and then runs the real tool, so a test can prove that no
// secret reached a command line. Put `wrappers` first on PATH to log, leave it off to run the tools plainly.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SnippetShell {
  /** Where the test writes its snippets and logs. */
  dir: string;
  /** The folder of argv-logging wrappers, one per tool asked for. */
  wrappers: string;
  close(): Promise<void>;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end with only `env` in its environment; a non-zero exit is a result, not a rejection. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: 20_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export async function openSnippetShell(prefix: string, tools: string[]): Promise<SnippetShell> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const wrappers = join(dir, 'bin');
  await mkdir(wrappers);
  for (const tool of tools) {
    const real = (await run('sh', ['-c', `command -v ${tool}`])).stdout.trim();
    if (!real) throw new Error(`The snippet tests need ${tool} on PATH.`);
    const wrapper = join(wrappers, tool);
    await writeFile(wrapper, `#!/bin/sh\nprintf '%s\\n' "${tool} $*" >> "$ARGV_LOG"\nexec ${real} "$@"\n`);
    await chmod(wrapper, 0o755);
  }
  return { dir, wrappers, close: () => rm(dir, { recursive: true, force: true }) };
}
