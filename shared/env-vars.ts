// Which environment variables a profile's credentials produce, and every name official Sinch material uses for them.
// Names follow docs/protocol.md#names-in-the-sdks (SDK repositories, skills, CLI, MCP) and docs/protocol.md#functions-runtime (Sinch Functions runtime).
import { type CredentialKind, PRODUCTS, type Product, regionOf } from './catalog';
import { AppError } from './errors';
import type { CredentialKindOf, CredentialMeta, Profile } from './profile';
import { regionInForce } from './regions';

export interface EnvVar {
  name: string;
  /** Absent for a secret the caller did not provide: renderers then write a placeholder, never a secret. */
  value?: string;
  secret: boolean;
  /** The credential the value comes from (absent for profile-level values such as the project ID). */
  credentialId?: string;
  comment?: string;
}

export const ENV_SETS = ['sdk', 'functions', 'sinch-mcp'] as const;
export type EnvSet = (typeof ENV_SETS)[number];

export type EnvConcept =
  | 'projectId'
  | 'keyId'
  | 'keySecret'
  | 'applicationKey'
  | 'applicationSecret'
  | 'servicePlanId'
  | 'apiToken'
  | 'smsRegion'
  | 'conversationRegion'
  | 'mailgunApiKey'
  | 'mailgunDomain';

/**
 * Every name official sources use per concept (docs/protocol.md#names-in-the-sdks table, docs/protocol.md#functions-runtime), the recommended one first. Importers and
 * environment detection accept all of them. `SINCH_APP_ID` is deliberately absent: in the Conversation skill it
 * means the Conversation app id, not an application key (docs/protocol.md#names-in-the-sdks note).
 */
export const ENV_ALIASES: Readonly<Record<EnvConcept, readonly string[]>> = {
  projectId: ['SINCH_PROJECT_ID', 'PROJECT_ID', 'MY_PROJECT_ID'],
  keyId: ['SINCH_KEY_ID', 'PROJECT_ID_API_KEY', 'KEY_ID', 'MY_KEY_ID'],
  keySecret: ['SINCH_KEY_SECRET', 'PROJECT_ID_API_SECRET', 'KEY_SECRET', 'MY_KEY_SECRET'],
  applicationKey: [
    'SINCH_APPLICATION_KEY',
    'SINCH_APP_KEY',
    'APPLICATION_API_KEY',
    'VOICE_APPLICATION_KEY',
    'VERIFICATION_APPLICATION_ID',
    'APPLICATION_KEY',
    'MY_APPLICATION_KEY',
  ],
  applicationSecret: [
    'SINCH_APPLICATION_SECRET',
    'SINCH_APP_SECRET',
    'APPLICATION_API_SECRET',
    'VOICE_APPLICATION_SECRET',
    'VERIFICATION_APPLICATION_SECRET',
    'APPLICATION_SECRET',
    'MY_APPLICATION_SECRET',
  ],
  servicePlanId: ['SINCH_SERVICE_PLAN_ID', 'SMS_SERVICE_PLAN_ID'],
  apiToken: ['SINCH_API_TOKEN', 'SINCH_SMS_API_TOKEN', 'SMS_SERVICE_PLAN_TOKEN'],
  smsRegion: ['SINCH_SMS_REGION', 'SMS_REGION'],
  conversationRegion: ['SINCH_CONVERSATION_REGION', 'CONVERSATION_REGION', 'MY_CONVERSATION_REGION', 'SINCH_REGION'],
  mailgunApiKey: ['MAILGUN_API_KEY'],
  mailgunDomain: ['MAILGUN_DOMAIN'],
};

/** The credential kind each secret concept belongs to; the other concepts are not secret. */
const SECRET_KIND: Partial<Record<EnvConcept, CredentialKind>> = {
  keySecret: 'accessKey',
  applicationSecret: 'applicationKey',
  apiToken: 'servicePlan',
  mailgunApiKey: 'mailgun',
};

export const isSecretConcept = (concept: EnvConcept): boolean => SECRET_KIND[concept] !== undefined;

/** The concept an environment variable name stands for, whichever official spelling it uses. */
export function conceptOfEnvName(name: string): EnvConcept | undefined {
  const upper = name.trim().toUpperCase();
  return (Object.keys(ENV_ALIASES) as EnvConcept[]).find((c) => ENV_ALIASES[c].includes(upper));
}

/**
 * What each set writes, in order. 'sdk' is the docs/protocol.md#names-in-the-sdks recommendation; 'functions' the docs/protocol.md#functions-runtime runtime names; 'sinch-mcp'
 * the names Sinch's own MCP server (@sinch/mcp) reads, so `exec --set sinch-mcp -- npx @sinch/mcp` needs no config file.
 */
const SET_NAMES: Record<EnvSet, ReadonlyArray<readonly [EnvConcept, string]>> = {
  sdk: [
    ['projectId', 'SINCH_PROJECT_ID'],
    ['keyId', 'SINCH_KEY_ID'],
    ['keySecret', 'SINCH_KEY_SECRET'],
    ['applicationKey', 'SINCH_APPLICATION_KEY'],
    ['applicationSecret', 'SINCH_APPLICATION_SECRET'],
    ['servicePlanId', 'SINCH_SERVICE_PLAN_ID'],
    ['apiToken', 'SINCH_API_TOKEN'],
    ['smsRegion', 'SINCH_SMS_REGION'],
    ['conversationRegion', 'SINCH_CONVERSATION_REGION'],
    ['mailgunApiKey', 'MAILGUN_API_KEY'],
    ['mailgunDomain', 'MAILGUN_DOMAIN'],
  ],
  functions: [
    ['projectId', 'PROJECT_ID'],
    ['keyId', 'PROJECT_ID_API_KEY'],
    ['keySecret', 'PROJECT_ID_API_SECRET'],
    ['applicationKey', 'VOICE_APPLICATION_KEY'],
    ['applicationSecret', 'VOICE_APPLICATION_SECRET'],
    ['servicePlanId', 'SMS_SERVICE_PLAN_ID'],
  ],
  'sinch-mcp': [
    ['projectId', 'PROJECT_ID'],
    ['keyId', 'KEY_ID'],
    ['keySecret', 'KEY_SECRET'],
    ['conversationRegion', 'CONVERSATION_REGION'],
    ['applicationKey', 'APPLICATION_KEY'],
    ['applicationSecret', 'APPLICATION_SECRET'],
    ['mailgunApiKey', 'MAILGUN_API_KEY'],
    ['mailgunDomain', 'MAILGUN_DOMAIN'],
  ],
};

/** The variable name a set uses for a concept (undefined when the set has none, e.g. Mailgun in 'functions'). */
export const envNameFor = (set: EnvSet, concept: EnvConcept): string | undefined =>
  SET_NAMES[set].find(([c]) => c === concept)?.[1];

export type SelectedCredentials = { [K in CredentialKind]?: CredentialKindOf<K> };

/** Newest first (by when the secret was made): the key most recently created or rotated comes first. */
const newestFirst = <C extends { createdAt: string }>(credentials: readonly C[]): C[] =>
  [...credentials].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

type Ranked = { createdAt: string; lastTest?: { verdict: string } | undefined };
const workedLastTime = (c: Ranked) => c.lastTest?.verdict === 'works';

/**
 * The order defaults are taken from: the newest credential whose last test worked, then the newest of the others.
 * A key that was never tested or last failed is still used when no key has worked.
 */
export const defaultOrder = <C extends Ranked>(credentials: readonly C[]): C[] => {
  const newest = newestFirst(credentials);
  return [...newest.filter(workedLastTime), ...newest.filter((c) => !workedLastTime(c))];
};

/** Why `chosen` is the default among `candidates` (the credentials of its kind), for the user to read. */
export type DefaultReason = 'only' | 'newestWorking' | 'newestUntested';
export const defaultReasonOf = (chosen: Ranked, candidates: readonly Ranked[]): DefaultReason =>
  candidates.length <= 1 ? 'only' : workedLastTime(chosen) ? 'newestWorking' : 'newestUntested';

/**
 * One credential per kind: the one named in `credentialIds`, otherwise the default of that kind (defaultOrder).
 * Naming an unknown credential, or two of the same kind, is an error rather than a silent choice.
 */
export function selectCredentials(profile: Profile, credentialIds: readonly string[] = []): SelectedCredentials {
  const chosen: Record<string, Profile['credentials'][number]> = {};
  for (const id of credentialIds) {
    const credential = profile.credentials.find((c) => c.id === id);
    if (!credential) throw new AppError('NOT_FOUND', `Profile "${profile.name}" has no credential with id ${id}.`);
    if (chosen[credential.kind] && chosen[credential.kind]?.id !== id)
      throw new AppError(
        'VALIDATION',
        `Choose one ${credential.kind} credential: an environment holds only one value per variable.`,
      );
    chosen[credential.kind] = credential;
  }
  for (const credential of defaultOrder(profile.credentials)) chosen[credential.kind] ??= credential;
  return chosen as SelectedCredentials;
}

interface Resolved {
  value?: string;
  credentialId?: string;
  comment?: string;
}

type Context = { profile: Profile; chosen: SelectedCredentials; secrets: Partial<Record<string, string>> };

const secretOf =
  (kind: CredentialKind) =>
  ({ chosen, secrets }: Context): Resolved | undefined => {
    const credential = chosen[kind];
    if (!credential) return undefined;
    const value = secrets[credential.id];
    return value === undefined ? { credentialId: credential.id } : { value, credentialId: credential.id };
  };

function chosenRegion(product: Product, profile: Profile, credential?: CredentialMeta): Resolved | undefined {
  const { id, source } = regionInForce(product, profile, credential);
  return source === 'default' ? undefined : { value: id };
}

const MAILGUN_EU_URL = regionOf(PRODUCTS.mailgun, 'eu').origin;

/** Where each concept's value comes from; undefined means "not applicable to this profile". */
const RESOLVERS: Record<EnvConcept, (ctx: Context) => Resolved | undefined> = {
  projectId: ({ profile }) => (profile.projectId ? { value: profile.projectId } : undefined),
  keyId: ({ chosen: { accessKey } }) => accessKey && { value: accessKey.keyId, credentialId: accessKey.id },
  keySecret: secretOf('accessKey'),
  applicationKey: ({ chosen: { applicationKey: app } }) => app && { value: app.applicationKey, credentialId: app.id },
  applicationSecret: secretOf('applicationKey'),
  servicePlanId: ({ chosen: { servicePlan } }) =>
    servicePlan && { value: servicePlan.servicePlanId, credentialId: servicePlan.id },
  apiToken: secretOf('servicePlan'),
  // By the one region rule (shared/regions.ts): the service plan's own region decides the legacy SMS host (docs/protocol.md#product-hosts-and-test-requests);
  // without a plan, the profile's SMS region. A region nobody chose is left to the SDK's default.
  smsRegion: ({ chosen: { servicePlan }, profile }) =>
    chosenRegion(servicePlan ? PRODUCTS.smsServicePlan : PRODUCTS.sms, profile, servicePlan),
  conversationRegion: ({ profile }) => chosenRegion(PRODUCTS.conversation, profile),
  mailgunApiKey: secretOf('mailgun'),
  // docs/protocol.md#names-in-the-sdks knows no MAILGUN_REGION variable, so an EU domain gets a comment with its base URL (docs/protocol.md#mailgun-hosts) instead.
  mailgunDomain: ({ chosen: { mailgun } }) =>
    mailgun && {
      value: mailgun.domain,
      credentialId: mailgun.id,
      ...(mailgun.region === 'eu' ? { comment: `EU Mailgun domain: send its API calls to ${MAILGUN_EU_URL}` } : {}),
    },
};

export interface EnvVarsInput {
  profile: Profile;
  set: EnvSet;
  /** Secret values by credential id, present only when the user asked to include secrets. */
  secrets?: Partial<Record<string, string>>;
  /** Which credential to use per kind when the profile holds several; default: the newest working one of each kind. */
  credentialIds?: readonly string[];
}

/** The ordered variables a profile produces for a set; secrets without a provided value carry no value. */
export function envVarsForProfile({ profile, set, secrets = {}, credentialIds }: EnvVarsInput): EnvVar[] {
  const ctx: Context = { profile, chosen: selectCredentials(profile, credentialIds), secrets };
  return SET_NAMES[set].flatMap(([concept, name]): EnvVar[] => {
    const resolved = RESOLVERS[concept](ctx);
    if (!resolved) return [];
    const { value, credentialId, comment } = resolved;
    return [
      {
        name,
        secret: isSecretConcept(concept),
        ...(value !== undefined ? { value } : {}),
        ...(credentialId !== undefined ? { credentialId } : {}),
        ...(comment !== undefined ? { comment } : {}),
      },
    ];
  });
}

/** What `sinch-keys exec` adds beside a set's variables: the token of the chosen access key and the profile's name. */
export const EXEC_VARS = {
  accessToken: 'SINCH_ACCESS_TOKEN',
  accessTokenExpiresAt: 'SINCH_ACCESS_TOKEN_EXPIRES_AT',
  profile: 'SINCH_KEYS_PROFILE',
} as const;

/** Every variable name the engine knows for a credential: all spellings, every set, and exec's own. */
export const KNOWN_ENV_NAMES: ReadonlySet<string> = new Set([
  ...Object.values(ENV_ALIASES).flat(),
  ...ENV_SETS.flatMap((set) => SET_NAMES[set].map(([, name]) => name)),
  ...Object.values(EXEC_VARS),
]);
