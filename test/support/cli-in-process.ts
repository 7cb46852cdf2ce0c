// Runs CLI commands inside the test process through buildProgram's runner, with a fake terminal: stdin from a
// string, stdout/stderr into strings, the exit code returned. Fast enough to test every command's behaviour.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { type Context, createContext } from '../../cli/context';
import { runCli } from '../../cli/program';

/** A settings folder and keychain service of the test's own, so no run can touch the developer's profiles. */
export function isolatedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    SINCH_KEYS_HOME: mkdtempSync(join(tmpdir(), 'sinch-keys-cli-unit-')),
    SINCH_KEYS_KEYCHAIN_SERVICE: `sinch-keys-cli-unit-${process.pid}-${Math.random().toString(36).slice(2)}`,
    ...extra,
  };
}

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

const sink = (into: { text: string }) =>
  new Writable({
    write(chunk, _encoding, done) {
      into.text += String(chunk);
      done();
    },
  });

export async function runInProcess(
  words: string[],
  options: { env?: NodeJS.ProcessEnv; stdin?: string; context?: Context } = {},
): Promise<InProcessRun> {
  const out = { text: '' };
  const err = { text: '' };
  const io = {
    stdin: Readable.from([options.stdin ?? '']),
    stdout: sink(out),
    stderr: sink(err),
    setExitCode: () => {},
  };
  const code = await runCli(words, options.context ?? createContext(options.env ?? isolatedEnv()), io);
  return { code, stdout: out.text, stderr: err.text };
}
