// One engine, as the desktop app composes it, over a temporary settings folder, a counting memory secret store and
// the fake Sinch on 127.0.0.1: one profile with one access key, its Numbers and token URLs pointed at the fake.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ComposedEngine, composeEngine } from '../core/composition';
import { MemorySecretStore } from '../core/keychain';
import type { FetchLike } from '../core/ports';
import { SettingsStore } from '../core/settings-store';
import type { CredentialMeta, Profile } from '../shared/profile';
import { type FakeKey, type FakeSinch, startFakeSinch } from '../test/support/fake-sinch';
import type { ServerCertificate } from '../test/support/local-server';
import { CountingSecretStore } from './fixtures';

export interface AccessKeyFixture {
  engine: ComposedEngine;
  fake: FakeSinch;
  key: FakeKey;
  profile: Profile;
  credential: CredentialMeta;
  secrets: CountingSecretStore;
  close(): Promise<void>;
}

export interface FixtureOptions {
  /** The fake Sinch speaks HTTPS with this certificate, and the engine sends with this fetch (which trusts it). */
  https?: { certificate: ServerCertificate; fetch: FetchLike };
  /** Every answer of the fake Sinch waits this long, as a real round trip would. */
  latencyMs?: number;
}

export async function accessKeyFixture(options: FixtureOptions = {}): Promise<AccessKeyFixture> {
  const key: FakeKey = { keyId: randomUUID(), keySecret: `bench-secret-${randomUUID()}`, projectId: randomUUID() };
  const fake = await startFakeSinch({
    keys: [key],
    ...(options.https ? { tls: options.https.certificate } : {}),
    ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}),
  });
  const dir = mkdtempSync(join(tmpdir(), 'sinch-keys-bench-engine-'));
  const secrets = new CountingSecretStore(new MemorySecretStore());
  const engine = composeEngine({
    settings: SettingsStore.at(dir),
    secrets,
    version: 'bench',
    ...(options.https ? { fetch: options.https.fetch } : {}),
  });
  const created = await engine.profiles.create({
    name: 'Bench',
    projectId: key.projectId,
    // The user allowed these loopback hosts for this profile, as a proxy or test server would be.
    baseUrls: {
      auth: { url: fake.tokenUrl, allowForeignHost: true },
      numbers: { url: fake.url, allowForeignHost: true },
    },
  });
  const credential = await engine.profiles.addCredential(created.id, {
    kind: 'accessKey',
    keyId: key.keyId,
    secret: key.keySecret,
  });
  return {
    engine,
    fake,
    key,
    profile: engine.profiles.get(created.id),
    credential,
    secrets,
    close: async () => {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
