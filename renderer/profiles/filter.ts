// Sidebar search: matches name, project ID and environment as the user types; pure, so 1,000 profiles filter in
// well under a frame and the result can be memoised on (list, query).
import type { ProfileSummary } from '../../shared/views';

// One collator for every comparison: localeCompare with options builds a new one per call, which made sorting 1,000
// profiles take ~65 ms of a keystroke (docs/benchmarks.md).
const byName = new Intl.Collator(undefined, { sensitivity: 'base' });

export function filterProfiles(list: readonly ProfileSummary[], query: string): ProfileSummary[] {
  // Every word typed must appear somewhere, so "banking 0001" finds "Customer 0001 Banking".
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = terms.length
    ? list.filter((p) => {
        const text = `${p.name}\n${p.projectId}\n${p.environment}`.toLowerCase();
        return terms.every((term) => text.includes(term));
      })
    : [...list];
  return matching.sort((a, b) => byName.compare(a.name, b.name));
}

/** Colour family of an environment chip: production stands out, staging warns, the rest are quiet. */
export function environmentTone(environment: string): 'prod' | 'staging' | 'dev' | 'other' {
  const env = environment.toLowerCase();
  if (/^(prod|production|live)$/.test(env)) return 'prod';
  if (/^(stag|staging|stage|preprod|uat|qa)$/.test(env)) return 'staging';
  if (/^(dev|development|test|testing|local|sandbox)$/.test(env)) return 'dev';
  return 'other';
}
