// The fleet view: every credential of every profile tested against every product it can serve, as a matrix of plain
// verdicts. Pure data and rules, shared by the engine (which fills it), the CLI and the UI (which sort and filter it).
import type { CredentialKind, ProductId } from './catalog';
import type { DiagnosisCode } from './diagnosis';
import type { ErrorCode } from './errors';
import type { KeyAge } from './key-age';

/** What one product said about one credential. 'notTried': the test could not be made (no project ID, a host guard). */
export const FLEET_VERDICTS = ['works', 'noAccess', 'wrongSecret', 'wrongRegion', 'failed', 'notTried'] as const;
export type FleetVerdict = (typeof FLEET_VERDICTS)[number];
export const FAILING_VERDICTS: ReadonlySet<FleetVerdict> = new Set(['noAccess', 'wrongSecret', 'wrongRegion', 'failed']);

export interface FleetCell {
  productId: ProductId;
  verdict: FleetVerdict;
  /** The diagnosis code of the test, or the error code that kept it from running. */
  code: DiagnosisCode | ErrorCode;
  /** One line for people: the diagnosis title or the error message (never a secret). */
  title: string;
  status?: number;
  latencyMs: number;
}

export interface FleetRow {
  profileId: string;
  profileName: string;
  environment: string;
  credentialId: string;
  kind: CredentialKind;
  publicId: string;
  label: string;
  age: KeyAge;
  /** When the access key's token stops working (ms since the epoch); absent for other kinds or without a token. */
  tokenExpiresAt?: number;
  cells: FleetCell[];
}

export interface FleetReport {
  rows: FleetRow[];
  checkedAt: string;
  /** Wall time of the whole check, and of its slowest single test, in ms. */
  wallMs: number;
  slowestMs: number;
  /** Token exchanges the check made (at most one per access key; a cached token needs none). */
  tokenExchanges: number;
}

const WORKS: ReadonlySet<string> = new Set(['OK', 'OK_PROBE', 'OK_TOKEN_ONLY']);
const NO_ACCESS: ReadonlySet<string> = new Set(['KEY_WITHOUT_ACCESS', 'SMS_ACCESS_KEYS_END_OF_SALE', 'MAILGUN_SENDING_KEY']);
const WRONG_SECRET: ReadonlySet<string> = new Set(['INVALID_KEY_SECRET', 'CREDENTIALS_REJECTED', 'TOKEN_NOT_ACCEPTED']);
const WRONG_REGION: ReadonlySet<string> = new Set(['WRONG_REGION_HOST', 'MAILGUN_REGION_MISMATCH']);

/** The verdict a diagnosis code amounts to in the matrix. */
export function verdictOf(code: DiagnosisCode): FleetVerdict {
  if (WORKS.has(code)) return 'works';
  if (NO_ACCESS.has(code)) return 'noAccess';
  if (WRONG_SECRET.has(code)) return 'wrongSecret';
  if (WRONG_REGION.has(code)) return 'wrongRegion';
  return 'failed';
}

export const rowFails = (row: FleetRow): boolean => row.cells.some((c) => FAILING_VERDICTS.has(c.verdict));
export const reportFails = (report: FleetReport): boolean => report.rows.some(rowFails);

export type FleetSort = 'attention' | 'name' | 'age';
export interface FleetFilter {
  query?: string;
  environment?: string;
  failingOnly?: boolean;
  sort?: FleetSort;
}

/** Between a row's fields in its search text: no query holds it, so no match runs from one field into the next. */
const FIELD_BREAK = '\u0000';

/** An ordering of a report's rows with each row's lower-cased search text, made once per (rows, sort). */
export interface FleetOrder {
  rows: readonly FleetRow[];
  texts: readonly string[];
}

// One collator for every comparison: localeCompare builds one per call, which made a sort of 1,000 rows take a frame.
const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
const byName = (a: FleetRow, b: FleetRow) => collator.compare(a.profileName, b.profileName) || collator.compare(a.label, b.label);
const rank = (r: FleetRow) => (r.age.overdue ? 0 : rowFails(r) ? 1 : 2);
const ORDERS: Record<FleetSort, (a: FleetRow, b: FleetRow) => number> = {
  attention: (a, b) => rank(a) - rank(b) || byName(a, b),
  name: byName,
  age: (a, b) => b.age.days - a.age.days || byName(a, b),
};

/**
 * Orders rows. 'attention' (the default) puts keys past their age limit first, then failing ones, then the rest by
 * name; 'age' puts the oldest first. Typing in a filter then only filters this order (filterFleet), never sorts.
 */
export function orderFleet(rows: readonly FleetRow[], sort: FleetSort = 'attention'): FleetOrder {
  const sorted = [...rows].sort(ORDERS[sort]);
  return {
    rows: sorted,
    texts: sorted.map((r) => [r.profileName, r.environment, r.publicId, r.label].join(FIELD_BREAK).toLowerCase()),
  };
}

/** The rows of an order that pass the filter (its sort is the order's), in that order. */
export function filterFleet(order: FleetOrder, filter: Omit<FleetFilter, 'sort'> = {}): FleetRow[] {
  const q = filter.query?.trim().toLowerCase() ?? '';
  return order.rows.filter(
    (r, i) =>
      (!filter.environment || r.environment === filter.environment) &&
      (!filter.failingOnly || rowFails(r) || r.age.overdue) &&
      (!q || (order.texts[i] as string).includes(q)),
  );
}

/** Filters and orders rows in one go (the CLI's table). */
export const arrangeFleet = (rows: readonly FleetRow[], filter: FleetFilter = {}): FleetRow[] =>
  filterFleet(orderFleet(rows, filter.sort), filter);
