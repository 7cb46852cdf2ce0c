// How old a credential's secret is and whether it is past the maximum age the user set (per profile, or globally;
// 90 days when neither says). The age counts from the secret's creation: a rotation starts it again.
import type { CredentialMeta, Profile, Settings } from './profile';

export const DEFAULT_MAX_KEY_AGE_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface KeyAge {
  days: number;
  maxDays: number;
  overdue: boolean;
}

/** The limit that applies to a profile: its own, else the global one, else the default. */
export const maxKeyAgeFor = (profile: Pick<Profile, 'maxKeyAgeDays'>, settings?: Pick<Settings, 'maxKeyAgeDays'>): number =>
  profile.maxKeyAgeDays ?? settings?.maxKeyAgeDays ?? DEFAULT_MAX_KEY_AGE_DAYS;

export function keyAgeOf(credential: Pick<CredentialMeta, 'createdAt'>, maxDays: number, nowMs: number): KeyAge {
  const created = Date.parse(credential.createdAt);
  const days = Number.isFinite(created) ? Math.max(0, Math.floor((nowMs - created) / DAY_MS)) : 0;
  return { days, maxDays, overdue: days > maxDays };
}

/** The oldest credential's age, which is what a profile row reports. */
export function oldestKeyAge(profile: Profile, maxDays: number, nowMs: number): KeyAge | undefined {
  const ages = profile.credentials.map((c) => keyAgeOf(c, maxDays, nowMs));
  return ages.sort((a, b) => b.days - a.days)[0];
}

/** "120 days old, past the 90-day limit: rotate it" — the words the CLI prints and the UI translates by key. */
export const describeKeyAge = (age: KeyAge): string =>
  age.overdue
    ? `${age.days} days old, past the ${age.maxDays}-day limit: rotate it`
    : `${age.days} day${age.days === 1 ? '' : 's'} old`;
