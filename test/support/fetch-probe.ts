// One request through the Node doors' fetch (core/node-fetch.ts) and the http-client, in a process of its own so
// the test controls the environment it starts with (Node reads NODE_EXTRA_CA_CERTS only at start-up).
// Usage: tsx fetch-probe.ts <url>; prints {status, body} or {failure, message, hint} as JSON.
import { RequestFailure, safeFetch } from '../../core/http-client';
import { nodeFetch } from '../../core/node-fetch';

const url = process.argv[2] ?? '';
try {
  const response = await safeFetch(url, {}, { fetch: nodeFetch(process.env), timeoutMs: 10_000 });
  process.stdout.write(JSON.stringify({ status: response.status, body: response.bodyText }));
} catch (err) {
  if (!(err instanceof RequestFailure)) throw err;
  process.stdout.write(JSON.stringify({ failure: err.failure, message: err.message, hint: err.hint }));
}
