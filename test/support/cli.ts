// Runs the built `sinch-keys` CLI as a user would: a subprocess with its own settings folder and keychain service,
// talking to the test session's real Secret Service. stdin carries secrets exactly as a pipe would.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'sinch-keys.mjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = Record<string, unknown>>(): T;
}

export interface CliHome {
  home: string;
  service: string;
  env: NodeJS.ProcessEnv;
  run(args: string[], options?: { stdin?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CliRun>;
}

/** Environment without any credential variables of the developer running the tests. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(SINCH_|MAILGUN_|PROJECT_ID|KEY_|APPLICATION_)/.test(k)),
  );
  return { ...env, NO_COLOR: '1', ...extra };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, stdin = '', timeoutMs = 30_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, json: () => JSON.parse(stdout) });
    });
    child.stdin.end(stdin);
  });
}

export function cliHome(): CliHome {
  const home = mkdtempSync(join(tmpdir(), 'sinch-keys-cli-'));
  const service = `sinch-keys-cli-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const env = cleanEnv({ SINCH_KEYS_HOME: home, SINCH_KEYS_KEYCHAIN_SERVICE: service });
  return { home, service, env, run: (args, o = {}) => runCli(args, { ...env, ...o.env }, o.stdin, o.timeoutMs) };
}
