// Credentials from the standard SINCH_* and MAILGUN_* environment variables, as Sinch's own CLI accepts them.
// They are held in memory only and never saved; callers always report that they came from the environment.
import { bundleFrom, type CredentialBundle, conceptValues } from './credential-bundle';

export type EnvCredentials = CredentialBundle;

const STANDARD = /^(SINCH|MAILGUN)_/;

export function credentialsFromEnv(env: NodeJS.ProcessEnv): EnvCredentials {
  const { values, variables } = conceptValues(Object.entries(env), (name) => STANDARD.test(name));
  return bundleFrom(values, 'environment', variables, []);
}
