// SDK snippets are checked against real tools where they exist here: the Node snippet runs against the installed
// @sinch/sdk-core and its option names are compared with the SDK's own type declarations; Python is compiled by
// python3. No Java or .NET toolchain is installed, so those snippets get structural checks against the SDK sources
// cited in docs/protocol.md#sdk-options.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../shared/profile';
import { renderSdkInit, SDK_LANGUAGES } from '../../shared/snippets/sdk';

const now = '2026-01-01T00:00:00.000Z';
const stamp = { createdAt: now, updatedAt: now, label: '' };
const PUBLIC_VALUES = {
  projectId: '11111111-2222-4333-8444-555555555555',
  keyId: 'aaaaaaaa-0000-4000-8000-000000000001',
  applicationKey: 'bbbbbbbb-0000-4000-8000-000000000001',
  servicePlanId: 'abc12345def',
};

const profileWith = (credentials: Profile['credentials'], regions: Profile['regions'] = {}): Profile => ({
  id: 'p1',
  name: 'prod',
  projectId: PUBLIC_VALUES.projectId,
  environment: 'prod',
  notes: '',
  regions,
  baseUrls: {},
  credentials,
  createdAt: now,
  updatedAt: now,
});

const accessKey = { kind: 'accessKey' as const, id: 'ak1', keyId: PUBLIC_VALUES.keyId, ...stamp };
const appKey = { kind: 'applicationKey' as const, id: 'app1', applicationKey: PUBLIC_VALUES.applicationKey, ...stamp };
const servicePlan = {
  kind: 'servicePlan' as const,
  id: 'sp1',
  servicePlanId: PUBLIC_VALUES.servicePlanId,
  region: 'au' as const,
  ...stamp,
};
const mailgunEu = { kind: 'mailgun' as const, id: 'mg1', domain: 'mg.example.com', region: 'eu' as const, ...stamp };

const everything = profileWith([accessKey, appKey, servicePlan, mailgunEu], { sms: 'eu', conversation: 'br', voice: 'euc1' });
const projectOnly = profileWith([accessKey, appKey], { sms: 'eu', conversation: 'eu', voice: 'euc1' });

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(cmd, args, { env, timeout: 20_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sdk-snippet-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SDK snippets never hold credentials', () => {
  it('no language writes a project ID, key, application key or service plan ID literally: all come from the environment', () => {
    for (const language of SDK_LANGUAGES) {
      const text = renderSdkInit(language, everything);
      for (const value of Object.values(PUBLIC_VALUES)) expect(text).not.toContain(value);
      expect(text).toContain('SINCH_KEY_SECRET');
    }
  });
});

describe('Node (@sinch/sdk-core and mailgun.js)', () => {
  it('every option name exists in the SDK type declarations and region values are SDK region values', async () => {
    const require = createRequire(import.meta.url);
    const sdkClientDist = dirname(require.resolve('@sinch/sdk-client'));
    const declarations = await readFile(join(sdkClientDist, 'domain/domain-interface.d.ts'), 'utf8');
    const declared = new Set([...declarations.matchAll(/^\s+(\w+)\??: /gm)].map((m) => m[1]));
    const text = renderSdkInit('node', everything);
    const options = [...text.matchAll(/^ {2}(\w+): /gm)].map((m) => m[1]);
    expect(options).toEqual(
      expect.arrayContaining(['projectId', 'keyId', 'keySecret', 'smsRegion', 'conversationRegion', 'servicePlanId', 'apiToken']),
    );
    for (const option of options.filter((o) => o !== 'username' && o !== 'key' && o !== 'url'))
      expect(declared).toContain(option);
    expect(text).toContain("smsRegion: process.env.SINCH_SMS_REGION ?? 'au'");
    expect(text).toContain("conversationRegion: process.env.SINCH_CONVERSATION_REGION ?? 'br'");
    expect(text).toContain("voiceRegion: 'euc1'");
    expect(declarations).toMatch(/EUROPE = "euc1"/);
  });

  it('Mailgun gets a mailgun.js client with username "api", the key from the environment and the EU URL', async () => {
    const text = renderSdkInit('node', everything, ['mailgun']);
    expect(text).toContain("username: 'api'");
    expect(text).toContain('key: process.env.MAILGUN_API_KEY');
    expect(text).toContain("url: 'https://api.eu.mailgun.net'");
    expect(text).not.toContain('SinchClient');
    const file = join(dir, 'mailgun.mjs');
    await writeFile(file, text);
    expect((await run(process.execPath, ['--check', file])).code).toBe(0);
  });

  it('the snippet runs against the installed SDK and hands it the values from the environment', async () => {
    const text = renderSdkInit('node', projectOnly);
    const env = {
      PATH: process.env.PATH,
      SINCH_PROJECT_ID: 'proj',
      SINCH_KEY_ID: 'kid',
      SINCH_KEY_SECRET: 'ksecret',
      SINCH_APPLICATION_KEY: 'appkey',
      SINCH_APPLICATION_SECRET: 'appsecret',
      SINCH_SMS_REGION: 'us',
    };
    // The SDK keeps the parameters it was given on each service's lazy client.
    const probe = `${text}\nconsole.log(JSON.stringify(sinch.sms.lazyClient.sharedConfig));\n`;
    const result = await run(process.execPath, ['--input-type=module', '-e', probe], env);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      projectId: 'proj',
      keyId: 'kid',
      keySecret: 'ksecret',
      smsRegion: 'us',
      conversationRegion: 'eu',
      applicationKey: 'appkey',
      applicationSecret: 'appsecret',
      voiceRegion: 'euc1',
    });
  });
});

describe('Python 2.x', () => {
  it('uses the SDK keyword names, reads the environment, and compiles', async () => {
    const text = renderSdkInit('python', everything);
    for (const kw of [
      'project_id=',
      'key_id=',
      'key_secret=',
      'sms_region=',
      'conversation_region=',
      'service_plan_id=',
      'sms_api_token=',
    ])
      expect(text).toContain(kw);
    expect(text).toContain('from sinch import SinchClient');
    expect(text).toContain('os.environ["SINCH_KEY_SECRET"]');
    expect(text).toContain('sms_region=os.environ.get("SINCH_SMS_REGION", "au")');
    expect(text).not.toContain('application_key=');
    expect(text).toMatch(/Voice and Verification are not in the Python SDK 2\.x/);
    expect(text).toContain('https://api.eu.mailgun.net');
    const file = join(dir, 'client.py');
    await writeFile(file, text);
    const result = await run('python3', ['-m', 'py_compile', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

describe('Java (structure: no JDK here)', () => {
  it('builds a Configuration with the SDK setters and typed region constants', () => {
    const text = renderSdkInit('java', everything);
    for (const line of [
      'import com.sinch.sdk.SinchClient;',
      'import com.sinch.sdk.models.Configuration;',
      'import com.sinch.sdk.models.SMSRegion;',
      'import com.sinch.sdk.models.ConversationRegion;',
      'import com.sinch.sdk.models.VoiceRegion;',
      '    Configuration.builder()',
      '        .setProjectId(System.getenv("SINCH_PROJECT_ID"))',
      '        .setKeySecret(System.getenv("SINCH_KEY_SECRET"))',
      '        .setSmsServicePlanId(System.getenv("SINCH_SERVICE_PLAN_ID"))',
      '        .setSmsApiToken(System.getenv("SINCH_API_TOKEN"))',
      '        .setSmsRegion(SMSRegion.AU)',
      '        .setConversationRegion(ConversationRegion.BR)',
      '        .setApplicationSecret(System.getenv("SINCH_APPLICATION_SECRET"))',
      '        .setVoiceRegion(VoiceRegion.EUROPE)',
      '        .build();',
      'SinchClient client = new SinchClient(configuration);',
    ])
      expect(text.split('\n')).toContain(line);
    expect(balanced(text)).toBe(true);
  });
});

describe('.NET (structure: no dotnet SDK here)', () => {
  it('passes project credentials to SinchClient, regions in the options callback, and app keys to Voice/Verification', () => {
    const text = renderSdkInit('dotnet', everything);
    for (const fragment of [
      'using Sinch;',
      'using Sinch.Conversation;',
      'using Sinch.SMS;',
      'using Sinch.Voice;',
      'var sinch = new SinchClient(\n    Environment.GetEnvironmentVariable("SINCH_PROJECT_ID"),\n    Environment.GetEnvironmentVariable("SINCH_KEY_ID"),\n    Environment.GetEnvironmentVariable("SINCH_KEY_SECRET"),\n    options =>',
      'options.UseServicePlanIdWithSms(Environment.GetEnvironmentVariable("SINCH_SERVICE_PLAN_ID")!, Environment.GetEnvironmentVariable("SINCH_API_TOKEN")!,',
      'SmsServicePlanIdRegion.Au);',
      'options.ConversationRegion = ConversationRegion.Br;',
      'var voice = sinch.Voice(',
      'VoiceRegion.Europe);',
      'var verification = sinch.Verification(',
    ])
      expect(text).toContain(fragment);
    expect(balanced(text)).toBe(true);
    const smsOnly = renderSdkInit('dotnet', projectOnly, ['sms']);
    expect(smsOnly).toContain('options.SmsRegion = SmsRegion.Eu;');
    expect(smsOnly).not.toContain('Voice');
  });
});

/** Brackets pair up (outside string literals), a cheap stand-in for a compiler. */
function balanced(code: string): boolean {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const c of code.replace(/"(?:\\.|[^"\\])*"/g, '""').replace(/\/\/.*$/gm, '')) {
    if ('([{'.includes(c)) stack.push(c);
    else if (c in pairs && stack.pop() !== pairs[c]) return false;
  }
  return stack.length === 0;
}
