// Profile and credential metadata: what lives in the settings file (never a secret), and the validated inputs
// that create or change it. One declaration gives both the runtime schema and the TypeScript type.
import { z } from 'zod';
import { PRODUCT_IDS, PRODUCTS, type ProductId } from './catalog';
import { FLEET_VERDICTS } from './fleet';
import { regionSettingProblem } from './regions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const PRINTABLE_TOKEN = /^[\x21-\x7e]+$/;
const HOSTNAME = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/i;

export const uuidString = (what: string) =>
  z
    .string()
    .trim()
    .regex(UUID, `${what} must look like a UUID (8-4-4-4-12 hexadecimal characters), as shown in the Sinch dashboard.`);

/** Secrets: printable ASCII without spaces; pasted values are trimmed first. */
const secretString = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required.`)
    .max(512, `${what} is longer than any Sinch or Mailgun secret (512 characters at most).`)
    .regex(PRINTABLE_TOKEN, `${what} contains spaces or characters that no Sinch or Mailgun secret has.`);

export const applicationSecretString = z
  .string()
  .trim()
  .min(1, 'Application secret is required.')
  .max(512, 'Application secret is too long.')
  .regex(BASE64, 'Application secret must be base64, as shown in the dashboard (for example BeIukql3pTKJ8RGL5zo0DA==).');

export const environmentLabel = z
  .string()
  .trim()
  .min(1, 'Environment label is required.')
  .max(24, 'Environment label is 24 characters at most.')
  .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'Environment label uses letters, digits, "-" and "_" only (for example prod, staging).');

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Base URL override: https, or http only on loopback (local proxies and tests); no credentials, query or fragment. */
export const baseUrlString = z
  .string()
  .trim()
  .max(2048, 'URL is too long.')
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${value.slice(0, 80)}" is not a URL. Use the form https://host[:port].` });
      return;
    }
    const loopback = LOOPBACK_HOSTS.has(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
      ctx.addIssue({
        code: 'custom',
        message: 'Base URLs must use https:// (http:// is accepted only for 127.0.0.1, localhost and [::1]).',
      });
    if (url.username || url.password)
      ctx.addIssue({ code: 'custom', message: 'Base URLs must not contain a user name or password.' });
    if (url.search || url.hash) ctx.addIssue({ code: 'custom', message: 'Base URLs must not contain a query or fragment.' });
  })
  .transform((value) => value.replace(/\/+$/, ''));

export const isLoopbackUrl = (value: string): boolean => {
  try {
    return LOOPBACK_HOSTS.has(new URL(value).hostname);
  } catch {
    return false;
  }
};

export const productIdSchema = z.enum(PRODUCT_IDS);

/** 'auth' is the OAuth2 token endpoint (a full URL); the rest are product base URLs (origins, optionally with a path). */
export const overrideTargetSchema = z.union([productIdSchema, z.literal('auth')]);
export type OverrideTarget = z.infer<typeof overrideTargetSchema>;

export const baseUrlOverrideSchema = z.object({
  url: baseUrlString,
  /** The user confirmed that this profile's secrets may go to a host outside the product's own hosts. */
  allowForeignHost: z.boolean().default(false),
});
export type BaseUrlOverride = z.infer<typeof baseUrlOverrideSchema>;

const labelText = z.string().trim().max(80, 'Label is 80 characters at most.');
const label = labelText.default('');
/**
 * The verdict of the credential's last safe test (the test button, `sinch-keys test`, a rotation): the default
 * credential is the newest one whose last test worked. Not a secret, and recording it leaves updatedAt alone, since
 * updatedAt names the secret's version (the token cache's key).
 */
export const lastTestSchema = z.object({ verdict: z.enum(FLEET_VERDICTS), productId: productIdSchema, at: z.string() });
export type LastTest = z.infer<typeof lastTestSchema>;
const timestamps = {
  id: z.string().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastTest: lastTestSchema.optional(),
};

export const accessKeyMeta = z.object({ kind: z.literal('accessKey'), keyId: uuidString('Key ID'), label, ...timestamps });
export const applicationKeyMeta = z.object({
  kind: z.literal('applicationKey'),
  applicationKey: uuidString('Application key'),
  label,
  ...timestamps,
});
export const servicePlanMeta = z.object({
  kind: z.literal('servicePlan'),
  servicePlanId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{8,64}$/, 'Service plan ID is 8 to 64 letters and digits, as shown under SMS → APIs in the dashboard.'),
  region: z.enum(['us', 'eu', 'au', 'br', 'ca']).default('us'),
  label,
  ...timestamps,
});
export const mailgunMeta = z.object({
  kind: z.literal('mailgun'),
  domain: z.string().trim().regex(HOSTNAME, 'Mailgun domain must be a domain name such as mg.example.com.'),
  region: z.enum(['us', 'eu']).default('us'),
  label,
  ...timestamps,
});

export const credentialMetaSchema = z.discriminatedUnion('kind', [
  accessKeyMeta,
  applicationKeyMeta,
  servicePlanMeta,
  mailgunMeta,
]);
export type CredentialMeta = z.infer<typeof credentialMetaSchema>;
export type CredentialKindOf<K extends CredentialMeta['kind']> = Extract<CredentialMeta, { kind: K }>;

/** A key-age limit in whole days (a day to ten years). */
export const maxKeyAgeDays = z
  .number()
  .int('The maximum key age is a whole number of days.')
  .min(1, 'The maximum key age is at least 1 day.')
  .max(3650, 'The maximum key age is 3650 days (ten years) at most.');

/**
 * The form in which two profile names are compared: NFC (so "é" typed as one or two code points is one name) and
 * case-folded (upper then lower case maps "ß" to "ss", as full case folding does).
 */
export const profileNameKey = (name: string): string => name.trim().normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');

/** Whether two names address the same profile. */
export const sameProfileName = (a: string, b: string): boolean => profileNameKey(a) === profileNameKey(b);

// Editable fields without defaults: a patch must never reset a field it does not mention.
const profileFields = {
  name: z.string().trim().min(1, 'Profile name is required.').max(80, 'Profile name is 80 characters at most.'),
  projectId: uuidString('Project ID').or(z.literal('')),
  environment: environmentLabel,
  notes: z.string().max(4000, 'Notes are 4000 characters at most.'),
  regions: z.partialRecord(productIdSchema, z.string().max(16)),
  baseUrls: z.partialRecord(overrideTargetSchema, baseUrlOverrideSchema),
  /** The age after which this profile's keys are flagged for rotation; null in a patch falls back to the global. */
  maxKeyAgeDays: maxKeyAgeDays.nullable(),
};

/** METHOD /path/pattern: `*` stands for one path segment, `**` for any rest of the path. */
export const agentRuleString = z
  .string()
  .trim()
  .max(300, 'An allow-list rule is 300 characters at most.')
  .regex(
    /^(GET|HEAD|POST|PUT|PATCH|DELETE) \/[^\s?#]*$/,
    'An allow-list rule is a method and a path pattern, for example "POST /xms/v1/*/batches".',
  );

/** What AI agents may do with a profile (issue 15); absent means agents cannot see the profile at all. */
export const agentAccessSchema = z.object({
  enabled: z.boolean().default(false),
  /** Methods other than GET and HEAD; off by default, so an agent reads but never changes anything. */
  allowWrites: z.boolean().default(false),
  /** With writes allowed, only these METHOD /path rules may write; empty: any write. */
  allowList: z.array(agentRuleString).max(20, 'An allow-list has 20 rules at most.').default([]),
  /** Calls per minute for this profile across all tools, so a looping agent cannot burn a quota. */
  ratePerMinute: z.number().int().min(1).max(10_000).default(60),
});
export type AgentAccess = z.infer<typeof agentAccessSchema>;
export const agentAccessPatchSchema = z.object({
  enabled: z.boolean().optional(),
  allowWrites: z.boolean().optional(),
  allowList: agentAccessSchema.shape.allowList.removeDefault().optional(),
  ratePerMinute: agentAccessSchema.shape.ratePerMinute.removeDefault().optional(),
});
export type AgentAccessPatch = z.input<typeof agentAccessPatchSchema>;

/**
 * What is saved is read back as it is, except a Templates region from before Templates followed the Conversation
 * region: nothing reads it any more, and keeping it would make every later region change fail validation.
 */
const savedRegions = profileFields.regions.transform((regions) =>
  Object.fromEntries(Object.entries(regions).filter(([id]) => !PRODUCTS[id as ProductId]?.regionFrom)),
);

/** A region a user sets is one the product has, on a product whose region the profile holds. */
const regionsInput = profileFields.regions.superRefine((regions, ctx) => {
  for (const [productId, region] of Object.entries(regions)) {
    const problem = region === undefined ? undefined : regionSettingProblem(productId, region);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [productId] });
  }
});

export const profileSchema = z.object({
  id: z.string().min(1),
  name: profileFields.name,
  projectId: profileFields.projectId.default(''),
  environment: profileFields.environment.default('prod'),
  notes: profileFields.notes.default(''),
  regions: savedRegions.default({}),
  baseUrls: profileFields.baseUrls.default({}),
  maxKeyAgeDays: maxKeyAgeDays.optional(),
  credentials: z.array(credentialMetaSchema).default([]),
  agent: agentAccessSchema.optional(),
  /** Function hosts (host:port) the user confirmed this profile's access key may be sent to (function-check.ts). */
  functionHosts: z.array(z.string().min(1).max(260)).max(100).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Profile = z.infer<typeof profileSchema>;

/** The settings file: versioned so a future format can migrate it. */
export const settingsSchema = z.object({
  version: z.literal(1).default(1),
  profiles: z.array(profileSchema).default([]),
  /** The "stop all agent access" switch: while true no agent door answers for any profile. */
  agentsStopped: z.boolean().optional(),
  /** The key-age limit for profiles that set none (shared/key-age.ts has the default). */
  maxKeyAgeDays: maxKeyAgeDays.optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

// ---- Inputs (what the UI, the CLI and imports send) ----

export const profileInputSchema = profileSchema
  .pick({ name: true, projectId: true, environment: true, notes: true, baseUrls: true, maxKeyAgeDays: true })
  .extend({ regions: regionsInput.default({}) });
export type ProfileInput = z.input<typeof profileInputSchema>;
export const profilePatchSchema = z.object({ ...profileFields, regions: regionsInput }).partial();
export type ProfilePatch = z.input<typeof profilePatchSchema>;

const strip = { id: true, createdAt: true, updatedAt: true, lastTest: true } as const;
export const credentialInputSchema = z.discriminatedUnion('kind', [
  accessKeyMeta.omit(strip).extend({ secret: secretString('Key secret') }),
  applicationKeyMeta.omit(strip).extend({ secret: applicationSecretString }),
  servicePlanMeta.omit(strip).extend({ secret: secretString('API token') }),
  mailgunMeta.omit(strip).extend({ secret: secretString('Mailgun API key') }),
]);
export type CredentialInput = z.input<typeof credentialInputSchema>;

/** Editing a credential: its public fields and/or a new secret (rotation). The kind never changes. */
export const credentialPatchSchema = z.object({
  // No default here: a patch that does not mention the label (a rotation, a region) must not erase it.
  label: labelText.optional(),
  keyId: uuidString('Key ID').optional(),
  applicationKey: uuidString('Application key').optional(),
  servicePlanId: servicePlanMeta.shape.servicePlanId.optional(),
  domain: mailgunMeta.shape.domain.optional(),
  region: z.enum(['us', 'eu', 'au', 'br', 'ca']).optional(),
  secret: z.string().optional(),
});
export type CredentialPatch = z.input<typeof credentialPatchSchema>;

/** Validates a secret for a kind; used when a patch rotates it. */
export const secretSchemaFor = (kind: CredentialMeta['kind']) =>
  kind === 'applicationKey'
    ? applicationSecretString
    : secretString(kind === 'accessKey' ? 'Key secret' : kind === 'servicePlan' ? 'API token' : 'Mailgun API key');

/** What a credential card shows: metadata only; the secret is always masked. */
export const MASKED_SECRET = '••••••••';

/** The public identifier of a credential (never secret): key ID, application key, service plan ID or domain. */
export function publicIdOf(c: CredentialMeta | CredentialInput): string {
  switch (c.kind) {
    case 'accessKey':
      return c.keyId;
    case 'applicationKey':
      return c.applicationKey;
    case 'servicePlan':
      return c.servicePlanId;
    case 'mailgun':
      return c.domain;
  }
}

/** First zod issue as a sentence the user can act on. */
export function firstIssueMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid input.';
  const where = issue.path.length ? `${clip(issue.path.join('.'), 80)}: ` : '';
  // zod may quote the offending keys or values; a message must stay a sentence, not echo a 2 MiB payload.
  const message = clip(issue.message, 300);
  return issue.code === 'custom' || /[.!?…]$/.test(message) ? `${where}${message}` : `${where}${message}.`;
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
