// Env snippets are checked against the real readers where they exist here: dotenv@17's parse, dash (sh) and fish.
// PowerShell and cmd have no interpreter on this machine, so their quoting rules are tested with targeted cases and,
// for PowerShell, a small model of its single-quoted string rule (a quote followed by a quote stands for the second).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dotenv from 'dotenv';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conceptOfEnvName, ENV_ALIASES, type EnvVar, envVarsForProfile } from '../../shared/env-vars';
import { AppError } from '../../shared/errors';
import type { Profile } from '../../shared/profile';
import { type EnvSyntax, renderAssignment, renderEnv } from '../../shared/snippets/env-syntax';

// Characters that break naive quoting, plus ordinary text and non-BMP Unicode.
const TRICKY = ['\n', '\r', '"', "'", '`', '#', '$', '=', '\\', ' ', '\t', 'n', 'r', '%', '!', '{', '}', '(', ';', '&', '|'];
const UNICODE = ['\u2018', '\u2019', '\u201A', '\u201B', '\u2028', '\u00a0', 'é', '😀', '\u201C'];
const valueArb = fc.oneof(
  fc.string({ unit: fc.constantFrom(...TRICKY, ...UNICODE, 'a', 'Z', '0'), maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 16 }).filter((s) => !s.includes('\0')),
);
const vars = (values: string[]): EnvVar[] => values.map((value, i) => ({ name: `V${i}`, value, secret: false }));

const unsafeCode = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof AppError ? err.code : 'not an AppError';
  }
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'env-syntax-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs a shell on a snippet file and returns what it printed (the values, NUL-separated). */
function run(cmd: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C.UTF-8' } },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`${cmd} failed: ${err.message}\n${stderr.toString()}`));
        else resolve(stdout);
      },
    );
  });
}

const expectedBytes = (values: string[]) => Buffer.concat(values.map((v) => Buffer.from(`${v}\0`, 'utf8')));

async function roundTripThroughShell(syntax: 'posix' | 'fish', values: string[], file: string): Promise<void> {
  await writeFile(file, renderEnv(vars(values), syntax, { includeSecrets: true }));
  const refs = values.map((_, i) => (syntax === 'posix' ? `"$V${i}"` : `$V${i}`)).join(' ');
  const out =
    syntax === 'posix'
      ? await run('sh', ['-c', `. "$1"; printf '%s\\0' ${refs}`, 'sh', file])
      : await run('fish', ['--no-config', '-c', `source $argv[1]; printf '%s\\0' ${refs}`, file]);
  expect(out.equals(expectedBytes(values))).toBe(true);
}

describe('.env syntax read back by dotenv@17', () => {
  it('more than 1000 random values with line breaks, every quote kind, #, $, = and backslashes come back identical', () => {
    let roundTripped = 0;
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 1, maxLength: 40 }), (values) => {
        const refusals = values.map((v) => [v, unsafeCode(() => renderAssignment('X', v, 'dotenv'))] as const);
        const writable = refusals.filter(([, code]) => code === undefined).map(([v]) => v);
        // dotenv has no escape for quotes, reads CR only as \r inside "…", and turns a literal \n or \r there into a
        // line break. A refusal is allowed only where "…" is the last option left and cannot hold the value.
        for (const [v, code] of refusals.filter(([, c]) => c !== undefined)) {
          expect(code).toBe('UNSAFE_VALUE');
          const onlyDoubleQuotesLeft = v.includes('\r') || (v.includes("'") && v.includes('`'));
          expect(onlyDoubleQuotesLeft && (v.includes('"') || /\\[nr]/.test(v))).toBe(true);
        }
        const parsed = dotenv.parse(renderEnv(vars(writable), 'dotenv', { includeSecrets: true }));
        expect(parsed).toEqual(Object.fromEntries(writable.map((v, i) => [`V${i}`, v])));
        roundTripped += writable.length;
      }),
      { numRuns: 400 },
    );
    expect(roundTripped).toBeGreaterThan(1000);
  });

  it('a value ending in a backslash that needs quotes does not swallow the lines after it', () => {
    const values = ['a#b\\', "x'", 'c d\\', "'", ' lead\\', 'plain\\'];
    const text = renderEnv(vars(values), 'dotenv', { includeSecrets: true });
    expect(dotenv.parse(text)).toEqual(Object.fromEntries(values.map((v, i) => [`V${i}`, v])));
  });

  it('multi-line values and carriage returns survive, written on their own lines or as \\r', () => {
    const values = ['line 1\nline 2', 'crlf\r\nend', 'tab\tand "double"', '\u2028start', '', '  spaced  '];
    expect(dotenv.parse(renderEnv(vars(values), 'dotenv', { includeSecrets: true }))).toEqual(
      Object.fromEntries(values.map((v, i) => [`V${i}`, v])),
    );
  });

  it('a value dotenv cannot hold is refused with UNSAFE_VALUE naming the variable', () => {
    for (const value of [`'"\`#`, '"\r', '\\n\r', 'a\0b']) {
      const err = (() => {
        try {
          renderAssignment('SINCH_KEY_SECRET', value, 'dotenv');
        } catch (e) {
          return e as AppError;
        }
      })();
      expect(err?.code).toBe('UNSAFE_VALUE');
      expect(err?.message).toContain('SINCH_KEY_SECRET');
    }
  });
});

describe('shell syntaxes read back by real shells', () => {
  it('1200 random values come back byte for byte from sh', async () => {
    const file = join(dir, 'posix.sh');
    await fc.assert(
      fc.asyncProperty(fc.array(valueArb, { minLength: 200, maxLength: 200 }), (values) =>
        roundTripThroughShell('posix', values, file),
      ),
      { numRuns: 6 },
    );
  });

  it('1200 random values come back byte for byte from fish', async () => {
    const found = await run('fish', ['--version']).catch(() => null);
    if (!found) throw new Error('fish is not installed: install it (Debian: apt-get install fish) to test the fish syntax.');
    const file = join(dir, 'vars.fish');
    await fc.assert(
      fc.asyncProperty(fc.array(valueArb, { minLength: 200, maxLength: 200 }), (values) =>
        roundTripThroughShell('fish', values, file),
      ),
      { numRuns: 6 },
    );
  });
});

/** PowerShell's rule for '…' strings: any of ' ‘ ’ ‚ ‛ ends the string unless the next character is one too. */
function readPowerShellSingleQuoted(literal: string): string {
  const quote = /['\u2018-\u201B]/;
  let out = '';
  for (let i = 1; i < literal.length; i++) {
    const c = literal[i] as string;
    if (quote.test(c)) {
      if (i === literal.length - 1) return out;
      if (!quote.test(literal[i + 1] as string)) throw new Error(`string ends early at ${i}`);
      out += literal[++i];
    } else out += c;
  }
  throw new Error('unterminated string');
}

describe('PowerShell and cmd quoting rules (no interpreter on this machine)', () => {
  it('PowerShell doubles straight and typographic single quotes and leaves $, ` and " literal', () => {
    expect(renderAssignment('A', "it's", 'powershell')).toBe("$env:A = 'it''s'");
    expect(renderAssignment('A', 'a\u2019b\u2018c\u201Ad\u201Be', 'powershell')).toBe(
      "$env:A = 'a\u2019\u2019b\u2018\u2018c\u201A\u201Ad\u201B\u201Be'",
    );
    expect(renderAssignment('A', '$HOME `n "x"', 'powershell')).toBe(`$env:A = '$HOME \`n "x"'`);
  });

  it('random values survive PowerShell single-quoted string reading', () => {
    fc.assert(
      fc.property(valueArb, (value) => {
        const literal = renderAssignment('A', value, 'powershell').slice('$env:A = '.length);
        expect(readPowerShellSingleQuoted(literal)).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });

  it('cmd writes set "NAME=value", where & | < > ^ and spaces are protected by the quotes', () => {
    expect(renderAssignment('SINCH_KEY_ID', 'a b&c|d<e>f^g', 'cmd')).toBe('set "SINCH_KEY_ID=a b&c|d<e>f^g"');
  });

  it('cmd refuses line breaks, ", % and ! and points to PowerShell', () => {
    for (const value of ['a\nb', 'a\rb', 'say "hi"', '100%', 'wow!']) {
      const err = (() => {
        try {
          renderAssignment('SINCH_KEY_SECRET', value, 'cmd');
        } catch (e) {
          return e as AppError;
        }
      })();
      expect(err?.code).toBe('UNSAFE_VALUE');
      expect(err?.message).toContain('SINCH_KEY_SECRET');
      expect(err?.hint).toContain('PowerShell');
    }
  });

  it('a NUL character or a broken surrogate is refused by every syntax', () => {
    for (const syntax of ['dotenv', 'posix', 'fish', 'powershell', 'cmd'] as EnvSyntax[])
      for (const value of ['a\0b', 'x\uD800y', '\uDC00'])
        expect(unsafeCode(() => renderAssignment('A', value, syntax))).toBe('UNSAFE_VALUE');
  });
});

describe('secrets in env snippets', () => {
  const secretVars: EnvVar[] = [
    { name: 'SINCH_KEY_ID', value: 'key-id', secret: false },
    { name: 'SINCH_KEY_SECRET', value: 's3cr3t-value', secret: true },
    { name: 'SINCH_API_TOKEN', secret: true },
  ];

  it('without "include secrets" no syntax contains the secret, and .env gets empty entries to fill in', () => {
    for (const syntax of ['dotenv', 'posix', 'fish', 'powershell', 'cmd'] as EnvSyntax[]) {
      const text = renderEnv(secretVars, syntax, { includeSecrets: false });
      expect(text).not.toContain('s3cr3t-value');
      expect(text).toContain('SINCH_KEY_SECRET is a secret and was not included');
    }
    expect(dotenv.parse(renderEnv(secretVars, 'dotenv', { includeSecrets: false }))).toEqual({
      SINCH_KEY_ID: 'key-id',
      SINCH_KEY_SECRET: '',
      SINCH_API_TOKEN: '',
    });
  });

  it('with "include secrets" a provided secret is written and a missing one stays a placeholder', () => {
    const text = renderEnv(secretVars, 'posix', { includeSecrets: true });
    expect(text).toContain("export SINCH_KEY_SECRET='s3cr3t-value'");
    expect(text).toContain('# SINCH_API_TOKEN is a secret and was not included');
    expect(text).not.toContain('export SINCH_API_TOKEN');
  });

  it('cmd snippets use CRLF line endings and REM comments', () => {
    const text = renderEnv([{ name: 'A', value: '1', secret: false, comment: 'note' }], 'cmd', { includeSecrets: false });
    expect(text).toBe('REM note\r\nset "A=1"\r\n');
  });
});

describe('variables a profile produces', () => {
  const now = '2026-01-01T00:00:00.000Z';
  const stamp = { createdAt: now, updatedAt: now, label: '' };
  const profile: Profile = {
    id: 'p1',
    name: 'prod',
    projectId: '11111111-2222-4333-8444-555555555555',
    environment: 'prod',
    notes: '',
    regions: { sms: 'eu', conversation: 'br' },
    baseUrls: {},
    credentials: [
      { kind: 'accessKey', id: 'ak1', keyId: 'aaaaaaaa-0000-4000-8000-000000000001', ...stamp },
      { kind: 'accessKey', id: 'ak2', keyId: 'aaaaaaaa-0000-4000-8000-000000000002', ...stamp },
      { kind: 'applicationKey', id: 'app1', applicationKey: 'bbbbbbbb-0000-4000-8000-000000000001', ...stamp },
      { kind: 'servicePlan', id: 'sp1', servicePlanId: 'abc12345def', region: 'au', ...stamp },
      { kind: 'mailgun', id: 'mg1', domain: 'mg.example.com', region: 'eu', ...stamp },
    ],
    createdAt: now,
    updatedAt: now,
  };

  it('the SDK set lists every variable in the recommended order, secrets without values when none are given', () => {
    const result = envVarsForProfile({ profile, set: 'sdk' });
    expect(result.map((v) => v.name)).toEqual([
      'SINCH_PROJECT_ID',
      'SINCH_KEY_ID',
      'SINCH_KEY_SECRET',
      'SINCH_APPLICATION_KEY',
      'SINCH_APPLICATION_SECRET',
      'SINCH_SERVICE_PLAN_ID',
      'SINCH_API_TOKEN',
      'SINCH_SMS_REGION',
      'SINCH_CONVERSATION_REGION',
      'MAILGUN_API_KEY',
      'MAILGUN_DOMAIN',
    ]);
    expect(result.filter((v) => v.secret).every((v) => v.value === undefined)).toBe(true);
    expect(result.find((v) => v.name === 'SINCH_KEY_ID')?.value).toBe('aaaaaaaa-0000-4000-8000-000000000001');
    // The service plan's own region decides the SMS host it talks to.
    expect(result.find((v) => v.name === 'SINCH_SMS_REGION')?.value).toBe('au');
    expect(result.find((v) => v.name === 'MAILGUN_DOMAIN')?.comment).toContain('https://api.eu.mailgun.net');
  });

  it('the Functions set uses the runtime names and the chosen access key and its secret', () => {
    const result = envVarsForProfile({ profile, set: 'functions', credentialIds: ['ak2'], secrets: { ak2: 'two', ak1: 'one' } });
    expect(result.map((v) => [v.name, v.value])).toEqual([
      ['PROJECT_ID', profile.projectId],
      ['PROJECT_ID_API_KEY', 'aaaaaaaa-0000-4000-8000-000000000002'],
      ['PROJECT_ID_API_SECRET', 'two'],
      ['VOICE_APPLICATION_KEY', 'bbbbbbbb-0000-4000-8000-000000000001'],
      ['VOICE_APPLICATION_SECRET', undefined],
      ['SMS_SERVICE_PLAN_ID', 'abc12345def'],
    ]);
  });

  it("the sinch-mcp set writes the names Sinch's MCP server reads, and nothing it does not", () => {
    const result = envVarsForProfile({ profile, set: 'sinch-mcp', secrets: { ak1: 'one', app1: 'app-secret', mg1: 'mg-key' } });
    expect(result.map((v) => [v.name, v.value])).toEqual([
      ['PROJECT_ID', profile.projectId],
      ['KEY_ID', 'aaaaaaaa-0000-4000-8000-000000000001'],
      ['KEY_SECRET', 'one'],
      ['CONVERSATION_REGION', 'br'],
      ['APPLICATION_KEY', 'bbbbbbbb-0000-4000-8000-000000000001'],
      ['APPLICATION_SECRET', 'app-secret'],
      ['MAILGUN_API_KEY', 'mg-key'],
      ['MAILGUN_DOMAIN', 'mg.example.com'],
    ]);
  });

  it('choosing an unknown credential or two of one kind is an error, not a silent pick', () => {
    expect(unsafeCode(() => envVarsForProfile({ profile, set: 'sdk', credentialIds: ['nope'] }))).toBe('NOT_FOUND');
    expect(unsafeCode(() => envVarsForProfile({ profile, set: 'sdk', credentialIds: ['ak1', 'ak2'] }))).toBe('VALIDATION');
  });

  it('every alias used by Sinch SDKs, Functions and the MCP server is recognised', () => {
    const cases: Array<[string, string]> = [
      ['SINCH_APP_KEY', 'applicationKey'],
      ['SINCH_APP_SECRET', 'applicationSecret'],
      ['APPLICATION_API_KEY', 'applicationKey'],
      ['SINCH_SMS_API_TOKEN', 'apiToken'],
      ['SMS_SERVICE_PLAN_ID', 'servicePlanId'],
      ['KEY_ID', 'keyId'],
      ['PROJECT_ID_API_SECRET', 'keySecret'],
      ['CONVERSATION_REGION', 'conversationRegion'],
      ['mailgun_domain', 'mailgunDomain'],
      // The .NET SDK's examples.
      ['MY_KEY_ID', 'keyId'],
      ['MY_KEY_SECRET', 'keySecret'],
      ['MY_APPLICATION_KEY', 'applicationKey'],
      ['MY_APPLICATION_SECRET', 'applicationSecret'],
    ];
    for (const [name, concept] of cases) expect(conceptOfEnvName(name)).toBe(concept);
    expect(conceptOfEnvName('SINCH_APP_ID')).toBeUndefined();
    const all = Object.values(ENV_ALIASES).flat();
    expect(new Set(all).size).toBe(all.length);
  });
});
