// curl snippets are run for real: bash executes them against a loopback server, which records exactly what arrived.
// External commands (curl, base64, tr, sed) are wrapped to log their argv, proving no secret reaches a command line.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CurlRequest, renderCurl } from '../../shared/snippets/curl';
import { type LocalServer, type RecordedRequest, sendJson, startLocalServer } from '../support/local-server';
import { openSnippetShell, run, type SnippetShell } from '../support/snippet-shell';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjB9.c2lnbmF0dXJl';

let server: LocalServer;
let shell: SnippetShell;
let canary: string;

beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    if (req.url === '/oauth2/token')
      sendJson(res, 200, { access_token: TOKEN, token_type: 'bearer', expires_in: 3600, scope: '' });
    else sendJson(res, 200, { ok: true });
  });
  shell = await openSnippetShell('curl-snippet-', ['curl', 'base64', 'tr', 'sed']);
  canary = join(shell.dir, 'INJECTED');
});

afterAll(async () => {
  await server.close();
  await shell.close();
});

let counter = 0;
/** Writes the snippet to a file and runs it with bash and only the given variables (plus PATH) in its environment. */
async function runSnippet(snippet: string, vars: Record<string, string>, logArgv = false) {
  const id = ++counter;
  const file = join(shell.dir, `snippet-${id}.sh`);
  await writeFile(file, snippet);
  const log = join(shell.dir, `argv-${id}.log`);
  const path = logArgv ? `${shell.wrappers}:${process.env.PATH}` : process.env.PATH;
  const result = await run('bash', [file], { PATH: path, ARGV_LOG: log, ...vars });
  const argv = logArgv ? await readFile(log, 'utf8').catch(() => '') : '';
  return { ...result, argv };
}

const requestsTo = (path: string): RecordedRequest[] => server.requests.filter((r) => r.url === path);
const basicOf = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}`;

const api = (path: string, auth: CurlRequest['auth'], extra: Partial<CurlRequest> = {}): CurlRequest => ({
  method: 'GET',
  url: `${server.url}${path}`,
  auth,
  ...extra,
});

describe('curl snippets run against a local server', () => {
  it('Basic auth sends base64(key:secret) with the right method, path, body and content type', async () => {
    const snippet = renderCurl(
      api(
        '/basic',
        { scheme: 'basic', userVar: 'SINCH_KEY_ID', passVar: 'SINCH_KEY_SECRET' },
        {
          method: 'POST',
          body: '{"to":["+46700000000"],"body":"it\'s $5"}',
          contentType: 'application/json',
          headers: { Accept: 'application/json' },
        },
      ),
    );
    expect(snippet).not.toContain('top-secret');
    const result = await runSnippet(snippet, { SINCH_KEY_ID: 'key-id', SINCH_KEY_SECRET: 'top-secret' }, true);
    expect(result.code).toBe(0);
    const [req] = requestsTo('/basic');
    expect(req?.method).toBe('POST');
    expect(req?.headers.authorization).toBe(basicOf('key-id', 'top-secret'));
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers.accept).toBe('application/json');
    expect(req?.body).toBe('{"to":["+46700000000"],"body":"it\'s $5"}');
    expect(result.argv).toContain('curl');
    expect(result.argv).not.toContain('top-secret');
    expect(result.argv).not.toContain(basicOf('key-id', 'top-secret').slice('Basic '.length));
  });

  it('Mailgun uses Basic with the literal user "api" and the API key', async () => {
    const snippet = renderCurl(api('/v4/domains', { scheme: 'mailgun', passVar: 'MAILGUN_API_KEY' }));
    const result = await runSnippet(snippet, { MAILGUN_API_KEY: 'key-mailgun-123' }, true);
    expect(result.code).toBe(0);
    expect(requestsTo('/v4/domains')[0]?.headers.authorization).toBe(basicOf('api', 'key-mailgun-123'));
    expect(result.argv).not.toContain('key-mailgun-123');
    expect(result.argv).not.toContain(basicOf('api', 'key-mailgun-123').slice('Basic '.length));
  });

  it('an access key is exchanged for a token first, and the API call carries Bearer <token>', async () => {
    const snippet = renderCurl(
      api('/v1/projects/p/availableRegions', {
        scheme: 'bearer',
        userVar: 'SINCH_KEY_ID',
        passVar: 'SINCH_KEY_SECRET',
        tokenUrl: `${server.url}/oauth2/token`,
      }),
    );
    const before = requestsTo('/oauth2/token').length;
    const result = await runSnippet(snippet, { SINCH_KEY_ID: 'kid', SINCH_KEY_SECRET: `s'e"c$r\\et` }, true);
    expect(result.code).toBe(0);
    const token = requestsTo('/oauth2/token').slice(before);
    expect(token).toHaveLength(1);
    expect(token[0]?.method).toBe('POST');
    expect(token[0]?.headers.authorization).toBe(basicOf('kid', `s'e"c$r\\et`));
    expect(token[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(token[0]?.body).toBe('grant_type=client_credentials');
    expect(requestsTo('/v1/projects/p/availableRegions')[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(result.argv).not.toContain(TOKEN);
    expect(result.argv).not.toContain('r\\et');
  });

  it('an SMS API token is sent as Bearer <token>', async () => {
    const snippet = renderCurl(api('/xms/v1/plan/batches?page_size=1', { scheme: 'apiToken', passVar: 'SINCH_API_TOKEN' }));
    const result = await runSnippet(snippet, { SINCH_API_TOKEN: 'tok-abc' }, true);
    expect(result.code).toBe(0);
    expect(requestsTo('/xms/v1/plan/batches?page_size=1')[0]?.headers.authorization).toBe('Bearer tok-abc');
    expect(result.argv).not.toContain('tok-abc');
  });

  it('Voice and Verification with the Basic scheme send the application key and secret as Basic', async () => {
    const snippet = renderCurl(
      api('/v1/configuration/numbers', {
        scheme: 'appBasic',
        keyVar: 'SINCH_APPLICATION_KEY',
        secretVar: 'SINCH_APPLICATION_SECRET',
      }),
    );
    const result = await runSnippet(snippet, {
      SINCH_APPLICATION_KEY: 'app-key',
      SINCH_APPLICATION_SECRET: 'BeIukql3pTKJ8RGL5zo0DA==',
    });
    expect(result.code).toBe(0);
    expect(requestsTo('/v1/configuration/numbers')[0]?.headers.authorization).toBe(
      basicOf('app-key', 'BeIukql3pTKJ8RGL5zo0DA=='),
    );
  });

  it('credentials in the plain header list are refused, since they would land on the command line', () => {
    const request = api('/x', { scheme: 'apiToken', passVar: 'SINCH_API_TOKEN' }, { headers: { authorization: 'Bearer x' } });
    expect(() => renderCurl(request)).toThrow(/carries credentials/);
  });

  it('a missing variable stops the snippet with its name before anything is sent', async () => {
    const snippet = renderCurl(api('/never', { scheme: 'basic', userVar: 'SINCH_KEY_ID', passVar: 'SINCH_KEY_SECRET' }));
    const result = await runSnippet(snippet, { SINCH_KEY_ID: 'kid' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('SINCH_KEY_SECRET');
    expect(requestsTo('/never')).toHaveLength(0);
  });

  it('inline secrets are written only when passed, and still never reach a command line', async () => {
    const auth = { scheme: 'basic', userVar: 'SINCH_KEY_ID', passVar: 'SINCH_KEY_SECRET' } as const;
    const snippet = renderCurl(api('/inline', auth), { inlineSecrets: { SINCH_KEY_SECRET: `in'line $(secret)` } });
    expect(snippet).toContain(`'in'\\''line $(secret)'`);
    expect(snippet).toContain('"$SINCH_KEY_ID"');
    const result = await runSnippet(snippet, { SINCH_KEY_ID: 'kid' }, true);
    expect(requestsTo('/inline')[0]?.headers.authorization).toBe(basicOf('kid', `in'line $(secret)`));
    expect(result.argv).not.toContain("in'line");
  });
});

// Fragments that would execute or expand if quoting were wrong; the canary file proves none of them ran.
const injections = () => [
  `$(touch ${canary})`,
  `\`touch ${canary}\``,
  `'; touch ${canary}; '`,
  `"; touch ${canary}; "`,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal shell expansion is the point
  '${IFS}',
  '%s%n',
];
const anyChar = fc.constantFrom(...[...'\'"$\\ `()[]{};&|<>*?!#%~=\n\té😀'], 'a', 'Z', '9');
const secretArb = () =>
  fc.array(fc.oneof(anyChar, fc.constantFrom(...injections())), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));
// Header values cannot hold line breaks, and HTTP trims surrounding spaces: tokens are printable ASCII.
const tokenArb = fc
  .string({
    unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))),
    minLength: 1,
    maxLength: 40,
  })
  .filter((s) => s.trim() === s);

describe('random secrets: right header, no shell injection', () => {
  const cases = [
    { mode: 'environment variables', inline: false },
    { mode: 'inline secrets', inline: true },
  ];

  for (const { mode, inline } of cases) {
    it(`200 random key secrets through ${mode} give the exact Basic header`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(secretArb(), secretArb()), { minLength: 20, maxLength: 20 }), async (pairs) => {
          await Promise.all(
            pairs.map(async ([user, pass]) => {
              const path = `/basic-random/${++counter}`;
              const secrets = { SINCH_KEY_ID: user, SINCH_KEY_SECRET: pass };
              const snippet = renderCurl(
                api(path, { scheme: 'basic', userVar: 'SINCH_KEY_ID', passVar: 'SINCH_KEY_SECRET' }),
                inline ? { inlineSecrets: secrets } : {},
              );
              await runSnippet(snippet, inline ? {} : secrets);
              expect(requestsTo(path)[0]?.headers.authorization).toBe(basicOf(user, pass));
            }),
          );
        }),
        { numRuns: 10 },
      );
      await expect(stat(canary)).rejects.toThrow();
    }, 60_000);

    it(`200 random API tokens through ${mode} give the exact Bearer header`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(tokenArb, { minLength: 20, maxLength: 20 }), async (tokens) => {
          await Promise.all(
            tokens.map(async (token) => {
              const path = `/token-random/${++counter}`;
              const snippet = renderCurl(
                api(path, { scheme: 'apiToken', passVar: 'SINCH_API_TOKEN' }),
                inline ? { inlineSecrets: { SINCH_API_TOKEN: token } } : {},
              );
              await runSnippet(snippet, inline ? {} : { SINCH_API_TOKEN: token });
              expect(requestsTo(path)[0]?.headers.authorization).toBe(`Bearer ${token}`);
            }),
          );
        }),
        { numRuns: 10 },
      );
      await expect(stat(canary)).rejects.toThrow();
    }, 60_000);
  }
});
