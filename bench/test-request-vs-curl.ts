// Figure 3: the wall time of a test request against curl sending the same request, with the same headers, to the
// same server on 127.0.0.1 (the fake Sinch, its token fetched beforehand so only the API call is timed).
//
// The figure: one request each, N alternating runs, medians. Ours is runTestRequest (plan, host guard, cached
// token, fetch, redaction, diagnosis) timed in-process, as the app and the CLI run it; curl is spawned as a child
// process per request, as a developer runs it, and timed from spawn to exit. The server answers with
// `Connection: close`, so neither side reuses a connection the other could not.
//
// Two supporting rows (no target) isolate the HTTP stack: the same runs against curl's own %{time_total} (connect to
// last byte, curl's process start left out), and per-request time in a loop on a kept-alive connection (ours N in a
// row; curl N URLs in one process; plain fetch() N in a row as the floor Node's HTTP client sets).
import { spawn } from 'node:child_process';
import { runTestRequest, type TestRequestDeps, type TestRequestInput } from '../core/test-request';
import { type AccessKeyFixture, accessKeyFixture } from './engine-fixture';
import { type BenchOptions, type Figure, median, ms, notMeasured, ratio, timed } from './support';

const NAME = 'Test-request wall time vs curl, same request, local server on 127.0.0.1';
const NAME_TRANSFER = '… the same runs against curl’s own transfer time (%{time_total})';
const NAME_LOOP = '… per request in a loop on a kept-alive connection';
const TARGET = '≤ 1.2×';

/** Runs curl with headers on stdin (`-H @-`, as our curl snippets do); each transfer's time_total and the wall time. */
function curl(urls: string[], headers: string): Promise<{ transfersMs: number[]; wallMs: number }> {
  const args = ['-sS', '--fail', '-H', '@-', '-w', '%{time_total}\\n'];
  for (const url of urls) args.push('-o', '/dev/null', url);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('curl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      if (code !== 0) return reject(new Error(`curl exited with ${code}: ${err.trim()}`));
      resolve({
        transfersMs: out
          .trim()
          .split('\n')
          .map((s) => Number(s) * 1000),
        wallMs,
      });
    });
    child.stdin.end(headers);
  });
}

const curlAvailable = () =>
  new Promise<boolean>((resolve) => {
    const child = spawn('curl', ['--version'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });

export async function measureTestRequestVsCurl({ quick }: BenchOptions): Promise<Figure[]> {
  if (!(await curlAvailable())) return [notMeasured(NAME, TARGET, 'curl is not installed (Debian: apt-get install curl)')];
  const fixture = await accessKeyFixture();
  try {
    return await compare(fixture, quick);
  } finally {
    await fixture.close();
  }
}

async function compare(fixture: AccessKeyFixture, quick: boolean): Promise<Figure[]> {
  const { engine, fake, profile, credential } = fixture;
  const input: TestRequestInput = { profile, credential, productId: 'numbers' };
  const deps: TestRequestDeps = { readSecret: (id) => engine.profiles.readSecret(profile.id, id), tokens: engine.tokens };
  let url = '';
  const ours = async () => {
    const result = await runTestRequest(input, deps);
    if (!result.ok) throw new Error(`the test request failed: ${result.diagnosis.outcome}`);
    url = result.url;
  };
  for (let i = 0; i < 20; i++) await ours(); // exchanges the token once, then warms the JIT and the connection pool
  const token = fake.issuedTokens[0];
  if (!token || fake.tokenRequests.length !== 1) throw new Error('the warm-up did not exchange exactly one token');
  const headers = `Authorization: Bearer ${token}\nAccept: application/json\n`;
  const plainFetch = async () => {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    await response.text();
  };
  await curl([url], headers);

  // One request each, fresh connection: the fake answers the next call with `Connection: close`.
  const closing = () =>
    fake.script.api({ status: 200, headers: { connection: 'close' }, body: { projectId: profile.projectId } });
  const runs = quick ? 8 : 40;
  const oursMs: number[] = [];
  const curlWallMs: number[] = [];
  const curlTransferMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    closing();
    oursMs.push((await timed(ours)).ms);
    closing();
    const one = await curl([url], headers);
    curlWallMs.push(one.wallMs);
    curlTransferMs.push(one.transfersMs[0] ?? Number.NaN);
  }
  const wallRatio = median(oursMs) / median(curlWallMs);
  const transferRatio = median(oursMs) / median(curlTransferMs);

  // Per request in a loop, kept-alive connection; the fake checks every token as Sinch would.
  const loopSize = quick ? 50 : 200;
  const loops = quick ? 2 : 5;
  const perRequest = { ours: [] as number[], fetch: [] as number[], curl: [] as number[] };
  const loop = async (send: () => Promise<void>) =>
    (
      await timed(async () => {
        for (let i = 0; i < loopSize; i++) await send();
      })
    ).ms / loopSize;
  for (let l = 0; l < loops; l++) {
    perRequest.ours.push(await loop(ours));
    perRequest.fetch.push(await loop(plainFetch));
    const theirs = await curl(Array(loopSize).fill(url), headers);
    perRequest.curl.push(theirs.transfersMs.reduce((a, b) => a + b, 0) / loopSize);
  }
  const [oursLoop, fetchLoop, curlLoop] = [median(perRequest.ours), median(perRequest.fetch), median(perRequest.curl)];

  return [
    {
      name: NAME,
      measured: `${ratio(wallRatio)} (median ${ms(median(oursMs))} ours, ${ms(median(curlWallMs))} curl)`,
      target: TARGET,
      pass: wallRatio <= 1.2,
      detail: `${runs} alternating runs of one request each, fresh connection (Connection: close). Ours: runTestRequest timed in-process, as the app and CLI call it. curl: one child process per request, spawn to exit, headers on stdin.`,
    },
    {
      name: NAME_TRANSFER,
      measured: `${ratio(transferRatio)} (${ms(median(curlTransferMs))} curl)`,
      target: '—',
      pass: undefined,
      info: true,
      detail: `The same runs, curl timed by its own %{time_total} (connect to last byte): what our HTTP stack and test pipeline cost next to libcurl.`,
    },
    {
      name: NAME_LOOP,
      measured: `${ratio(oursLoop / curlLoop)} (${ms(oursLoop)} ours, ${ms(fetchLoop)} plain fetch, ${ms(curlLoop)} curl)`,
      target: '—',
      pass: undefined,
      info: true,
      detail: `${loops} loops of ${loopSize} sequential requests on a kept-alive connection, medians of per-request time: runTestRequest, a bare fetch() with the same headers (the floor Node's HTTP client sets: ${ratio(fetchLoop / curlLoop)} curl), and curl with ${loopSize} URLs in one process (sum of %{time_total} / ${loopSize}).`,
    },
  ];
}
