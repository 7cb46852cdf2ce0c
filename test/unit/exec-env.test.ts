// The child environment of `sinch-keys exec`: only its own profile's credentials, whatever the shell had.
import { describe, expect, it } from 'vitest';
import { buildExecEnv } from '../../core/exec-env';
import { KNOWN_ENV_NAMES } from '../../shared/env-vars';

const vars = [
  { name: 'SINCH_PROJECT_ID', value: 'project-a', secret: false },
  { name: 'SINCH_KEY_ID', value: 'key-a', secret: false },
  { name: 'SINCH_KEY_SECRET', value: 'secret-a', secret: true },
];

describe('exec environment', () => {
  it('drops every inherited Sinch and Mailgun variable the engine knows and says which', () => {
    const inherited = {
      PATH: '/usr/bin',
      SINCH_KEY_SECRET: 'foreign',
      MAILGUN_API_KEY: 'foreign-mailgun',
      PROJECT_ID_API_SECRET: 'foreign-functions',
      sinch_api_token: 'lower-case-too',
      SINCH_ACCESS_TOKEN: 'outer-token',
    };
    const { env, removed, secrets } = buildExecEnv({ inherited, profileName: 'A', vars });
    expect(env).toEqual({
      PATH: '/usr/bin',
      SINCH_PROJECT_ID: 'project-a',
      SINCH_KEY_ID: 'key-a',
      SINCH_KEY_SECRET: 'secret-a',
      SINCH_KEYS_PROFILE: 'A',
    });
    expect(removed.sort()).toEqual(
      ['MAILGUN_API_KEY', 'PROJECT_ID_API_SECRET', 'SINCH_ACCESS_TOKEN', 'SINCH_KEY_SECRET', 'sinch_api_token'].sort(),
    );
    expect(secrets).toEqual(['secret-a']);
  });

  it('knows the names of every env set, so a set added to the catalog is cleared too', () => {
    for (const name of ['SINCH_KEY_ID', 'PROJECT_ID_API_KEY', 'VOICE_APPLICATION_SECRET', 'MAILGUN_DOMAIN', 'SINCH_KEYS_PROFILE'])
      expect(KNOWN_ENV_NAMES.has(name), name).toBe(true);
  });

  it('gives an access-key profile its token and expiry, and masks the token too', () => {
    const { env, secrets } = buildExecEnv({
      inherited: {},
      profileName: 'A',
      vars,
      token: { value: 'tok', expiresAt: Date.UTC(2026, 0, 1) },
    });
    expect(env.SINCH_ACCESS_TOKEN).toBe('tok');
    expect(env.SINCH_ACCESS_TOKEN_EXPIRES_AT).toBe('2026-01-01T00:00:00.000Z');
    expect(secrets).toContain('tok');
  });

  it('refuses to nest a different profile unless allowed, and nests the same one freely', () => {
    const inherited = { SINCH_KEYS_PROFILE: 'Prod' };
    expect(() => buildExecEnv({ inherited, profileName: 'Staging', vars })).toThrow(/already inside/);
    expect(buildExecEnv({ inherited, profileName: 'Staging', vars, allowNested: true }).env.SINCH_KEYS_PROFILE).toBe('Staging');
    expect(buildExecEnv({ inherited, profileName: 'Prod', vars }).env.SINCH_KEYS_PROFILE).toBe('Prod');
  });
});
