// How every door reads the SINCH_KEYS_* variables: one parser, clear errors, and a README row for each variable.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOOT_VARIABLES, readBootConfig } from '../../core/bootstrap';
import { AppError } from '../../shared/errors';

const ROOT = join(import.meta.dirname, '..', '..');

const refusal = (env: NodeJS.ProcessEnv): AppError => {
  try {
    readBootConfig(env, '/default/home');
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
};

describe('readBootConfig', () => {
  it('without variables: the door’s own folder, the app’s keychain service and default timeout, any free port', () => {
    expect(readBootConfig({}, '/default/home')).toEqual({
      home: '/default/home',
      keychainService: undefined,
      keychainTimeoutMs: undefined,
      webPort: 0,
      debug: false,
    });
  });

  it('without a door folder: the user-data folder Electron would use', () => {
    expect(readBootConfig({ XDG_CONFIG_HOME: '/xdg' }, undefined, 'linux').home).toBe('/xdg/Sinch Keys');
    expect(readBootConfig({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, undefined, 'win32').home).toMatch(/Sinch Keys$/);
  });

  it('takes every variable it documents', () => {
    const config = readBootConfig(
      {
        SINCH_KEYS_HOME: '/tmp/sk',
        SINCH_KEYS_KEYCHAIN_SERVICE: 'sk-test',
        SINCH_KEYS_KEYCHAIN_TIMEOUT_MS: '1500',
        SINCH_KEYS_WEB_PORT: '8765',
        SINCH_KEYS_DEBUG: 'true',
      },
      '/default/home',
    );
    expect(config).toEqual({
      home: '/tmp/sk',
      keychainService: 'sk-test',
      keychainTimeoutMs: 1500,
      webPort: 8765,
      debug: true,
    });
  });

  it('treats an empty value as unset', () => {
    const empty = Object.fromEntries(BOOT_VARIABLES.map((name) => [name, '']));
    expect(readBootConfig(empty, '/default/home')).toEqual(readBootConfig({}, '/default/home'));
  });

  it.each([
    ['SINCH_KEYS_HOME', 'relative/folder', 'an absolute path'],
    ['SINCH_KEYS_KEYCHAIN_SERVICE', '   ', 'a keychain service name'],
    ['SINCH_KEYS_KEYCHAIN_TIMEOUT_MS', 'soon', 'a whole number from 1 to 600000'],
    ['SINCH_KEYS_KEYCHAIN_TIMEOUT_MS', '0', 'a whole number from 1 to 600000'],
    ['SINCH_KEYS_KEYCHAIN_TIMEOUT_MS', '2.5', 'a whole number from 1 to 600000'],
    ['SINCH_KEYS_KEYCHAIN_TIMEOUT_MS', '600001', 'a whole number from 1 to 600000'],
    ['SINCH_KEYS_WEB_PORT', '65536', 'a whole number from 0 to 65535'],
    ['SINCH_KEYS_WEB_PORT', '-1', 'a whole number from 0 to 65535'],
    ['SINCH_KEYS_DEBUG', 'maybe', '1 or 0 (true or false)'],
  ])('refuses %s=%j with an error naming the variable', (name, value, expected) => {
    const error = refusal({ [name]: value });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe(`${name} is set to "${value}", which is not ${expected}.`);
    expect(error.hint).toBe(`Fix or unset ${name}.`);
  });

  it('accepts the edges of each range and the usual words for on and off', () => {
    expect(readBootConfig({ SINCH_KEYS_KEYCHAIN_TIMEOUT_MS: '600000' }).keychainTimeoutMs).toBe(600_000);
    expect(readBootConfig({ SINCH_KEYS_KEYCHAIN_TIMEOUT_MS: '1' }).keychainTimeoutMs).toBe(1);
    expect(readBootConfig({ SINCH_KEYS_WEB_PORT: '65535' }).webPort).toBe(65_535);
    for (const on of ['1', 'yes', 'ON']) expect(readBootConfig({ SINCH_KEYS_DEBUG: on }).debug).toBe(true);
    for (const off of ['0', 'no', 'False']) expect(readBootConfig({ SINCH_KEYS_DEBUG: off }).debug).toBe(false);
    expect(readBootConfig({ SINCH_KEYS_HOME: 'C:\\Users\\a\\sk' }).home).toBe('C:\\Users\\a\\sk');
  });
});

describe('the README', () => {
  const table = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const rows = new Set([...table.matchAll(/^\| `(SINCH_KEYS_[A-Z_]+)` \|/gm)].map((m) => m[1]));

  it('has a row for every SINCH_KEYS_* variable the bootstrap reads', () => {
    for (const name of BOOT_VARIABLES) expect(rows, name).toContain(name);
  });

  it('has a row for every SINCH_KEYS_* variable named anywhere in the code', () => {
    const named = new Set<string>();
    for (const folder of ['shared', 'core', 'electron', 'renderer', 'web', 'cli', 'agent', 'scripts', 'bin']) {
      let files: string[];
      try {
        files = readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' });
      } catch {
        continue;
      }
      for (const file of files.filter((f) => /\.(ts|tsx|mjs|sh)$/.test(f)))
        for (const m of readFileSync(join(ROOT, folder, file), 'utf8').matchAll(/SINCH_KEYS_[A-Z][A-Z_]*[A-Z]/g)) named.add(m[0]);
    }
    expect(named.size).toBeGreaterThan(3);
    for (const name of named) expect(rows, name).toContain(name);
  });
});
