// Remembers the window's size and position between runs, and never restores it somewhere the user cannot see it
// (a monitor that was unplugged, a resolution that shrank, a corrupt settings value).
import type { Rectangle } from 'electron';

export const DEFAULT_WINDOW_SIZE = { width: 1100, height: 720 } as const;
export const MIN_WINDOW_SIZE = { width: 640, height: 480 } as const;
/** How much of the window must overlap a display for the saved position to count as reachable. */
const MIN_VISIBLE = { width: 160, height: 80 } as const;

export interface DisplayArea {
  workArea: Rectangle;
}

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), Math.max(low, high));

function isRectangle(value: unknown): value is Rectangle {
  if (typeof value !== 'object' || value === null) return false;
  const { x, y, width, height } = value as Record<string, unknown>;
  return [x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n));
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** The default-sized window centred on the work area, shrunk if the display is smaller than the default. */
function centred(area: Rectangle): Rectangle {
  const width = Math.min(DEFAULT_WINDOW_SIZE.width, area.width);
  const height = Math.min(DEFAULT_WINDOW_SIZE.height, area.height);
  return {
    x: Math.round(area.x + (area.width - width) / 2),
    y: Math.round(area.y + (area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Where to open the window. `displays[0]` should be the primary display: it receives the default when the saved
 * bounds are missing, malformed, too small or off every display. A reachable window is pulled fully onto its display.
 */
export function restoreBounds(saved: unknown, displays: readonly DisplayArea[]): Rectangle {
  const primary = displays[0]?.workArea;
  if (primary === undefined) return { x: 0, y: 0, ...DEFAULT_WINDOW_SIZE };
  if (!isRectangle(saved) || saved.width < MIN_WINDOW_SIZE.width || saved.height < MIN_WINDOW_SIZE.height) {
    return centred(primary);
  }
  const host = displays
    .map(({ workArea }) => ({ workArea, seen: overlap(saved, workArea) }))
    .filter(({ seen }) => seen.width >= MIN_VISIBLE.width && seen.height >= MIN_VISIBLE.height)
    .sort((a, b) => b.seen.width * b.seen.height - a.seen.width * a.seen.height)[0]?.workArea;
  if (host === undefined) return centred(primary);
  const width = Math.round(Math.min(saved.width, host.width));
  const height = Math.round(Math.min(saved.height, host.height));
  return {
    x: Math.round(clamp(saved.x, host.x, host.x + host.width - width)),
    y: Math.round(clamp(saved.y, host.y, host.y + host.height - height)),
    width,
    height,
  };
}

export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

const WINDOW_BOUNDS_KEY = 'windowBounds';

/** Reads and writes the window bounds in a settings store; what comes back is unchecked until restoreBounds sees it. */
export function windowStateStore(store: KeyValueStore): { load(): unknown; save(bounds: Rectangle): void } {
  return {
    load: () => store.get(WINDOW_BOUNDS_KEY),
    save: ({ x, y, width, height }) => {
      if (isRectangle({ x, y, width, height })) {
        store.set(WINDOW_BOUNDS_KEY, {
          x: Math.round(x),
          y: Math.round(y),
          width: Math.round(width),
          height: Math.round(height),
        });
      }
    },
  };
}
