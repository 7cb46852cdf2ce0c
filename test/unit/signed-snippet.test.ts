// The Voice/Verification curl snippet signs at run time: it is run for real with sh, openssl and curl against a local
// server that checks the signature with the official SDK's validator, while every command line is watched for the
// secret (the argv of every program it starts, as strace sees them at execve).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateAuthenticationHeader } from '@sinch/sdk-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CurlRequest, renderCurl } from '../../shared/snippets/curl';
import { type LocalServer, sendJson, startLocalServer } from '../support/local-server';
import { openSnippetShell, run, type SnippetShell } from '../support/snippet-shell';

const APP_KEY = '669E367E-6BBA-48AB-AF15-266871C28135';
// 16 bytes, as the dashboard issues them; and a 96-byte one, longer than an HMAC block, which is hashed first.
const SECRETS = ['BeIukql3pTKJ8RGL5zo0DA==', Buffer.alloc(96, 0xa7).toString('base64')];

let server: LocalServer;
let shell: SnippetShell;
const verdicts: Array<{ path: string; valid: boolean; scheme: string }> = [];
let currentSecret = '';

beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    const path = req.url.split('?')[0] ?? '';
    // The SDK's validator signs the text "undefined" when no Content-Type came; docs/protocol.md#signing step 3 says an absent
    // Content-Type is signed as the empty string, which is what a header with an empty value gives it.
    const headers = { 'content-type': '', ...req.headers };
    const valid = validateAuthenticationHeader(APP_KEY, currentSecret, headers, req.body, path, req.method);
    verdicts.push({ path, valid, scheme: (req.headers.authorization ?? '').split(' ')[0] ?? '' });
    sendJson(res, valid ? 200 : 401, { valid });
  });
  shell = await openSnippetShell('signed-snippet-', ['curl', 'openssl', 'od', 'date']);
});

afterAll(async () => {
  await server.close();
  await shell.close();
});

const request = (path: string, extra: Partial<CurlRequest> = {}): CurlRequest => ({
  method: 'GET',
  url: `${server.url}${path}`,
  auth: { scheme: 'signed', keyVar: 'SINCH_APPLICATION_KEY', secretVar: 'SINCH_APPLICATION_SECRET' },
  ...extra,
});

async function runSigned(snippet: string, secret: string) {
  currentSecret = secret;
  const file = join(shell.dir, `snippet-${verdicts.length}.sh`);
  const log = join(shell.dir, `argv-${verdicts.length}.log`);
  await writeFile(file, snippet);
  const env = {
    PATH: `${shell.wrappers}:${process.env.PATH}`,
    ARGV_LOG: log,
    SINCH_APPLICATION_KEY: APP_KEY,
    SINCH_APPLICATION_SECRET: secret,
  };
  // strace records the argv of every program the snippet starts (absolute paths and subshells included).
  const trace = join(shell.dir, `strace-${verdicts.length}.log`);
  const result = await run('strace', ['-f', '-qq', '-e', 'trace=execve', '-s', '65535', '-o', trace, 'sh', file], env);
  const commandLines = await readFile(trace, 'utf8');
  expect(commandLines).toContain('execve("');
  return { ...result, argv: await readFile(log, 'utf8').catch(() => ''), commandLines };
}

describe('a signed Voice/Verification request, computed when the snippet runs', () => {
  for (const secret of SECRETS)
    it(`is accepted by the SDK's validator, with the secret on no command line (${Buffer.from(secret, 'base64').length}-byte key)`, async () => {
      const snippet = renderCurl(
        request('/calling/v1/callouts', {
          method: 'POST',
          contentType: 'application/json',
          body: '{"method":"ttsCallout","ttsCallout":{"text":"It\'s $5 — ça va?"}}',
        }),
      );
      expect(snippet).not.toContain(secret);
      const result = await runSigned(snippet, secret);
      expect(result.code, result.stderr).toBe(0);
      expect(verdicts.at(-1)).toEqual({ path: '/calling/v1/callouts', valid: true, scheme: 'Application' });
      expect(result.argv).toContain('openssl dgst -sha256');
      const decodedHex = Buffer.from(secret, 'base64').toString('hex');
      for (const seen of [result.argv, result.commandLines]) {
        expect(seen).not.toContain(secret);
        expect(seen.toLowerCase()).not.toContain(decodedHex);
      }
    });

  it('signs a GET without a body or content type (empty Content-MD5), and leaves the query out of the signature', async () => {
    const snippet = renderCurl(request('/verification/v1/verifications/id/probe?x=1'));
    const result = await runSigned(snippet, SECRETS[0] as string);
    expect(result.code, result.stderr).toBe(0);
    expect(verdicts.at(-1)).toEqual({ path: '/verification/v1/verifications/id/probe', valid: true, scheme: 'Application' });
  });

  it('a wrong secret gives a signature the validator refuses', async () => {
    const snippet = renderCurl(request('/calling/v1/wrong'));
    currentSecret = SECRETS[0] as string;
    const file = join(shell.dir, 'wrong.sh');
    await writeFile(file, snippet);
    await run('sh', [file], {
      PATH: process.env.PATH,
      SINCH_APPLICATION_KEY: APP_KEY,
      SINCH_APPLICATION_SECRET: 'QUFBQUFBQUFBQUFBQUFBQQ==',
    });
    expect(verdicts.at(-1)).toEqual({ path: '/calling/v1/wrong', valid: false, scheme: 'Application' });
  });
});
