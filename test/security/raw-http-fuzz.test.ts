// Browser mode survives malformed requests written straight to its socket (issue 11 item 1): request lines whose
// target is an authority that does not parse (`//[` once ended the process), odd methods and versions, broken or
// repeated headers. After each batch an authenticated call must still answer, and nothing may reach the event loop.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../core/keychain';
import { startWebServer, type WebServer } from '../../web/server';
import { openWebSession, type WebSession } from '../support/web-session';
import { engineIn, rendererDir } from './support/engine-fixture';
import { authenticatedCall, inPool } from './support/http';
import { rawRequests, sendRaw } from './support/raw-http';

const TOTAL = 10_000;
const BATCH = 1_000;
const SLOW = 240_000;

const { dir, engine } = engineIn({ secrets: new MemorySecretStore() });
let server: WebServer;
let port: number;
let session: WebSession;
const escaped: unknown[] = [];
const onEscape = (err: unknown) => escaped.push(err);

beforeAll(async () => {
  process.on('uncaughtException', onEscape);
  process.on('unhandledRejection', onEscape);
  server = await startWebServer({ engine, rendererDir: rendererDir(dir) });
  port = Number(new URL(server.url).port);
  session = await openWebSession(server);
});

afterAll(async () => {
  process.off('uncaughtException', onEscape);
  process.off('unhandledRejection', onEscape);
  await server?.close();
});

describe('browser mode over a raw socket', () => {
  it.each(['//[', '//a:b@[x', '//[::1', 'http://[/api/x'])(
    'a request for %s is refused and the server keeps answering',
    async (target) => {
      const status = await sendRaw(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
      expect(status).toMatch(/^HTTP\/1\.1 4\d\d /);
      expect(await authenticatedCall(session, 'profiles.list')).toEqual({ ok: true, value: [] });
    },
  );

  it(
    `${TOTAL} malformed request lines and headers: an authenticated call answers after every batch of ${BATCH}`,
    async () => {
      const statuses = new Map<string, number>();
      const host = `127.0.0.1:${port}`;
      for (let sent = 0; sent < TOTAL; sent += BATCH) {
        await inPool(fc.sample(rawRequests(host), BATCH), 16, async (raw) => {
          const status = (await sendRaw(port, raw)).split(' ')[1] ?? 'none';
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        });
        expect(await authenticatedCall(session, 'profiles.list'), `after ${sent + BATCH}`).toEqual({ ok: true, value: [] });
      }
      expect(escaped).toEqual([]);
      // Nothing but refusals (and the UI's own files for a GET of a plain path): no 5xx, no operation run.
      expect([...statuses.keys()].filter((s) => s.startsWith('5'))).toEqual([]);
      console.log(`raw fuzz: ${TOTAL} requests, answers by status ${JSON.stringify(Object.fromEntries(statuses))}`);
    },
    SLOW,
  );
});
