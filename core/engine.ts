// One engine, three doors: Electron IPC, the browser mode's HTTP server and the CLI all call these handlers, after
// validating the request against the one contract (shared/contract.ts) in `dispatch`.
import { isAbsolute } from 'node:path';
import type { LaunchCommand } from '../shared/agent-clients';
import { type Handlers, isOperation, type Operation, type OperationInput, operations, type Replies } from '../shared/contract';
import { engineError } from '../shared/engine-text';
import { AppError, attempt, type Result } from '../shared/errors';
import { type FleetVerdict, verdictOf } from '../shared/fleet';
import { DEFAULT_MAX_KEY_AGE_DAYS, maxKeyAgeFor, oldestKeyAge } from '../shared/key-age';
import { baseUrlOverrideSchema, type CredentialMeta, firstIssueMessage, type Profile } from '../shared/profile';
import type { AppInfo, KeychainStatus, ProfileSummary } from '../shared/views';
import { agentHandlers } from './agent-service';
import { signApplicationRequest } from './app-signing';
import { type Confirmer, callerConfirms, confirmForeignHost, confirmOverrides } from './confirmations';
import { deleteOrphans, doctorReport, PROBE_ACCOUNT, restoreBackup, startFresh } from './doctor';
import { exportEnvFile, exportTarget } from './env-file';
import { checkFleet } from './fleet-check';
import { testFunctionUrl } from './function-check';
import { applyImport, previewImport } from './importer';
import { type Clock, type FetchLike, type SecretStore, systemClock, type TokenKey } from './ports';
import type { ProfileService } from './profiles';
import { recentRedactors } from './recent-redactors';
import { rotateCredential } from './rotation';
import type { SettingsStore } from './settings-store';
import { curlSnippet, envSnippet, envVarsWithSecrets, sdkSnippet } from './snippet-service';
import { guardedTokenUrl, runTestRequest, tokenUrlOf } from './test-request';
import { credentialRef, type TokenService } from './token-service';
import { verifyCallback } from './webhook-verify';

export interface EngineDeps {
  profiles: ProfileService;
  settings: SettingsStore;
  secrets: SecretStore;
  tokens: TokenService;
  version: string;
  fetch?: FetchLike;
  clock?: Clock;
  /** How AI clients start this installation's CLI (agent config entries). */
  agentLauncher?: () => LaunchCommand | undefined;
  /** Who gives the user's word (core/confirmations.ts); without one the caller's flags are the answer. */
  confirmer?: Confirmer;
}

/** Test verdicts about the key itself, worth remembering for the default choice; 'failed' may be the network. */
const DECISIVE_VERDICTS: ReadonlySet<FleetVerdict> = new Set(['works', 'noAccess', 'wrongSecret', 'wrongRegion']);

/** Only access keys are exchanged for tokens; the token URL passes the request host guard first. */
export function tokenKeyFor(profile: Profile, credential: CredentialMeta, readSecret: () => Promise<string>): TokenKey {
  if (credential.kind !== 'accessKey') throw engineError('WRONG_CREDENTIAL_KIND', 'tokenNeedsAccessKey');
  return {
    tokenUrl: guardedTokenUrl(profile, credential).href,
    keyId: credential.keyId,
    credentialRef: credentialRef(profile.id, credential),
    readSecret,
  };
}

export function summarize(profile: Profile, maxDays: number, nowMs: number): ProfileSummary {
  const created = profile.credentials.map((c) => c.createdAt).sort();
  const age = oldestKeyAge(profile, maxDays, nowMs);
  return {
    id: profile.id,
    name: profile.name,
    projectId: profile.projectId,
    environment: profile.environment,
    credentialKinds: [...new Set(profile.credentials.map((c) => c.kind))],
    credentialCount: profile.credentials.length,
    ...(created[0] ? { oldestKeyCreatedAt: created[0] } : {}),
    ...(age ? { oldestKeyAge: age } : {}),
    updatedAt: profile.updatedAt,
  };
}

/** What app.info says of the settings file; it must answer while the file is damaged (for the banner). */
function settingsFacts(settings: SettingsStore): Pick<AppInfo, 'settingsDamage' | 'maxKeyAgeDays'> {
  const reading = settings.inspect();
  if ('damage' in reading)
    return {
      maxKeyAgeDays: DEFAULT_MAX_KEY_AGE_DAYS,
      settingsDamage: { backupPath: reading.damage.backupPath, message: reading.damage.message },
    };
  return { maxKeyAgeDays: reading.settings.maxKeyAgeDays ?? DEFAULT_MAX_KEY_AGE_DAYS };
}

const matches = (profile: Profile, query: string): boolean => {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const fields = [profile.name, profile.projectId, profile.environment, ...profile.credentials.map((c) => c.label)];
  return fields.some((f) => f.toLowerCase().includes(q));
};

export function createEngine(deps: EngineDeps): Handlers {
  const { profiles, tokens, secrets } = deps;
  const clock = deps.clock ?? systemClock;
  const confirmer = deps.confirmer ?? callerConfirms;
  const running = new Map<string, AbortController>();
  const lookup = (profileId: string, credentialId: string) => profiles.credential(profileId, credentialId);
  const reader = (profileId: string, credentialId: string) => () => profiles.readSecret(profileId, credentialId);
  const redactors = recentRedactors();

  const withCredential = <K extends CredentialMeta['kind']>(
    profileId: string,
    credentialId: string,
    kind: K,
    purpose: string,
  ) => {
    const { profile, credential } = lookup(profileId, credentialId);
    if (credential.kind !== kind)
      throw new AppError(
        'WRONG_CREDENTIAL_KIND',
        `${purpose} needs ${kind === 'applicationKey' ? 'an application key' : 'a project access key'}.`,
      );
    return { profile, credential: credential as Extract<CredentialMeta, { kind: K }> };
  };

  return {
    'app.info': async () => ({
      version: deps.version,
      keychainBackend: secrets.backend,
      settingsPath: deps.settings.path,
      ...settingsFacts(deps.settings),
    }),

    'keychain.status': async (): Promise<KeychainStatus> => {
      const backend = secrets.backend;
      try {
        // A write, not a read: reading an absent entry succeeds on a locked keyring and on one with no collection.
        await secrets.set(PROBE_ACCOUNT, 'probe');
        await secrets.delete(PROBE_ACCOUNT);
        return { backend, state: 'ok' };
      } catch (err) {
        const e = err instanceof AppError ? err : engineError('KEYCHAIN_UNAVAILABLE', 'keychainUnavailable', { backend });
        const state = e.code === 'KEYCHAIN_LOCKED' ? 'locked' : e.code === 'KEYCHAIN_TIMEOUT' ? 'timeout' : 'unavailable';
        const { message, hint, text } = e.toJSON();
        return { backend, state, message, ...(hint ? { hint } : {}), ...(text ? { text } : {}) };
      }
    },

    'profiles.list': async ({ query }) => {
      const settings = deps.settings.read();
      const now = clock.now();
      return settings.profiles.filter((p) => matches(p, query ?? '')).map((p) => summarize(p, maxKeyAgeFor(p, settings), now));
    },
    'profiles.get': async ({ profileId }) => profiles.get(profileId),
    'profiles.create': async ({ credentials, ...input }) =>
      profiles.create({ ...input, baseUrls: await confirmOverrides(confirmer, input.baseUrls, {}) }, credentials ?? []),
    'profiles.update': async ({ profileId, patch }) => {
      if (patch.baseUrls === undefined) return profiles.update(profileId, patch);
      const baseUrls = await confirmOverrides(confirmer, patch.baseUrls, profiles.get(profileId).baseUrls);
      return profiles.update(profileId, { ...patch, baseUrls });
    },
    'profiles.remove': async ({ profileId }) => {
      await profiles.remove(profileId);
      return { removed: true };
    },

    'profiles.setOverride': async ({ profileId, target, url, allowForeignHost }) => {
      const profile = profiles.get(profileId);
      const baseUrls = { ...profile.baseUrls };
      if (url === null || url.trim() === '') delete baseUrls[target];
      else {
        const parsed = baseUrlOverrideSchema.safeParse({ url, allowForeignHost });
        if (!parsed.success) throw new AppError('VALIDATION', firstIssueMessage(parsed.error));
        baseUrls[target] = parsed.data;
      }
      return profiles.update(profileId, { baseUrls: await confirmOverrides(confirmer, baseUrls, profile.baseUrls) });
    },

    'credentials.add': async ({ profileId, credential }) => profiles.addCredential(profileId, credential),
    'credentials.update': async ({ profileId, credentialId, patch }) => profiles.updateCredential(profileId, credentialId, patch),
    'credentials.remove': async ({ profileId, credentialId }) => {
      await profiles.removeCredential(profileId, credentialId);
      return { removed: true };
    },
    'credentials.rotate': async (input) => rotateCredential({ profiles, tokens, fetch: deps.fetch, clock: deps.clock }, input),

    'fleet.check': async () =>
      checkFleet({
        settings: deps.settings.read(),
        readSecret: (p, c) => profiles.readSecret(p, c),
        tokens,
        fetch: deps.fetch,
        clock,
      }),
    'settings.setMaxKeyAge': async ({ maxKeyAgeDays }) => {
      const next = await deps.settings.update(({ maxKeyAgeDays: _previous, ...rest }) =>
        maxKeyAgeDays === null ? rest : { ...rest, maxKeyAgeDays },
      );
      return { maxKeyAgeDays: next.maxKeyAgeDays ?? DEFAULT_MAX_KEY_AGE_DAYS };
    },

    'secrets.reveal': async ({ profileId, credentialId }) => ({ secret: await profiles.readSecret(profileId, credentialId) }),

    'token.status': async ({ profileId, credentialId }) => {
      const { profile, credential } = withCredential(profileId, credentialId, 'accessKey', 'A token');
      return tokens.state({
        tokenUrl: tokenUrlOf(profile),
        keyId: credential.keyId,
        credentialRef: credentialRef(profile.id, credential),
      });
    },
    'token.refresh': async ({ profileId, credentialId }) => {
      const { profile, credential } = withCredential(profileId, credentialId, 'accessKey', 'A token');
      return tokens.refresh(tokenKeyFor(profile, credential, reader(profileId, credentialId)));
    },

    'request.test': async ({ profileId, credentialId, productId, region, scheme, custom, requestId }) => {
      const { profile, credential } = lookup(profileId, credentialId);
      const controller = new AbortController();
      if (requestId) running.set(requestId, controller);
      try {
        const result = await runTestRequest(
          { profile, credential, productId, region, scheme, custom, signal: controller.signal },
          { readSecret: reader(profileId, credentialId), tokens, fetch: deps.fetch, clock: deps.clock, redactors },
        );
        // The product's own safe test says whether the key works; a custom request, or a network failure, does not.
        const verdict = verdictOf(result.diagnosis.code);
        if (!custom && DECISIVE_VERDICTS.has(verdict))
          await profiles.recordTest(profileId, credential, { verdict, productId, at: new Date(clock.now()).toISOString() });
        return result;
      } finally {
        if (requestId) running.delete(requestId);
      }
    },
    'request.cancel': async ({ requestId }) => {
      const controller = running.get(requestId);
      controller?.abort(engineError('CANCELLED', 'requestCancelled'));
      return { cancelled: controller !== undefined };
    },
    'request.testFunction': async ({ profileId, credentialId, url, allowForeignHost }) => {
      const { credential } = withCredential(profileId, credentialId, 'accessKey', 'A protected Sinch Function');
      return testFunctionUrl({
        url,
        keyId: credential.keyId,
        readSecret: reader(profileId, credentialId),
        confirmedHosts: profiles.get(profileId).functionHosts ?? [],
        confirmHost: async (host) => allowForeignHost && confirmForeignHost(confirmer, host, 'functionAccessKey'),
        rememberHost: (host) => profiles.confirmFunctionHost(profileId, host),
        fetch: deps.fetch,
      });
    },

    'signing.sign': async ({ profileId, credentialId, method, path, contentType, body, timestamp }) => {
      const { credential } = withCredential(profileId, credentialId, 'applicationKey', 'Application signing');
      const applicationSecret = await profiles.readSecret(profileId, credentialId);
      return signApplicationRequest({
        applicationKey: credential.applicationKey,
        applicationSecret,
        method,
        path,
        contentType,
        body,
        timestamp,
      });
    },

    'callbacks.verify': async (input) => {
      if (input.kind !== 'application')
        return verifyCallback(
          input.kind === 'mailgun'
            ? { kind: 'mailgun', signingKey: input.signingKey, body: input.body, maxAgeSeconds: input.maxAgeSeconds }
            : input,
        );
      const { credential } = withCredential(
        input.profileId,
        input.credentialId,
        'applicationKey',
        'Verifying a Voice/Verification callback',
      );
      const applicationSecret = await profiles.readSecret(input.profileId, input.credentialId);
      return verifyCallback({ ...input, applicationKey: credential.applicationKey, applicationSecret });
    },

    'snippets.curl': async ({ profileId, credentialId, mode, ...request }) => {
      const { profile, credential } = lookup(profileId, credentialId);
      // Only an inline snippet reads the keychain; a masked one shows **** where the secret would be.
      const secret = mode === 'inline' ? await profiles.readSecret(profileId, credentialId) : undefined;
      return curlSnippet(profile, credential, request, mode === 'masked' ? { masked: true } : { secret });
    },
    'snippets.env': async ({ profileId, syntax, set, credentialIds, includeSecrets }) => {
      const profile = profiles.get(profileId);
      const vars = await envVarsWithSecrets(
        profile,
        set,
        credentialIds,
        includeSecrets ? (id) => profiles.readSecret(profileId, id) : undefined,
      );
      return envSnippet(vars, syntax, includeSecrets);
    },
    'snippets.sdk': async ({ profileId, language, productIds }) => sdkSnippet(profiles.get(profileId), language, productIds),

    // A .env file is the one export meant to hold secrets: the user asked for it by choosing the file.
    'env.export': async ({ profileId, path, set, credentialIds, confirmedLinkTarget }) => {
      if (!isAbsolute(path)) throw engineError('VALIDATION', 'exportPathNotAbsolute');
      // A path the door did not approve (desktop: not from main's own save dialog) is refused before a secret is read.
      if (!(await confirmer.exportPath(path))) throw engineError('UNAUTHORIZED', 'exportPathUnapproved');
      const profile = profiles.get(profileId);
      // An unconfirmed symbolic link is refused before a secret is read, too.
      const target = await exportTarget(path, (linked) =>
        confirmer.linkTarget({ path, target: linked, requested: confirmedLinkTarget }),
      );
      const vars = await envVarsWithSecrets(profile, set, credentialIds, (id) => profiles.readSecret(profileId, id));
      const header = `Sinch Keys — ${profile.name} (${profile.environment})`;
      return exportEnvFile({ path, vars, header, ...(target !== path ? { confirmedLinkTarget: target } : {}) });
    },

    // Only the desktop door has a native dialog; it replaces this handler.
    'env.choosePath': async () => ({ path: null, native: false }),
    'agent.chooseProjectDir': async () => ({ path: null, native: false }),
    // Only the desktop door owns the system clipboard; it replaces this handler. Elsewhere the page copies.
    'clipboard.copy': async () => ({ native: false }),

    'import.preview': async ({ text, profileId }) => previewImport(profiles, text, { profileId }),
    'import.apply': async ({ text, profileName, profileId, test }) =>
      applyImport(
        profiles,
        text,
        { profileName, profileId },
        test ? { tokens, ...(deps.fetch ? { fetch: deps.fetch } : {}), clock } : undefined,
      ),

    ...agentHandlers({
      settings: deps.settings,
      profiles,
      confirmer,
      ...(deps.agentLauncher ? { launcher: deps.agentLauncher } : {}),
    }),

    'doctor.report': async () => doctorReport(deps),
    'doctor.repair': async (request) => {
      if (request.action === 'restore') return { action: 'restore', ...(await restoreBackup(deps, request.backupPath)) };
      if (request.action === 'startFresh') {
        await startFresh(deps);
        return { action: 'startFresh' };
      }
      return { action: 'deleteOrphans', ...(await deleteOrphans(deps, request.accounts)) };
    },
  };
}

const isPlainObject = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** Validates a request against the contract, runs it, and returns the envelope every door sends. */
export async function dispatch<O extends Operation>(
  handlers: Handlers,
  op: O | string,
  input: unknown,
): Promise<Result<Replies[O]>> {
  if (!isOperation(op)) return { ok: false, error: { code: 'VALIDATION', message: 'Unknown operation.' } };
  // Requests are JSON-shaped: a Date, Map or Error would let zod read inherited fields as if they were sent.
  if (input !== undefined && input !== null && !isPlainObject(input))
    return { ok: false, error: { code: 'VALIDATION', message: 'A request must be a plain JSON object.' } };
  const parsed = operations[op].safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: { code: 'VALIDATION', message: firstIssueMessage(parsed.error) } };
  const handler = handlers[op] as (args: unknown) => Promise<Replies[O]>;
  return attempt(() => handler(parsed.data));
}

export type { OperationInput };
