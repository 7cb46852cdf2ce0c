// Sidebar search: matches name, project ID and environment as the user types; pure, so 1,000 profiles filter in
// well under a frame and the result can be memoised on (list, query).
import type { ProfileSummary } from '../../shared/views';

// One collator for every comparison: localeCompare with options builds a new one per call, which made sorting 1,000
// profiles take ~65 ms of a keystroke (docs/benchmarks.md).
const byName = new Intl.Collator(undefined, { sensitivity: 'base' });

interface Indexed {
  /** The list sorted by name once, so a keystroke filters in order instead of sorting again. */
  sorted: ProfileSummary[];
  /** Each profile's lower-cased search text, in the same order. */
  texts: string[];
}

// Computed once per list the engine returns (a new list is a new object), not once per keystroke.
const indexes = new WeakMap<readonly ProfileSummary[], Indexed>();

function indexOf(list: readonly ProfileSummary[]): Indexed {
  let index = indexes.get(list);
  if (!index) {
    const sorted = [...list].sort((a, b) => byName.compare(a.name, b.name));
    index = { sorted, texts: sorted.map((p) => `${p.name}\n${p.projectId}\n${p.environment}`.toLowerCase()) };
    indexes.set(list, index);
  }
  return index;
}

/** The matching profiles by name; the array may be shared between calls, so callers must not change it. */
export function filterProfiles(list: readonly ProfileSummary[], query: string): readonly ProfileSummary[] {
  // Every word typed must appear somewhere, so "banking 0001" finds "Customer 0001 Banking".
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const { sorted, texts } = indexOf(list);
  if (terms.length === 0) return sorted;
  return sorted.filter((_, i) => terms.every((term) => (texts[i] as string).includes(term)));
}

/** Colour family of an environment chip: production stands out, staging warns, the rest are quiet. */
export function environmentTone(environment: string): 'prod' | 'staging' | 'dev' | 'other' {
  const env = environment.toLowerCase();
  if (/^(prod|production|live)$/.test(env)) return 'prod';
  if (/^(stag|staging|stage|preprod|uat|qa)$/.test(env)) return 'staging';
  if (/^(dev|development|test|testing|local|sandbox)$/.test(env)) return 'dev';
  return 'other';
}
