// The fleet view's rules: what a diagnosis means in the matrix, how old a key is, and what comes first.
import { describe, expect, it } from 'vitest';
import { arrangeFleet, type FleetRow, filterFleet, orderFleet, reportFails, verdictOf } from '../../shared/fleet';
import { DEFAULT_MAX_KEY_AGE_DAYS, keyAgeOf, maxKeyAgeFor } from '../../shared/key-age';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);

const row = (name: string, days: number, verdict: FleetRow['cells'][number]['verdict'], environment = 'prod'): FleetRow => ({
  profileId: name,
  profileName: name,
  environment,
  credentialId: `${name}-c`,
  kind: 'accessKey',
  publicId: `${name}-key`,
  label: '',
  age: keyAgeOf({ createdAt: new Date(NOW - days * DAY).toISOString() }, 90, NOW),
  cells: [{ productId: 'numbers', verdict, code: 'OK', title: '', latencyMs: 1 }],
});

describe('fleet verdicts', () => {
  it('reads a diagnosis as works, no access, wrong secret, wrong region or failed', () => {
    expect(verdictOf('OK')).toBe('works');
    expect(verdictOf('OK_PROBE')).toBe('works');
    expect(verdictOf('KEY_WITHOUT_ACCESS')).toBe('noAccess');
    expect(verdictOf('INVALID_KEY_SECRET')).toBe('wrongSecret');
    expect(verdictOf('WRONG_REGION_HOST')).toBe('wrongRegion');
    expect(verdictOf('TIMEOUT')).toBe('failed');
  });

  it('fails the report when any cell fails, not when a test could not be made', () => {
    const report = {
      rows: [row('a', 1, 'works'), row('b', 1, 'notTried')],
      checkedAt: '',
      wallMs: 1,
      slowestMs: 1,
      tokenExchanges: 0,
    };
    expect(reportFails(report)).toBe(false);
    expect(reportFails({ ...report, rows: [...report.rows, row('c', 1, 'noAccess')] })).toBe(true);
  });
});

describe('key age', () => {
  it('is past the limit only after the limit, which the profile, the global setting or the default sets', () => {
    expect(keyAgeOf({ createdAt: new Date(NOW - 90 * DAY).toISOString() }, 90, NOW)).toEqual({
      days: 90,
      maxDays: 90,
      overdue: false,
    });
    expect(keyAgeOf({ createdAt: new Date(NOW - 91 * DAY).toISOString() }, 90, NOW).overdue).toBe(true);
    expect(maxKeyAgeFor({}, {})).toBe(DEFAULT_MAX_KEY_AGE_DAYS);
    expect(maxKeyAgeFor({}, { maxKeyAgeDays: 30 })).toBe(30);
    expect(maxKeyAgeFor({ maxKeyAgeDays: 7 }, { maxKeyAgeDays: 30 })).toBe(7);
  });
});

describe('arranging the fleet', () => {
  const rows = [row('Calm', 10, 'works'), row('Broken', 5, 'wrongSecret', 'staging'), row('Old', 200, 'works')];

  it('puts keys past their age first, then failing ones, then the rest by name', () => {
    expect(arrangeFleet(rows).map((r) => r.profileName)).toEqual(['Old', 'Broken', 'Calm']);
  });

  it('filters by environment, by failing (age included) and by text, and sorts by age', () => {
    expect(arrangeFleet(rows, { environment: 'staging' }).map((r) => r.profileName)).toEqual(['Broken']);
    expect(arrangeFleet(rows, { failingOnly: true }).map((r) => r.profileName)).toEqual(['Old', 'Broken']);
    expect(arrangeFleet(rows, { query: 'calm' }).map((r) => r.profileName)).toEqual(['Calm']);
    expect(arrangeFleet(rows, { sort: 'age' }).map((r) => r.profileName)).toEqual(['Old', 'Calm', 'Broken']);
  });

  it('filters one ordering keystroke after keystroke, keeping its order, by name, environment, key or label', () => {
    const many = [...rows, row('Zeta Calm', 400, 'works'), row('Beta', 1, 'noAccess')];
    const byAge = orderFleet(many, 'age');
    const names = (query: string) => filterFleet(byAge, { query }).map((r) => r.profileName);
    expect(names('')).toEqual(['Zeta Calm', 'Old', 'Calm', 'Broken', 'Beta']);
    expect(names('CALM ')).toEqual(['Zeta Calm', 'Calm']);
    expect(names('staging')).toEqual(['Broken']);
    expect(names('beta-key')).toEqual(['Beta']);
    expect(names('calm\nprod')).toEqual([]);
    expect(filterFleet(byAge, { query: 'calm', failingOnly: true }).map((r) => r.profileName)).toEqual(['Zeta Calm']);
  });
});
