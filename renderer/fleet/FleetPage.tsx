// The fleet at a glance: "Check all" tests every credential of every profile against every product it can serve and
// shows the matrix; keys past their age and failing ones come first. Results live in memory only, for the session.
// The filter works in the keystroke's own render, like the sidebar's: the rows are ordered once per report and sort,
// each keystroke only filters that order, and the table shows the first rows of it (more on request), keyed by slot,
// so a keystroke updates the rows in view in place instead of building 2,000 (docs/benchmarks.md).
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRODUCTS } from '../../shared/catalog';
import { type FleetReport, type FleetRow, type FleetSort, filterFleet, orderFleet, rowFails } from '../../shared/fleet';
import { useApi } from '../api/context';
import { type MemoText, memoText } from '../i18n/memo';
import { Check } from '../ui/Field';
import { SelectField, TextField } from '../ui/InputFields';
import { useCall } from '../ui/notify';

const SORTS = ['attention', 'name', 'age'] as const satisfies readonly FleetSort[];
/** Rows shown at first, and added by each "show more": a few screenfuls (a row lists up to nine products). */
const PAGE_ROWS = 20;

interface FleetPageProps {
  /** The last check of this session, kept by the app so that it survives a visit to a profile. */
  report: FleetReport | undefined;
  onReport(report: FleetReport): void;
  onOpenProfile(profileId: string): void;
}

export function FleetPage({ report, onReport, onOpenProfile }: FleetPageProps) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();
  const [running, setRunning] = useState(false);
  const [query, setQuery] = useState('');
  const [environment, setEnvironment] = useState('');
  const [failingOnly, setFailingOnly] = useState(false);
  const [sort, setSort] = useState<FleetSort>('attention');
  const [shownRows, setShownRows] = useState(PAGE_ROWS);
  const text = useMemo(() => memoText(t), [t]);

  const checkAll = async () => {
    setRunning(true);
    const r = await call(api['fleet.check']({}));
    setRunning(false);
    if (r) onReport(r);
  };

  const environments = useMemo(() => [...new Set(report?.rows.map((r) => r.environment) ?? [])].sort(), [report]);
  const order = useMemo(() => (report ? orderFleet(report.rows, sort) : undefined), [report, sort]);
  const rows = useMemo(
    () => (order ? filterFleet(order, { query, environment: environment || undefined, failingOnly }) : []),
    [order, query, environment, failingOnly],
  );

  return (
    <div className="page" data-testid="fleet-page">
      <header className="page-header">
        <h1>{t('keyHygiene.fleet.title')}</h1>
        <button type="button" className="button button-primary" onClick={checkAll} disabled={running} data-testid="check-all">
          {running ? t('keyHygiene.fleet.checking') : t('keyHygiene.fleet.checkAll')}
        </button>
      </header>
      <p className="muted small">{t('keyHygiene.fleet.explain')}</p>
      {report && (
        <>
          <p className="small" data-testid="fleet-summary">
            {t('keyHygiene.fleet.summary', {
              count: report.rows.length,
              wall: report.wallMs,
              exchanges: report.tokenExchanges,
            })}
          </p>
          <div className="row">
            <TextField label={t('keyHygiene.fleet.search')} value={query} onChange={setQuery} testId="fleet-search" />
            <SelectField
              label={t('keyHygiene.fleet.environment')}
              value={environment}
              options={['', ...environments]}
              optionLabel={(e) => e || t('keyHygiene.fleet.allEnvironments')}
              onChange={setEnvironment}
              testId="fleet-environment"
            />
            <SelectField<FleetSort>
              label={t('keyHygiene.fleet.sort')}
              value={sort}
              options={SORTS}
              optionLabel={(s) => t(`keyHygiene.fleet.sorts.${s}`)}
              onChange={setSort}
              testId="fleet-sort"
            />
            <Check
              label={t('keyHygiene.fleet.failingOnly')}
              checked={failingOnly}
              onChange={setFailingOnly}
              testId="fleet-failing"
            />
          </div>
          <table className="table" data-testid="fleet-table">
            <thead>
              <tr>
                <th scope="col">{t('keyHygiene.fleet.profile')}</th>
                <th scope="col">{t('keyHygiene.fleet.credential')}</th>
                <th scope="col">{t('keyHygiene.fleet.age')}</th>
                <th scope="col">{t('keyHygiene.fleet.token')}</th>
                <th scope="col">{t('keyHygiene.fleet.products')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, shownRows).map((row, slot) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: keyed by slot on purpose, see the head of this file.
                <FleetTableRow key={slot} row={row} onOpenProfile={onOpenProfile} text={text} />
              ))}
            </tbody>
          </table>
          {rows.length > shownRows && (
            <p className="small">
              {t('keyHygiene.fleet.showing', { shown: shownRows, total: rows.length })}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => setShownRows((n) => n + PAGE_ROWS)}
                data-testid="fleet-show-more"
              >
                {t('keyHygiene.fleet.showMore', { count: Math.min(PAGE_ROWS, rows.length - shownRows) })}
              </button>
            </p>
          )}
        </>
      )}
    </div>
  );
}

interface FleetTableRowProps {
  row: FleetRow;
  onOpenProfile(profileId: string): void;
  text: MemoText;
}

const FleetTableRow = memo(function FleetTableRow({ row, onOpenProfile, text }: FleetTableRowProps) {
  return (
    <tr data-testid="fleet-row" data-profile={row.profileName} data-failing={rowFails(row)} data-overdue={row.age.overdue}>
      <td>
        <button
          type="button"
          className="link-button"
          onClick={() => onOpenProfile(row.profileId)}
          data-testid="fleet-open-profile"
        >
          {row.profileName}
        </button>{' '}
        <span className="badge">{row.environment}</span>
      </td>
      <td>
        <code>{row.label || row.publicId}</code>
      </td>
      <td className={row.age.overdue ? 'warn-text' : undefined}>
        {text('credential.age', { count: row.age.days })}
        {row.age.overdue && ` — ${text('keyHygiene.age.overdue', { max: row.age.maxDays })}`}
      </td>
      <td>{row.tokenExpiresAt ? new Date(row.tokenExpiresAt).toLocaleTimeString() : '—'}</td>
      <td>
        <ul className="plain-list">
          {row.cells.map((c, slot) => (
            // By slot like the rows, and one text node each: the keystroke's commit was mostly DOM text updates.
            // biome-ignore lint/suspicious/noArrayIndexKey: keyed by slot on purpose.
            <li key={slot} data-testid="fleet-cell" data-verdict={c.verdict} title={c.title}>
              {`${PRODUCTS[c.productId].name}: ${text(`keyHygiene.verdict.${c.verdict}`)}`}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
});
