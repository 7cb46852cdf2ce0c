import { describe, expect, it } from 'vitest';
import { environmentTone, filterProfiles } from '../../renderer/profiles/filter';
import type { ProfileSummary } from '../../shared/views';

const profile = (name: string, environment = 'prod', projectId = ''): ProfileSummary => ({
  id: name,
  name,
  projectId,
  environment,
  credentialKinds: [],
  credentialCount: 0,
  updatedAt: '2026-11-25T00:00:00Z',
});

const list = [
  profile('Customer 0001 Banking', 'staging'),
  profile('acme production', 'prod', 'a1b2c3d4-0000-4000-8000-1234567890ab'),
  profile('Beta sandbox', 'dev'),
];

describe('sidebar search', () => {
  it('lists every profile by name, ignoring case, when the box is empty', () => {
    expect(filterProfiles(list, '  ').map((p) => p.name)).toEqual(['acme production', 'Beta sandbox', 'Customer 0001 Banking']);
  });

  it('finds a profile by words in any order', () => {
    expect(filterProfiles(list, 'banking 0001').map((p) => p.name)).toEqual(['Customer 0001 Banking']);
  });

  it('finds a profile by project ID or environment label', () => {
    expect(filterProfiles(list, 'A1B2C3D4').map((p) => p.name)).toEqual(['acme production']);
    expect(filterProfiles(list, 'staging').map((p) => p.name)).toEqual(['Customer 0001 Banking']);
  });

  it('finds nothing when one word matches nothing', () => {
    expect(filterProfiles(list, 'acme zebra')).toEqual([]);
  });

  it('does not reorder the list it was given', () => {
    const copy = [...list];
    filterProfiles(list, '');
    expect(list).toEqual(copy);
  });
});

describe('environment chip colour', () => {
  it('marks production, staging and development labels apart', () => {
    expect(environmentTone('PROD')).toBe('prod');
    expect(environmentTone('live')).toBe('prod');
    expect(environmentTone('uat')).toBe('staging');
    expect(environmentTone('sandbox')).toBe('dev');
    expect(environmentTone('eu-west')).toBe('other');
  });
});
