// The environment `sinch-keys exec` gives its child: the inherited environment without any credential variable the
// engine knows (so a foreign SINCH_* / MAILGUN_* value or an outer exec's profile cannot leak into this one), then
// the profile's own variables, its name and, for an access key, a fresh token with its expiry.

import { type EnvVar, EXEC_VARS, KNOWN_ENV_NAMES } from '../shared/env-vars';
import { AppError } from '../shared/errors';

export interface ExecEnvInput {
  inherited: NodeJS.ProcessEnv;
  profileName: string;
  vars: readonly EnvVar[];
  token?: { value: string; expiresAt?: number };
  /** Run inside an outer exec of a different profile anyway. */
  allowNested?: boolean;
}

export interface ExecEnv {
  env: NodeJS.ProcessEnv;
  /** Inherited credential variables that were dropped, to be announced on stderr (names only). */
  removed: string[];
  /** The secret values the child receives, for --mask. */
  secrets: string[];
}

export function buildExecEnv({ inherited, profileName, vars, token, allowNested = false }: ExecEnvInput): ExecEnv {
  const outer = inherited[EXEC_VARS.profile];
  if (outer !== undefined && outer !== profileName && !allowNested)
    throw new AppError(
      'CONFLICT',
      `This shell is already inside \`sinch-keys exec\` for profile "${outer.slice(0, 80)}"; running "${profileName}" in it would mix two projects.`,
      'Leave the outer exec first, or pass --allow-nested if you mean it.',
    );
  const removed = Object.keys(inherited).filter((name) => KNOWN_ENV_NAMES.has(name.toUpperCase()));
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(inherited).filter(([name]) => !KNOWN_ENV_NAMES.has(name.toUpperCase())),
  );
  const secrets: string[] = [];
  for (const v of vars) {
    if (v.value === undefined) continue;
    env[v.name] = v.value;
    if (v.secret) secrets.push(v.value);
  }
  env[EXEC_VARS.profile] = profileName;
  if (token) {
    env[EXEC_VARS.accessToken] = token.value;
    secrets.push(token.value);
    if (token.expiresAt !== undefined) env[EXEC_VARS.accessTokenExpiresAt] = new Date(token.expiresAt).toISOString();
  }
  return { env, removed, secrets };
}
