// The profile list. Typing in the search box re-renders only this list, deferred behind the keystroke, and each
// row is memoised, so a thousand profiles stay responsive.
import { type KeyboardEvent, memo, useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileSummary } from '../../shared/views';
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
  const deferredQuery = useDeferredValue(query);
  const visible = useMemo(() => filterProfiles(profiles ?? [], deferredQuery), [profiles, deferredQuery]);
  // One "now" per list, so rows stay memoised between keystrokes.
  const now = useMemo(() => (profiles ? Date.now() : 0), [profiles]);

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
            {deferredQuery.trim()
              ? t('sidebar.matchCount', { count: visible.length, total: profiles.length })
              : t('sidebar.count', { count: profiles.length })}
          </p>
          {visible.length > 0 ? (
            <ul className="profile-list" data-testid="profile-list" onKeyDown={onKeyDown}>
              {visible.map((p) => (
                <ProfileRow key={p.id} profile={p} selected={p.id === selectedId} now={now} onSelect={onSelect} />
              ))}
            </ul>
          ) : (
            <Empty title={t('sidebar.noMatch', { query: deferredQuery.trim() })} />
          )}
        </>
      )}
    </aside>
  );
}

const ProfileRow = memo(function ProfileRow({
  profile,
  selected,
  now,
  onSelect,
}: {
  profile: ProfileSummary;
  selected: boolean;
  now: number;
  onSelect(id: string): void;
}) {
  const { t } = useTranslation();
  const age = daysSince(profile.oldestKeyCreatedAt, now);
  return (
    <li>
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
          {t('sidebar.credentials', { count: profile.credentialCount })}
          {' · '}
          {age === undefined ? t('sidebar.noKeys') : t('sidebar.keyAge', { count: age })}
        </span>
      </button>
    </li>
  );
});
