// WAI-ARIA tabs: one tab stop for the list, arrow keys move between tabs, Home/End jump to the ends.
import { type KeyboardEvent, type ReactNode, useId, useRef } from 'react';

export interface TabSpec<K extends string> {
  id: K;
  label: ReactNode;
  testId?: string;
}

interface TabsProps<K extends string> {
  label: string;
  tabs: TabSpec<NoInfer<K>>[];
  active: K;
  onChange(id: NoInfer<K>): void;
  children: ReactNode;
  small?: boolean;
}

export function Tabs<K extends string>({ label, tabs, active, onChange, children, small }: TabsProps<K>) {
  const base = useId();
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const move = (event: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    const tab = next === undefined ? undefined : tabs[next];
    if (!tab) return;
    event.preventDefault();
    onChange(tab.id);
    refs.current.get(tab.id)?.focus();
  };
  return (
    <div className={small ? 'tabs tabs-small' : 'tabs'}>
      <div role="tablist" aria-label={label} className="tablist">
        {tabs.map((tab, index) => (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) refs.current.set(tab.id, el);
            }}
            type="button"
            role="tab"
            id={`${base}-${tab.id}`}
            aria-selected={tab.id === active}
            aria-controls={`${base}-panel`}
            tabIndex={tab.id === active ? 0 : -1}
            className="tab"
            data-testid={tab.testId}
            onClick={() => onChange(tab.id)}
            onKeyDown={(e) => move(e, index)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-${active}`} className="tabpanel">
        {children}
      </div>
    </div>
  );
}
