// Credentials found in a set of named values (a .env file, a Sinch CLI credentials JSON, the process environment),
// turned into the same profile and credential inputs the add form produces, so they are validated the same way.
import { conceptOfEnvName, type EnvConcept } from '../shared/env-vars';
import type { CredentialInput, ProfileInput } from '../shared/profile';

export type ConceptValues = Partial<Record<EnvConcept, string>>;

/**
 * A profile found in text or the environment carries no base-URL overrides: a pasted file must never choose where
 * secrets go (an override to a foreign host needs the user's word, core/confirmations.ts).
 */
export type FoundProfile = Omit<ProfileInput, 'baseUrls'>;

export interface CredentialBundle {
  profile: FoundProfile;
  /** Complete credentials (public part and secret). */
  credentials: CredentialInput[];
  /** Credentials whose public part was found without the secret (or the reverse). */
  incomplete: Array<{ kind: CredentialInput['kind']; publicId: string }>;
  /** The names that were recognised, in the order given. */
  variables: string[];
  ignoredVariables: string[];
}

const SERVICE_PLAN_REGIONS = ['us', 'eu', 'au', 'br', 'ca'];
const PROJECT_KEY_SMS_REGIONS = ['us', 'eu'];

/** Collects values by concept from named entries; the first spelling seen wins, later aliases are ignored. */
export function conceptValues(entries: Iterable<[string, string | undefined]>, accept: (name: string) => boolean = () => true) {
  const values: ConceptValues = {};
  const variables: string[] = [];
  const ignoredVariables: string[] = [];
  for (const [name, raw] of entries) {
    const value = raw?.trim();
    if (!value) continue;
    const concept = accept(name) ? conceptOfEnvName(name) : undefined;
    if (concept && values[concept] === undefined) {
      values[concept] = value;
      variables.push(name);
    } else if (accept(name)) ignoredVariables.push(name);
  }
  return { values, variables, ignoredVariables };
}

export function bundleFrom(
  values: ConceptValues,
  name: string,
  variables: string[],
  ignoredVariables: string[],
): CredentialBundle {
  const credentials: CredentialInput[] = [];
  const incomplete: CredentialBundle['incomplete'] = [];
  const pair = (
    kind: CredentialInput['kind'],
    publicId: string | undefined,
    secret: string | undefined,
    make: (id: string, s: string) => CredentialInput,
  ) => {
    if (publicId && secret) credentials.push(make(publicId, secret));
    else if (publicId || secret) incomplete.push({ kind, publicId: publicId ?? '' });
  };
  const sms = values.smsRegion?.toLowerCase();
  pair('accessKey', values.keyId, values.keySecret, (keyId, secret) => ({ kind: 'accessKey', keyId, secret }));
  pair('applicationKey', values.applicationKey, values.applicationSecret, (applicationKey, secret) => ({
    kind: 'applicationKey',
    applicationKey,
    secret,
  }));
  pair('servicePlan', values.servicePlanId, values.apiToken, (servicePlanId, secret) => ({
    kind: 'servicePlan',
    servicePlanId,
    secret,
    ...(sms && SERVICE_PLAN_REGIONS.includes(sms) ? { region: sms as 'us' } : {}),
  }));
  pair('mailgun', values.mailgunDomain, values.mailgunApiKey, (domain, secret) => ({ kind: 'mailgun', domain, secret }));

  const conversation = values.conversationRegion?.toLowerCase();
  const regions: Record<string, string> = {};
  if (conversation) Object.assign(regions, { conversation, templates: conversation });
  if (sms && PROJECT_KEY_SMS_REGIONS.includes(sms)) regions.sms = sms;
  if (sms && SERVICE_PLAN_REGIONS.includes(sms)) regions.smsServicePlan = sms;
  return {
    profile: { name, projectId: values.projectId ?? '', regions },
    credentials,
    incomplete,
    variables,
    ignoredVariables,
  };
}
