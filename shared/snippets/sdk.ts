// SDK client construction per language, reading every credential from the environment (the 'sdk' variable set),
// with each SDK's own option names and region values (docs/protocol.md#sdk-options, docs/protocol.md#voice-hosts, docs/protocol.md#mailgun-hosts). Never a literal secret.
import { PRODUCT_IDS, PRODUCTS, type ProductId, regionOf } from '../catalog';
import { type EnvConcept, envNameFor, selectCredentials } from '../env-vars';
import type { Profile } from '../profile';
import { regionInForce } from '../regions';

export const SDK_LANGUAGES = ['node', 'python', 'java', 'dotnet'] as const;
export type SdkLanguage = (typeof SDK_LANGUAGES)[number];

/** What the client needs, decided once from the profile and the products the caller wants. */
interface Plan {
  project: boolean;
  smsRegion?: string;
  conversationRegion?: string;
  servicePlan?: { region: string };
  /** Voice region id from the catalog ('global', 'use1', …), present when Voice or Verification is wanted. */
  application?: { voiceRegion: string };
  mailgun?: { url: string; eu: boolean };
}

function planFor(profile: Profile, productIds?: readonly ProductId[]): Plan {
  const kinds = new Set(profile.credentials.map((c) => c.kind));
  const wanted = new Set(productIds ?? PRODUCT_IDS.filter((id) => kinds.has(PRODUCTS[id].credentialKind)));
  const { servicePlan, mailgun } = selectCredentials(profile);
  const plan: Plan = { project: [...wanted].some((id) => PRODUCTS[id].credentialKind === 'accessKey') };
  // One rule for every door (shared/regions.ts): the SDK set-up names the host a test request would use.
  const region = (id: ProductId) => regionOf(PRODUCTS[id], inForce(id).id);
  const inForce = (id: ProductId) => regionInForce(PRODUCTS[id], profile, id === 'mailgun' ? mailgun : servicePlan);
  if (wanted.has('smsServicePlan')) {
    plan.servicePlan = { region: region('smsServicePlan').id };
    plan.smsRegion = plan.servicePlan.region;
  } else if (wanted.has('sms')) plan.smsRegion = region('sms').id;
  if (wanted.has('conversation') || wanted.has('templates')) plan.conversationRegion = region('conversation').id;
  if (wanted.has('voice') || wanted.has('verification')) plan.application = { voiceRegion: region('voice').id };
  if (wanted.has('mailgun')) {
    const mailgunRegion = region('mailgun');
    plan.mailgun = { url: mailgunRegion.origin, eu: mailgunRegion.id === 'eu' };
  }
  return plan;
}

const env = (concept: EnvConcept): string => envNameFor('sdk', concept) as string;

const header = (comment: string) =>
  `${comment} Credentials come from environment variables (see the .env export), never from this file.`;
/** Every SDK sends SMS with the service plan when one is configured (docs/protocol.md#sms; Java's smsInit, .NET's option do too). */
const servicePlanNote = (plan: Plan, prefix: string): string[] =>
  plan.project ? [`${prefix}With a service plan ID and API token set, SMS uses them instead of the access key.`] : [];
const mailgunNote = (url: string) =>
  `Mailgun: Basic auth with the user "api" and ${env('mailgunApiKey')} as password, base URL ${url}.`;
const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

// ---- Node: @sinch/sdk-core takes one flat options object; Mailgun has its own client, mailgun.js ----
function node(plan: Plan): string {
  const opt = (name: string, concept: EnvConcept) => `  ${name}: process.env.${env(concept)},`;
  const region = (name: string, concept: EnvConcept, fallback: string) =>
    `  ${name}: process.env.${env(concept)} ?? '${fallback}',`;
  const options = [
    ...(plan.project ? [opt('projectId', 'projectId'), opt('keyId', 'keyId'), opt('keySecret', 'keySecret')] : []),
    ...(plan.smsRegion ? [region('smsRegion', 'smsRegion', plan.smsRegion)] : []),
    ...(plan.conversationRegion ? [region('conversationRegion', 'conversationRegion', plan.conversationRegion)] : []),
    ...(plan.servicePlan
      ? [...servicePlanNote(plan, '  // '), opt('servicePlanId', 'servicePlanId'), opt('apiToken', 'apiToken')]
      : []),
    ...(plan.application
      ? [
          opt('applicationKey', 'applicationKey'),
          opt('applicationSecret', 'applicationSecret'),
          // docs/protocol.md#voice-hosts: '' is the global host; the other regions are the short ids.
          `  voiceRegion: '${plan.application.voiceRegion === 'global' ? '' : plan.application.voiceRegion}',`,
        ]
      : []),
  ];
  const imports: string[] = [];
  const code: string[] = [];
  if (options.length) {
    imports.push("import { SinchClient } from '@sinch/sdk-core';");
    code.push('', 'const sinch = new SinchClient({', ...options, '});');
  }
  if (plan.mailgun) {
    imports.push("import formData from 'form-data';", "import Mailgun from 'mailgun.js';");
    code.push(
      '',
      'const mailgun = new Mailgun(formData);',
      'const mg = mailgun.client({',
      '  username: \'api\', // always the literal user name "api"',
      `  key: process.env.${env('mailgunApiKey')},`,
      ...(plan.mailgun.eu ? [`  url: '${plan.mailgun.url}', // EU domains must use the EU host`] : []),
      '});',
      `// Send from the domain in process.env.${env('mailgunDomain')}.`,
    );
  }
  return `${[header('//'), ...imports, ...code].join('\n')}\n`;
}

// ---- Python 2.x: keyword arguments; SMS and Conversation need an explicit region ----
function python(plan: Plan): string {
  const arg = (name: string, concept: EnvConcept) => `    ${name}=os.environ["${env(concept)}"],`;
  const region = (name: string, concept: EnvConcept, fallback: string) =>
    `    ${name}=os.environ.get("${env(concept)}", "${fallback}"),`;
  const args = [
    ...(plan.project ? [arg('project_id', 'projectId'), arg('key_id', 'keyId'), arg('key_secret', 'keySecret')] : []),
    ...(plan.smsRegion ? [region('sms_region', 'smsRegion', plan.smsRegion)] : []),
    ...(plan.conversationRegion ? [region('conversation_region', 'conversationRegion', plan.conversationRegion)] : []),
    ...(plan.servicePlan
      ? [...servicePlanNote(plan, '    # '), arg('service_plan_id', 'servicePlanId'), arg('sms_api_token', 'apiToken')]
      : []),
  ];
  const lines = [header('#')];
  if (args.length) lines.push('import os', '', 'from sinch import SinchClient', '', 'sinch_client = SinchClient(', ...args, ')');
  if (plan.application)
    lines.push(
      '# Voice and Verification are not in the Python SDK 2.x (removed in 2.0.0):',
      `# call their REST APIs with ${env('applicationKey')} and ${env('applicationSecret')}.`,
    );
  if (plan.mailgun) lines.push(`# ${mailgunNote(plan.mailgun.url)}`);
  return `${lines.join('\n')}\n`;
}

// ---- Java: Configuration.builder() with typed region constants from com.sinch.sdk.models ----
const JAVA_VOICE: Record<string, string> = {
  global: 'GLOBAL',
  use1: 'NORTH_AMERICA',
  euc1: 'EUROPE',
  sae1: 'SOUTH_AMERICA',
  apse1: 'SOUTH_EAST_ASIA1',
  apse2: 'SOUTH_EAST_ASIA2',
};

function java(plan: Plan): string {
  const set = (method: string, concept: EnvConcept) => `        .${method}(System.getenv("${env(concept)}"))`;
  const imports = ['com.sinch.sdk.SinchClient', 'com.sinch.sdk.models.Configuration'];
  const calls = plan.project
    ? [set('setProjectId', 'projectId'), set('setKeyId', 'keyId'), set('setKeySecret', 'keySecret')]
    : [];
  if (plan.servicePlan)
    calls.push(
      ...servicePlanNote(plan, '        // '),
      set('setSmsServicePlanId', 'servicePlanId'),
      set('setSmsApiToken', 'apiToken'),
    );
  if (plan.smsRegion) {
    imports.push('com.sinch.sdk.models.SMSRegion');
    calls.push(`        .setSmsRegion(SMSRegion.${plan.smsRegion.toUpperCase()})`);
  }
  if (plan.conversationRegion) {
    imports.push('com.sinch.sdk.models.ConversationRegion');
    calls.push(`        .setConversationRegion(ConversationRegion.${plan.conversationRegion.toUpperCase()})`);
  }
  if (plan.application) {
    imports.push('com.sinch.sdk.models.VoiceRegion');
    calls.push(
      set('setApplicationKey', 'applicationKey'),
      set('setApplicationSecret', 'applicationSecret'),
      `        .setVoiceRegion(VoiceRegion.${JAVA_VOICE[plan.application.voiceRegion] ?? 'GLOBAL'})`,
    );
  }
  const lines = [header('//')];
  if (calls.length)
    lines.push(
      ...imports.sort().map((i) => `import ${i};`),
      '',
      'Configuration configuration =',
      '    Configuration.builder()',
      ...calls,
      '        .build();',
      '',
      'SinchClient client = new SinchClient(configuration);',
    );
  if (plan.mailgun) lines.push(`// ${mailgunNote(plan.mailgun.url)}`);
  return `${lines.join('\n')}\n`;
}

// ---- .NET: constructor with the project credentials and an options callback; Voice/Verification are sub-clients ----
const DOTNET_VOICE: Record<string, string> = {
  global: 'Global',
  use1: 'NorthAmerica',
  euc1: 'Europe',
  sae1: 'SouthAmerica',
  apse1: 'SouthEastAsia1',
  apse2: 'SouthEastAsia2',
};

/** `head(` one argument per line `);`, the layout of the SDK README's examples. */
const callLines = (head: string, args: string[]) => `${head}(\n${args.map((a) => `    ${a}`).join(',\n')});`;

function dotnet(plan: Plan): string {
  const getenv = (concept: EnvConcept) => `Environment.GetEnvironmentVariable("${env(concept)}")`;
  const usings = new Set(['Sinch']);
  const options: string[] = [];
  if (plan.servicePlan) {
    usings.add('Sinch.SMS');
    options.push(
      ...servicePlanNote(plan, '        // '),
      `        options.UseServicePlanIdWithSms(${getenv('servicePlanId')}!, ${getenv('apiToken')}!,`,
      `            SmsServicePlanIdRegion.${pascal(plan.servicePlan.region)});`,
    );
  } else if (plan.smsRegion) {
    usings.add('Sinch.SMS');
    options.push(`        options.SmsRegion = SmsRegion.${pascal(plan.smsRegion)};`);
  }
  if (plan.conversationRegion) {
    usings.add('Sinch.Conversation');
    options.push(`        options.ConversationRegion = ConversationRegion.${pascal(plan.conversationRegion)};`);
  }
  // Without an access key the project arguments stay empty, as in the SDK's own service-plan example.
  const credentials = plan.project
    ? (['projectId', 'keyId', 'keySecret'] as const).map(getenv)
    : ['default', 'default', 'default'];
  const body: string[] = [];
  if (plan.project || options.length || plan.application)
    body.push(
      callLines(
        'var sinch = new SinchClient',
        options.length ? [...credentials, `options =>\n    {\n${options.join('\n')}\n    }`] : credentials,
      ),
    );
  if (plan.application) {
    usings.add('Sinch.Voice');
    const app = [`${getenv('applicationKey')}!`, `${getenv('applicationSecret')}!`];
    body.push(
      callLines('var voice = sinch.Voice', [...app, `VoiceRegion.${DOTNET_VOICE[plan.application.voiceRegion] ?? 'Global'}`]),
      callLines('var verification = sinch.Verification', app),
    );
  }
  const lines = [header('//')];
  if (body.length) lines.push(...[...usings].sort().map((u) => `using ${u};`), '', ...body);
  if (plan.mailgun) lines.push(`// ${mailgunNote(plan.mailgun.url)}`);
  return `${lines.join('\n')}\n`;
}

const RENDERERS: Record<SdkLanguage, (plan: Plan) => string> = { node, python, java, dotnet };

/** Client construction for the products given (default: every product the profile has a credential for). */
export function renderSdkInit(language: SdkLanguage, profile: Profile, productIds?: readonly ProductId[]): string {
  return RENDERERS[language](planFor(profile, productIds));
}
