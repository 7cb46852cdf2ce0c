// Snippets for a profile: curl for a test request, env assignments in each shell syntax, SDK init code.
// Secrets are read from the keychain only when the user asked to include them; otherwise snippets reference env vars.
import type { AuthScheme, ProductId } from '../shared/catalog';
import { type EngineTextId, type EngineTextParams, englishText } from '../shared/engine-text';
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
  const warnings: SnippetView['warnings'] = [];
  if (!plan.url) warnings.push(warning('snippetTokenOnly', { product: plan.product.id }));
  const url = plan.url ?? plan.tokenUrl;
  const literal = how.masked ? MASK : how.secret;
  if (how.masked) warnings.push(warning('snippetMasked'));
  else if (literal !== undefined) warnings.push(warning('snippetInline'));
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
    text: how.masked ? `# ${warning('snippetMasked').message}\n${text}` : text,
    containsSecrets: !how.masked && literal !== undefined,
    warnings,
  };
}

const MASK = '****';

/** A snippet's warning in English for the CLI, with its id and facts for the UI, which says it in its language. */
const warning = (id: EngineTextId, params: EngineTextParams = {}) => ({ id, params, ...englishText({ id, params }) });

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

export function envSnippet(vars: EnvVar[], syntax: EnvSyntax, includeSecrets: boolean): SnippetView {
  const containsSecrets = includeSecrets && vars.some((v) => v.secret && v.value);
  return {
    text: renderEnv(vars, syntax, { includeSecrets }),
    containsSecrets,
    warnings: containsSecrets ? [warning('snippetSecretsShown')] : [],
  };
}

export function sdkSnippet(profile: Profile, language: SdkLanguage, productIds?: readonly ProductId[]): SnippetView {
  return { text: renderSdkInit(language, profile, productIds), containsSecrets: false, warnings: [] };
}
