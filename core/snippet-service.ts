// Snippets for a profile: curl for a test request, env assignments in each shell syntax, SDK init code.
// Secrets are read from the keychain only when the user asked to include them; otherwise snippets reference env vars.
import type { AuthScheme, ProductId } from '../shared/catalog';
import { type EnvSet, type EnvVar, envVarsForProfile } from '../shared/env-vars';
import type { CredentialMeta, Profile } from '../shared/profile';
import { type CurlAuth, renderCurl } from '../shared/snippets/curl';
import { type EnvSyntax, renderEnv } from '../shared/snippets/env-syntax';
import { renderSdkInit, type SdkLanguage } from '../shared/snippets/sdk';
import type { SnippetView } from '../shared/views';
import { type CustomRequest, planTest } from './test-request';

const SDK_VARS = {
  keyId: 'SINCH_KEY_ID',
  keySecret: 'SINCH_KEY_SECRET',
  appKey: 'SINCH_APPLICATION_KEY',
  appSecret: 'SINCH_APPLICATION_SECRET',
};

function curlAuth(credential: CredentialMeta, scheme: AuthScheme, tokenUrl: string | undefined): CurlAuth {
  switch (credential.kind) {
    case 'accessKey':
      return {
        scheme: scheme === 'basic' ? 'basic' : 'bearer',
        userVar: SDK_VARS.keyId,
        passVar: SDK_VARS.keySecret,
        ...(tokenUrl ? { tokenUrl } : {}),
      };
    case 'applicationKey':
      return { scheme: scheme === 'basic' ? 'appBasic' : 'signed', keyVar: SDK_VARS.appKey, secretVar: SDK_VARS.appSecret };
    case 'servicePlan':
      return { scheme: 'apiToken', passVar: 'SINCH_API_TOKEN' };
    case 'mailgun':
      return { scheme: 'mailgun', passVar: 'MAILGUN_API_KEY' };
  }
}

/** The variables whose values a curl snippet needs, for the inline-secrets option. */
function curlValues(credential: CredentialMeta, secret: string): Record<string, string> {
  switch (credential.kind) {
    case 'accessKey':
      return { [SDK_VARS.keyId]: credential.keyId, [SDK_VARS.keySecret]: secret };
    case 'applicationKey':
      return { [SDK_VARS.appKey]: credential.applicationKey, [SDK_VARS.appSecret]: secret };
    case 'servicePlan':
      return { SINCH_API_TOKEN: secret };
    case 'mailgun':
      return { MAILGUN_API_KEY: secret };
  }
}

/** What a curl snippet carries where the secret goes: a `$VAR` reference (default), the secret itself, or ****. */
export type CurlSecret = { secret?: string; masked?: false } | { masked: true };

export function curlSnippet(
  profile: Profile,
  credential: CredentialMeta,
  request: { productId: ProductId; region?: string; scheme?: AuthScheme; custom?: CustomRequest },
  how: CurlSecret = {},
): SnippetView {
  const plan = planTest({ profile, credential, ...request });
  const warnings: string[] = [];
  if (!plan.url) warnings.push(`${plan.product.name} has no read-only request; the snippet only exchanges a token.`);
  const url = plan.url ?? plan.tokenUrl;
  const literal = how.masked ? MASK : how.secret;
  if (how.masked) warnings.push(MASKED_WARNING);
  else if (literal !== undefined) warnings.push(INLINE_WARNING);
  const text = renderCurl(
    {
      method: plan.url ? plan.method : 'POST',
      url: url?.href ?? '',
      ...(plan.body !== undefined ? { body: plan.body } : {}),
      ...(plan.contentType ? { contentType: plan.contentType } : {}),
      auth: curlAuth(credential, plan.scheme, plan.tokenUrl?.href),
    },
    literal === undefined ? {} : { inlineSecrets: curlValues(credential, literal) },
  );
  return {
    text: how.masked ? `# ${MASKED_WARNING}\n${text}` : text,
    containsSecrets: !how.masked && literal !== undefined,
    warnings,
  };
}

const MASK = '****';
export const MASKED_WARNING = 'Not runnable: the secret is masked as ****, for sharing in a ticket or a screenshot.';
export const INLINE_WARNING =
  'This command contains the secret itself: anyone who sees it can use the key. Prefer the version with environment variables.';

/** The env variables of a profile; `readSecret` is passed only when the user asked for secrets in the output. */
export async function envVarsWithSecrets(
  profile: Profile,
  set: EnvSet,
  credentialIds: readonly string[] | undefined,
  readSecret?: (credentialId: string) => Promise<string>,
): Promise<EnvVar[]> {
  const secrets: Record<string, string> = {};
  if (readSecret) {
    const needed = envVarsForProfile({ profile, set, ...(credentialIds ? { credentialIds } : {}) }).filter(
      (v) => v.secret && v.credentialId,
    );
    for (const v of needed) secrets[v.credentialId as string] = await readSecret(v.credentialId as string);
  }
  return envVarsForProfile({ profile, set, secrets, ...(credentialIds ? { credentialIds } : {}) });
}

/** The words the UI shows beside "Include secrets" (snippets.secretsWarning), for every door that prints one. */
export const SECRETS_SHOWN_WARNING =
  'The snippet shows secrets in plain text. Anyone who can see your screen, your shell history or your clipboard can use them.';

export function envSnippet(vars: EnvVar[], syntax: EnvSyntax, includeSecrets: boolean): SnippetView {
  const containsSecrets = includeSecrets && vars.some((v) => v.secret && v.value);
  return {
    text: renderEnv(vars, syntax, { includeSecrets }),
    containsSecrets,
    warnings: containsSecrets ? [SECRETS_SHOWN_WARNING] : [],
  };
}

export function sdkSnippet(profile: Profile, language: SdkLanguage, productIds?: readonly ProductId[]): SnippetView {
  return { text: renderSdkInit(language, profile, productIds), containsSecrets: false, warnings: [] };
}
