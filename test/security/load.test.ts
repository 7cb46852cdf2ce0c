// Load: 1 000 profiles with a credential each, made through the engine; listing and searching them never touches
// the keychain, and 100 test requests fired at once on one access key share a single token exchange. Times are
// printed for the record and never asserted (they depend on the machine).
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/engine';
import { MemorySecretStore } from '../../core/keychain';
import type { Operation, OperationInput, Replies } from '../../shared/contract';
import type { ProfileSummary, TestResult } from '../../shared/views';
import { type FakeSinch, startFakeSinch } from '../support/fake-sinch';
import { CountingSecretStore, engineIn } from './support/engine-fixture';

const PROFILES = 1000;
const CONCURRENT = 100;
const PROJECT_ID = '0f6d3c52-8a51-4f0c-9a55-6a1c2b9e7d10';
const KEY_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const SECRET = 'load-test-key-secret';
const SLOW = 300_000;

const store = new CountingSecretStore(new MemorySecretStore());
const { dir, engine } = engineIn({ secrets: store });
const figures: string[] = [];

/** One operation through the same dispatch every door uses; a refusal fails the test with its message. */
async function call<O extends Operation>(op: O, input: OperationInput<O>): Promise<Replies[O]> {
  const reply = await dispatch(engine.handlers, op, input);
  if (!reply.ok) throw new Error(`${op}: ${reply.error.code} ${reply.error.message}`);
  return reply.value as Replies[O];
}

const uuid = (n: number) => `${n.toString(16).padStart(8, '0')}-1b7a-4c2e-9f57-2a8f2f1d9b11`;

async function timed<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await fn();
  figures.push(`${what} ${(performance.now() - started).toFixed(1)} ms`);
  return value;
}

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  console.log(`load: ${figures.join('; ')}`);
});

describe('a thousand profiles', () => {
  it(
    '1 000 profiles, each with an access key, are created through the engine',
    async () => {
      await timed(`${PROFILES} profiles + credentials created in`, async () => {
        for (let i = 0; i < PROFILES; i++) {
          const profile = await call('profiles.create', {
            name: `Customer ${i} ${i % 7 === 0 ? 'Acme' : 'Globex'}`,
            projectId: uuid(i),
            environment: i % 3 === 0 ? 'prod' : 'staging',
          });
          await call('credentials.add', {
            profileId: profile.id,
            credential: { kind: 'accessKey', keyId: uuid(PROFILES + i), secret: `secret-${i}`, label: `key ${i} of ${PROFILES}` },
          });
        }
      });
      expect(store.calls).toEqual({ get: 0, set: PROFILES, delete: 0 });
      expect(await call('profiles.list', {})).toHaveLength(PROFILES);
    },
    SLOW,
  );

  it(
    'listing and searching them reads no secret from the keychain',
    async () => {
      store.calls.get = 0;
      const all = await timed('list', () => call('profiles.list', {}));
      const byName = await timed('search by name', () => call('profiles.list', { query: 'acme' }));
      const byEnvironment = await timed('search by environment', () => call('profiles.list', { query: 'STAGING' }));
      const byProject = await timed('search by project ID', () => call('profiles.list', { query: uuid(999) }));
      const byLabel = await timed('search by credential label', () => call('profiles.list', { query: 'key 42 of' }));
      const none = await timed('search with no match', () => call('profiles.list', { query: 'no such profile' }));
      const one = await timed('get one', () => call('profiles.get', { profileId: (all[500] as ProfileSummary).id }));

      expect(all).toHaveLength(PROFILES);
      expect(all.every((p) => p.credentialCount === 1 && p.credentialKinds.join() === 'accessKey')).toBe(true);
      expect(byName).toHaveLength(Math.ceil(PROFILES / 7));
      expect(byEnvironment).toHaveLength(PROFILES - Math.ceil(PROFILES / 3));
      expect(byProject.map((p) => p.name)).toEqual(['Customer 999 Globex']);
      expect(byLabel.map((p) => p.name)).toEqual(['Customer 42 Acme']);
      expect(none).toEqual([]);
      expect(one.credentials).toHaveLength(1);
      expect(store.calls.get).toBe(0);
      figures.push('0 keychain reads');
    },
    SLOW,
  );
});

describe('100 test requests at once on one access key', () => {
  let fake: FakeSinch | undefined;
  afterEach(() => fake?.close());

  it(
    'share one token exchange, read the secret once, and all succeed',
    async () => {
      const sinch = await startFakeSinch({ keys: [{ keyId: KEY_ID, keySecret: SECRET, projectId: PROJECT_ID }] });
      fake = sinch;
      const allowed = (url: string) => ({ url, allowForeignHost: true });
      const profile = await call('profiles.create', {
        name: 'Load target',
        projectId: PROJECT_ID,
        baseUrls: { auth: allowed(sinch.tokenUrl), numbers: allowed(sinch.url) },
      });
      const key = await call('credentials.add', {
        profileId: profile.id,
        credential: { kind: 'accessKey', keyId: KEY_ID, secret: SECRET },
      });
      store.calls.get = 0;
      const results: TestResult[] = await timed(`${CONCURRENT} concurrent test requests`, () =>
        Promise.all(
          Array.from({ length: CONCURRENT }, (_, i) =>
            call('request.test', { profileId: profile.id, credentialId: key.id, productId: 'numbers', requestId: `load-${i}` }),
          ),
        ),
      );
      expect(sinch.tokenRequests).toHaveLength(1);
      expect(sinch.apiRequests).toHaveLength(CONCURRENT);
      expect(results.filter((r) => r.ok && r.status === 200 && r.diagnosis.code === 'OK')).toHaveLength(CONCURRENT);
      expect(store.calls.get).toBe(1);
      figures.push(`${sinch.tokenRequests.length} token exchange for ${CONCURRENT} requests, ${CONCURRENT}/${CONCURRENT} ok`);
    },
    SLOW,
  );
});
