// Which host a request goes to, checked against Sinch's official Node SDK as the oracle: its services are run with
// their HTTP function replaced by a recorder (no network here), and each recorded URL is compared with where our
// test request would send the same call. Then the one region rule, as every door applies it.
import { createRequire } from 'node:module';
import type { ConversationService as ConversationApi } from '@sinch/conversation';
import type { VoiceService as VoiceApi } from '@sinch/voice';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planTest } from '../../core/test-request';
import { PRODUCTS, type ProductId } from '../../shared/catalog';
import { envVarsForProfile } from '../../shared/env-vars';
import { type CredentialMeta, type Profile, profilePatchSchema, profileSchema } from '../../shared/profile';
import { regionInForce } from '../../shared/regions';
import { renderSdkInit } from '../../shared/snippets/sdk';

const require = createRequire(import.meta.url);
// The SDK calls `require('node-fetch').default` at request time; the recorder takes its place for these tests.
const nodeFetch = createRequire(require.resolve('@sinch/sdk-client'))('node-fetch');
const { VoiceService } = require('@sinch/voice') as { VoiceService: new (options: object) => VoiceApi };
const { ConversationService } = require('@sinch/conversation') as {
  ConversationService: new (options: object) => ConversationApi;
};

const recorded: Array<{ method: string; url: string }> = [];
nodeFetch.default = async (url: string, init: { method: string }) => {
  recorded.push({ method: init.method, url });
  const body = url.includes('/oauth2/token') ? { access_token: 't', expires_in: 3600, token_type: 'bearer' } : {};
  return new nodeFetch.Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
};

/** The URL of the last API call (not the token exchange) the SDK made while running `call`. */
async function sdkUrl(call: () => Promise<unknown>): Promise<URL> {
  recorded.length = 0;
  await call().catch(() => undefined);
  const last = recorded.filter((r) => !r.url.includes('/oauth2/token')).at(-1);
  if (!last) throw new Error('the SDK made no call');
  return new URL(last.url);
}

const NOW = '2026-01-01T00:00:00.000Z';
const stamp = { createdAt: NOW, updatedAt: NOW, label: '' };
const PROJECT = '11111111-2222-4333-8444-555555555555';
const APP_KEY = 'bbbbbbbb-0000-4000-8000-000000000001';
const accessKey: CredentialMeta = { kind: 'accessKey', id: 'ak1', keyId: 'aaaaaaaa-0000-4000-8000-000000000001', ...stamp };
const appKey: CredentialMeta = { kind: 'applicationKey', id: 'app1', applicationKey: APP_KEY, ...stamp };

const profileWith = (regions: Profile['regions'], credentials: CredentialMeta[] = [accessKey, appKey]): Profile => ({
  id: 'p1',
  name: 'prod',
  projectId: PROJECT,
  environment: 'prod',
  notes: '',
  regions,
  baseUrls: {},
  credentials,
  createdAt: NOW,
  updatedAt: NOW,
});

/** Where our test request sends a custom call with this method and path. */
const ourUrl = (productId: ProductId, profile: Profile, credential: CredentialMeta, method: string, path: string) =>
  planTest({ profile, credential, productId, custom: { method, path } }).url as URL;

const voiceRegionArb = fc.constantFrom(...PRODUCTS.voice.regions.map((r) => r.id));
const numberArb = fc.stringMatching(/^\+[1-9][0-9]{6,12}$/);

/** Voice calls of every SDK API, each with the id our region uses mapped to the SDK's option value. */
const VOICE_CALLS: Array<{ name: string; run: (voice: VoiceApi, arg: string) => Promise<unknown> }> = [
  { name: 'applications.queryNumber', run: (v, n) => v.applications.queryNumber({ number: n }) },
  { name: 'applications.listNumbers', run: (v) => v.applications.listNumbers({}) },
  { name: 'applications.getCallbackURLs', run: (v) => v.applications.getCallbackURLs({ applicationkey: APP_KEY }) },
  {
    name: 'applications.unassignNumber',
    run: (v, n) => v.applications.unassignNumber({ unassignNumbersRequestBody: { number: n } }),
  },
  { name: 'calls.get', run: (v) => v.calls.get({ callId: 'abc' }) },
  { name: 'conferences.get', run: (v) => v.conferences.get({ conferenceId: 'c1' }) },
  {
    name: 'callouts.tts',
    run: (v, n) =>
      v.callouts.tts({
        ttsCalloutRequestBody: { method: 'ttsCallout', ttsCallout: { destination: { type: 'number', endpoint: n } } },
      }),
  },
];

describe('hosts agree with the official Node SDK', () => {
  it('every Voice call goes to the host the SDK sends it to, in every Voice region (management paths included)', async () => {
    await fc.assert(
      fc.asyncProperty(voiceRegionArb, fc.constantFrom(...VOICE_CALLS), numberArb, async (region, call, number) => {
        const voice = new VoiceService({
          applicationKey: APP_KEY,
          applicationSecret: 'BeIukql3pTKJ8RGL5zo0DA==',
          voiceRegion: region === 'global' ? '' : region,
        });
        const sdk = await sdkUrl(() => call.run(voice, number));
        const method = recorded.at(-1)?.method ?? 'GET';
        const ours = ourUrl('voice', profileWith({ voice: region }), appKey, method, sdk.pathname + sdk.search);
        expect(ours.origin, call.name).toBe(sdk.origin);
      }),
      { numRuns: 120 },
    );
  });

  it('Template Management goes to the Conversation region, as the SDK derives it, for v1 and v2', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('us', 'eu', 'br'), fc.constantFrom('templatesV1', 'templatesV2'), async (region, api) => {
        const conversation = new ConversationService({
          projectId: PROJECT,
          keyId: 'k',
          keySecret: 's',
          conversationRegion: region,
        });
        const sdk = await sdkUrl(() => conversation[api].list({}));
        const ours = ourUrl('templates', profileWith({ conversation: region }), accessKey, 'GET', sdk.pathname);
        expect(ours.href).toBe(sdk.href);
        const preset = planTest({
          profile: profileWith({ conversation: region }),
          credential: accessKey,
          productId: 'templates',
        });
        expect(preset.url?.origin).toBe(sdk.origin);
      }),
      { numRuns: 30 },
    );
  });
});

describe('one region rule for every door', () => {
  const servicePlan: CredentialMeta = { kind: 'servicePlan', id: 'sp1', servicePlanId: 'abc12345def', region: 'au', ...stamp };
  const mailgun: CredentialMeta = { kind: 'mailgun', id: 'mg1', domain: 'mg.example.com', region: 'eu', ...stamp };

  it('a service plan and a Mailgun domain use their own region in tests, .env and SDK set-up alike', () => {
    // A region saved in the profile by an older version must not win over the credential's own.
    const profile = profileWith({ smsServicePlan: 'us', mailgun: 'us' }, [servicePlan, mailgun]);
    const sms = planTest({ profile, credential: servicePlan, productId: 'smsServicePlan' });
    const mg = planTest({ profile, credential: mailgun, productId: 'mailgun' });
    expect(sms.url?.host).toBe('au.sms.api.sinch.com');
    expect(mg.url?.host).toBe('api.eu.mailgun.net');
    expect(envVarsForProfile({ profile, set: 'sdk' }).find((v) => v.name === 'SINCH_SMS_REGION')?.value).toBe('au');
    expect(renderSdkInit('node', profile)).toContain("smsRegion: process.env.SINCH_SMS_REGION ?? 'au'");
    expect(regionInForce(PRODUCTS.smsServicePlan, profile, servicePlan)).toMatchObject({ id: 'au', source: 'credential' });
  });

  it('says which region is in force and why: asked for, the profile, the followed product or the default', () => {
    expect(regionInForce(PRODUCTS.conversation, profileWith({}), accessKey, 'br')).toMatchObject({ source: 'request' });
    expect(regionInForce(PRODUCTS.conversation, profileWith({}))).toEqual({
      id: 'us',
      source: 'default',
      setting: 'conversation',
    });
    expect(regionInForce(PRODUCTS.templates, profileWith({ conversation: 'eu' }))).toEqual({
      id: 'eu',
      source: 'profile',
      setting: 'conversation',
    });
  });

  it('a region the product does not have is refused with the valid list, and Templates point to Conversation', () => {
    const bad = profilePatchSchema.safeParse({ regions: { conversation: 'xx' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('Conversation has no region "xx". Choose us, eu, br.');
    const templates = profilePatchSchema.safeParse({ regions: { templates: 'eu' } });
    expect(templates.error?.issues[0]?.message).toContain('set conversation=eu instead');
    expect(profilePatchSchema.safeParse({ regions: { numbers: 'eu' } }).success).toBe(false);
    expect(profilePatchSchema.safeParse({ regions: { mailgun: 'eu' } }).error?.issues[0]?.message).toContain('credential');
    expect(profilePatchSchema.safeParse({ regions: { conversation: 'eu', sms: 'us', voice: 'euc1' } }).success).toBe(true);
  });

  it('a Templates region saved by an older version is read as gone, not as damage', () => {
    const saved = profileSchema.parse({ ...profileWith({ templates: 'br', conversation: 'eu' }) });
    expect(saved.regions).toEqual({ conversation: 'eu' });
  });
});
