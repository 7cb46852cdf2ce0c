// The profile list. Typing in the search box re-renders only this list; each row is memoised, and only the rows in
// view (plus a few either side) are in the DOM, so a thousand profiles stay responsive. The list is filtered in the
// keystroke's own render, not deferred: with ~30 rows to render and a pre-sorted, pre-lower-cased list that render is
// cheap, and a deferred one paints the input first and the list a frame later (docs/benchmarks.md).
import { type KeyboardEvent, memo, useLayoutEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileSummary } from '../../shared/views';
import { type MemoText, memoText } from '../i18n/memo';
import { daysSince } from '../lib/time';
import { Empty, Loading } from '../ui/states';
import { EnvironmentChip } from './EnvironmentChip';
import { filterProfiles } from './filter';

interface SidebarProps {
  profiles: ProfileSummary[] | undefined;
  loading: boolean;
  selectedId: string | undefined;
  onSelect(id: string): void;
  onNew(): void;
}

export function Sidebar({ profiles, loading, selectedId, onSelect, onNew }: SidebarProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const visible = useMemo(() => filterProfiles(profiles ?? [], query), [profiles, query]);
  // One "now" per list, so rows stay memoised between keystrokes.
  const now = useMemo(() => (profiles ? Date.now() : 0), [profiles]);
  const text = useMemo(() => memoText(t), [t]);
  const [list, setList] = useState<HTMLUListElement | null>(null);
  const shown = useRowWindow(list, visible.length);
  useSpacerHeights(shown.beforePx, shown.afterPx);

  // Up/Down move between profiles, as in any list a keyboard user expects.
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.profile-item')];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[event.key === 'ArrowDown' ? Math.min(index + 1, buttons.length - 1) : Math.max(index - 1, 0)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  return (
    <aside className="sidebar" aria-label={t('sidebar.label')}>
      <div className="sidebar-top">
        <input
          type="search"
          className="input"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('sidebar.searchPlaceholder')}
          aria-label={t('sidebar.search')}
          data-testid="profile-search"
        />
        <button type="button" className="button button-primary" onClick={onNew} data-testid="new-profile">
          {t('sidebar.newProfile')}
        </button>
      </div>
      {loading && !profiles && <Loading />}
      {profiles && profiles.length === 0 && (
        <Empty title={t('sidebar.emptyTitle')} testId="profiles-empty">
          <p>{t('sidebar.emptyBody')}</p>
        </Empty>
      )}
      {profiles && profiles.length > 0 && (
        <>
          <p className="sidebar-count" aria-live="polite">
            {query.trim()
              ? t('sidebar.matchCount', { count: visible.length, total: profiles.length })
              : t('sidebar.count', { count: profiles.length })}
          </p>
          {visible.length > 0 ? (
            <ul className="profile-list" data-testid="profile-list" onKeyDown={onKeyDown} ref={setList}>
              <li aria-hidden="true" className="profile-list-before" />
              {visible.slice(shown.start, shown.end).map((p, i) => (
                // Keyed by slot, not by profile: a keystroke that changes which profiles are in view updates the
                // rows' text in place instead of removing and building ~30 rows (docs/benchmarks.md). A slot is its
                // position modulo the window's capacity, so a scroll by one row moves one <li>.
                <ProfileRow
                  // biome-ignore lint/suspicious/noArrayIndexKey: keyed by slot on purpose, see above.
                  key={(shown.start + i) % shown.capacity}
                  profile={p}
                  position={shown.start + i + 1}
                  total={visible.length}
                  selected={p.id === selectedId}
                  now={now}
                  onSelect={onSelect}
                  text={text}
                />
              ))}
              <li aria-hidden="true" className="profile-list-after" />
            </ul>
          ) : (
            <Empty title={t('sidebar.noMatch', { query: query.trim() })} />
          )}
        </>
      )}
    </aside>
  );
}

// The list's texts come in as a prop (they change only with the language): a useTranslation per row cost a
// subscription and a wrapper for each of 1,000 rows on every mount (docs/benchmarks.md).
const ProfileRow = memo(function ProfileRow({
  profile,
  position,
  total,
  selected,
  now,
  onSelect,
  text,
}: {
  profile: ProfileSummary;
  position: number;
  total: number;
  selected: boolean;
  now: number;
  onSelect(id: string): void;
  text: MemoText;
}) {
  const age = daysSince(profile.oldestKeyCreatedAt, now);
  return (
    // Screen readers still hear "3 of 1,000" although only the rows in view are rendered.
    <li aria-posinset={position} aria-setsize={total}>
      <button
        type="button"
        className="profile-item"
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(profile.id)}
        data-testid="profile-item"
        data-profile-id={profile.id}
      >
        <span className="profile-item-top">
          <span className="profile-item-name">{profile.name}</span>
          <EnvironmentChip environment={profile.environment} />
        </span>
        <span className="profile-item-meta">
          {text('sidebar.credentials', { count: profile.credentialCount })}
          {' · '}
          {age === undefined ? text('sidebar.noKeys') : text('sidebar.keyAge', { count: age })}
          {profile.oldestKeyAge?.overdue && (
            <strong className="warn-text" data-testid="profile-item-overdue">
              {' · '}
              {text('keyHygiene.age.rotate')}
            </strong>
          )}
        </span>
      </button>
    </li>
  );
});

/** Rows rendered beyond each edge of the view, so Up/Down always find the next row in the DOM. */
const OVERSCAN_ROWS = 8;
/** A row's height before the first one is measured; every row has the same two lines. */
const ROW_PX_GUESS = 59;

/**
 * Which rows of `count` to render for the list's scroll position and height (its rows all have one height), and the
 * space the others take above and below. Rendering all 1,000 rows cost ~250 ms at start and ~100 ms for a keystroke
 * that brought 800 of them back (docs/benchmarks.md).
 */
function useRowWindow(list: HTMLUListElement | null, count: number) {
  const [view, setView] = useState({ top: 0, height: 1000, rowPx: ROW_PX_GUESS });
  useLayoutEffect(() => {
    if (!list) return;
    const measure = () => {
      const row = list.querySelector<HTMLElement>('li[aria-posinset]');
      setView({ top: list.scrollTop, height: list.clientHeight, rowPx: row?.offsetHeight || ROW_PX_GUESS });
    };
    measure();
    const resized = new ResizeObserver(measure);
    resized.observe(list);
    list.addEventListener('scroll', measure, { passive: true });
    // Focusing a row scrolls it into view at once, but the scroll event waits for the next frame: measuring on focus
    // too keeps the next row rendered for a held-down arrow key.
    list.addEventListener('focusin', measure);
    return () => {
      resized.disconnect();
      list.removeEventListener('scroll', measure);
      list.removeEventListener('focusin', measure);
    };
  }, [list]);
  const end = Math.min(count, Math.ceil((view.top + view.height) / view.rowPx) + OVERSCAN_ROWS);
  // After a search shortens the list the old scroll position may lie past its end, until the browser clamps it.
  const start = Math.min(end, Math.max(0, Math.floor(view.top / view.rowPx) - OVERSCAN_ROWS));
  // The most rows a window of this height holds, whatever the scroll position: slots cycle through that many keys.
  const capacity = Math.ceil(view.height / view.rowPx) + 2 * OVERSCAN_ROWS + 1;
  return { start, end, capacity, beforePx: start * view.rowPx, afterPx: (count - end) * view.rowPx };
}

/**
 * The spacers' heights change as the list scrolls, so they cannot be in styles.css; they go into a stylesheet of the
 * list's own (CSSOM, which the CSP's style-src 'self' allows), never into an inline style.
 */
function useSpacerHeights(beforePx: number, afterPx: number): void {
  const [sheet] = useState(() => new CSSStyleSheet());
  useLayoutEffect(() => {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [sheet]);
  useLayoutEffect(() => {
    sheet.replaceSync(`.profile-list-before { height: ${beforePx}px } .profile-list-after { height: ${afterPx}px }`);
  }, [sheet, beforePx, afterPx]);
}
