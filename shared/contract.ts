// The one contract between the UI and the engine: operation names, request schemas and reply types, defined once.
// Electron IPC, the browser mode's HTTP transport and the CLI all derive from this object; main validates every
// request against it, so the renderer is never trusted.
import { z } from 'zod';
import { AGENT_CLIENTS, AGENT_SERVERS, type AgentActivity, type AgentStatus, type ClientConfigPreview } from './agent';
import { AUTH_SCHEMES, PRODUCT_IDS } from './catalog';
import { ENV_SETS } from './env-vars';
import type { FleetReport } from './fleet';
import type { Operation } from './operations';
import {
  type AgentAccess,
  agentAccessPatchSchema,
  credentialInputSchema,
  credentialPatchSchema,
  maxKeyAgeDays,
  overrideTargetSchema,
  profileInputSchema,
  profilePatchSchema,
} from './profile';
import { ENV_SYNTAXES } from './snippets/env-syntax';
import { SDK_LANGUAGES } from './snippets/sdk';
import type {
  AppInfo,
  CallbackVerdict,
  CredentialMeta,
  DoctorRepairResult,
  DoctorReport,
  ExportResult,
  FunctionTestResult,
  ImportApplied,
  ImportPreview,
  KeychainStatus,
  Profile,
  ProfileSummary,
  RotationResult,
  SecretReveal,
  SignedRequestView,
  SnippetView,
  TestResult,
  TokenState,
} from './views';

const id = z.string().min(1).max(100);
const ref = { profileId: id };
const credRef = { profileId: id, credentialId: id };
const product = z.enum(PRODUCT_IDS);
const shortText = z.string().max(200);
const httpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
/** Request bodies and pasted callbacks: generous, but bounded so a paste cannot exhaust memory. */
const bodyText = z.string().max(1_000_000);

export const customRequestSchema = z.object({
  method: httpMethod,
  path: z.string().min(1).max(2048).startsWith('/', 'The path must start with "/".'),
  body: bodyText.optional(),
  contentType: shortText.optional(),
});

export const curlModeSchema = z.enum(['env', 'masked', 'inline']);
export const envSyntaxSchema = z.enum(ENV_SYNTAXES);
export const envSetSchema = z.enum(ENV_SETS);
export const sdkLanguageSchema = z.enum(SDK_LANGUAGES);
export const authSchemeSchema = z.enum(AUTH_SCHEMES);

const headersInput = z.union([z.string().max(100_000), z.record(z.string().max(200), z.string().max(10_000))]);

/** Seconds a callback's timestamp may be from now (default ±300), or null to check no age; at most ten years. */
const maxAge = { maxAgeSeconds: z.number().int().positive().max(315_360_000).nullable().optional() };

/** The callback signing schemes, in the order the UI and `verify-callback --kind` offer them. */
export const CALLBACK_KINDS = ['application', 'conversation', 'numbers', 'mailgun'] as const;
export type CallbackKind = (typeof CALLBACK_KINDS)[number];

export const callbackInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('application'),
    ...credRef,
    method: httpMethod,
    path: z.string().max(2048),
    headers: headersInput,
    body: bodyText,
    ...maxAge,
  }),
  z.object({
    kind: z.literal('conversation'),
    secret: z.string().min(1).max(512),
    headers: headersInput,
    body: bodyText,
    ...maxAge,
  }),
  z.object({ kind: z.literal('numbers'), secret: z.string().min(1).max(512), headers: headersInput, body: bodyText }),
  z.object({ kind: z.literal('mailgun'), signingKey: z.string().min(1).max(512), body: bodyText, ...maxAge }),
]);

export const operations = {
  'app.info': z.object({}),
  'keychain.status': z.object({}),
  'profiles.list': z.object({ query: z.string().max(200).optional() }),
  'profiles.get': z.object(ref),
  /** With its first credentials, the profile is created with them or not at all (`add`, an import). */
  'profiles.create': profileInputSchema.extend({ credentials: z.array(credentialInputSchema).max(20).optional() }),
  'profiles.update': z.object({ ...ref, patch: profilePatchSchema }),
  'profiles.remove': z.object(ref),
  'profiles.setOverride': z.object({
    ...ref,
    target: overrideTargetSchema,
    url: z.string().max(2048).nullable(),
    allowForeignHost: z.boolean().default(false),
  }),
  'credentials.add': z.object({ ...ref, credential: credentialInputSchema }),
  'credentials.update': z.object({ ...credRef, patch: credentialPatchSchema }),
  'credentials.remove': z.object(credRef),
  /** Guided rotation: the new public ID (when it changes) and secret; tested before it replaces the old key. */
  'credentials.rotate': z.object({ ...credRef, publicId: z.string().max(253).optional(), secret: z.string().min(1).max(512) }),
  /** Check all: every credential of every profile against every product it can serve. */
  'fleet.check': z.object({}),
  /** The key-age limit for profiles that set none; null restores the default. */
  'settings.setMaxKeyAge': z.object({ maxKeyAgeDays: maxKeyAgeDays.nullable() }),
  'secrets.reveal': z.object(credRef),
  'token.status': z.object(credRef),
  'token.refresh': z.object(credRef),
  'request.test': z.object({
    ...credRef,
    productId: product,
    region: z.string().max(16).optional(),
    scheme: authSchemeSchema.optional(),
    custom: customRequestSchema.optional(),
    requestId: z.string().max(100).optional(),
  }),
  'request.cancel': z.object({ requestId: z.string().min(1).max(100) }),
  'request.testFunction': z.object({
    ...credRef,
    url: z.string().min(1).max(2048),
    allowForeignHost: z.boolean().default(false),
  }),
  'signing.sign': z.object({
    ...credRef,
    method: httpMethod,
    path: z.string().min(1).max(2048),
    contentType: shortText.default(''),
    body: bodyText.default(''),
    timestamp: shortText.optional(),
  }),
  'callbacks.verify': callbackInputSchema,
  'snippets.curl': z.object({
    ...credRef,
    productId: product,
    region: z.string().max(16).optional(),
    scheme: authSchemeSchema.optional(),
    custom: customRequestSchema.optional(),
    /** env: $VAR references (runnable, no secret); masked: **** for tickets (not runnable); inline: the secret itself. */
    mode: curlModeSchema.default('env'),
  }),
  'snippets.env': z.object({
    ...ref,
    syntax: envSyntaxSchema,
    set: envSetSchema.default('sdk'),
    credentialIds: z.array(id).max(20).optional(),
    includeSecrets: z.boolean().default(false),
  }),
  'snippets.sdk': z.object({ ...ref, language: sdkLanguageSchema, productIds: z.array(product).max(20).optional() }),
  'env.export': z.object({
    ...ref,
    path: z.string().min(1).max(4096),
    set: envSetSchema.default('sdk'),
    credentialIds: z.array(id).max(20).optional(),
    /** When `path` is a symbolic link: the exact target the user confirmed writing through it to. */
    confirmedLinkTarget: z.string().min(1).max(4096).optional(),
  }),
  /** Desktop only: the native save dialog picks the .env path (starting where this profile last exported). Browser mode answers native: false. */
  'env.choosePath': z.object({ defaultName: z.string().max(255).default('.env'), profileId: id.optional() }),
  /** Desktop only: main copies (and later wipes) the text itself. Browser mode answers native: false, unwritten. */
  'clipboard.copy': z.object({ text: z.string().max(1_000_000), sensitive: z.boolean() }),
  'import.preview': z.object({ text: z.string().min(1).max(200_000), profileId: id.optional() }),
  'doctor.report': z.object({}),
  /** Deletes only the orphans named in `accounts` (the user saw them in the report); restores or starts over. */
  'doctor.repair': z.discriminatedUnion('action', [
    z.object({ action: z.literal('restore'), backupPath: z.string().min(1).max(4096) }),
    z.object({ action: z.literal('startFresh') }),
    z.object({ action: z.literal('deleteOrphans'), accounts: z.array(z.string().min(1).max(300)).min(1).max(10_000) }),
  ]),
  /** Without a profile: the one with the same project ID, else a new one. `test` runs each new credential's test. */
  'import.apply': z.object({
    text: z.string().min(1).max(200_000),
    profileName: z.string().max(80).optional(),
    profileId: id.optional(),
    test: z.boolean().default(false),
  }),
  // ---- AI agents (issue 15) ----
  'agent.status': z.object({}),
  'agent.setAccess': z.object({ ...ref, patch: agentAccessPatchSchema }),
  'agent.setStopped': z.object({ stopped: z.boolean() }),
  'agent.activity': z.object({ limit: z.number().int().min(1).max(1000).default(200) }),
  'agent.clientConfig': z.object({
    client: z.enum(AGENT_CLIENTS),
    server: z.enum(AGENT_SERVERS).default('sinch-keys'),
    profileId: id.optional(),
    /** The project folder, for clients whose MCP config lives in the project (Claude Code, VS Code). */
    projectDir: z.string().min(1).max(4096).optional(),
    write: z.boolean().default(false),
  }),
  /** Desktop: main's own folder dialog; the folder it returns is the only one a project config may be written to. */
  'agent.chooseProjectDir': z.object({}),
} as const satisfies Record<Operation, z.ZodType>;

export type OperationInput<O extends Operation> = z.input<(typeof operations)[O]>;
export type OperationArgs<O extends Operation> = z.output<(typeof operations)[O]>;

export const isOperation = (name: unknown): name is Operation => typeof name === 'string' && Object.hasOwn(operations, name);

/** The reply of each operation; the engine's handlers are typed against this, and so is the renderer's client. */
export interface Replies {
  'app.info': AppInfo;
  'keychain.status': KeychainStatus;
  'profiles.list': ProfileSummary[];
  'profiles.get': Profile;
  'profiles.create': Profile;
  'profiles.update': Profile;
  'profiles.remove': { removed: true };
  'profiles.setOverride': Profile;
  'credentials.add': CredentialMeta;
  'credentials.update': CredentialMeta;
  'credentials.remove': { removed: true };
  'credentials.rotate': RotationResult;
  'fleet.check': FleetReport;
  'settings.setMaxKeyAge': { maxKeyAgeDays: number };
  'secrets.reveal': SecretReveal;
  'token.status': TokenState;
  'token.refresh': TokenState;
  'request.test': TestResult;
  'request.cancel': { cancelled: boolean };
  'request.testFunction': FunctionTestResult;
  'signing.sign': SignedRequestView;
  'callbacks.verify': CallbackVerdict;
  'snippets.curl': SnippetView;
  'snippets.env': SnippetView;
  'snippets.sdk': SnippetView;
  'env.export': ExportResult;
  'env.choosePath': { path: string | null; native: boolean };
  'clipboard.copy': { native: boolean };
  'import.preview': ImportPreview;
  'import.apply': ImportApplied;
  'agent.status': AgentStatus;
  'agent.setAccess': AgentAccess;
  'agent.setStopped': AgentStatus;
  'agent.activity': AgentActivity;
  'agent.clientConfig': ClientConfigPreview;
  'agent.chooseProjectDir': { path: string | null; native: boolean };
  'doctor.report': DoctorReport;
  'doctor.repair': DoctorRepairResult;
}

export type Handlers = { [O in Operation]: (args: OperationArgs<O>) => Promise<Replies[O]> };

/** Push events from main to the UI (subscriptions return their own unsubscribe function). */
export interface Events {
  /** For one credential of one profile: the cache is keyed by the secret too, so a key ID alone names no token. */
  'token.changed': { profileId: string; credentialId: string; state: TokenState };
  /** Another process (the CLI, another window) changed the settings file: reload the list and the open profile. */
  'settings.changed': Record<string, never>;
}

/** The API the renderer holds: the value the preload exposes (shared/bind-api.ts builds it for every transport). */
export type { Api } from './bind-api';

export type { Operation } from './operations';
