import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SIZE, restoreBounds, windowStateStore } from '../../electron/window-state';

const laptop = { workArea: { x: 0, y: 0, width: 1440, height: 900 } };
// A second monitor to the right of the laptop, and one to its left at negative coordinates.
const rightMonitor = { workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };
const leftMonitor = { workArea: { x: -1920, y: 0, width: 1920, height: 1040 } };
// A work area that starts below a 40 px top panel.
const panelled = { workArea: { x: 0, y: 40, width: 1280, height: 760 } };

const centredOnLaptop = { x: 170, y: 90, ...DEFAULT_WINDOW_SIZE };

describe('restoreBounds', () => {
  it('opens the default size centred on the primary display the first time', () => {
    expect(restoreBounds(undefined, [laptop, rightMonitor])).toEqual(centredOnLaptop);
  });

  it.each([
    ['null', null],
    ['a string', 'wide'],
    ['a missing height', { x: 10, y: 10, width: 900 }],
    ['NaN', { x: Number.NaN, y: 0, width: 900, height: 700 }],
    ['Infinity', { x: 0, y: 0, width: Number.POSITIVE_INFINITY, height: 700 }],
    ['numbers as strings', { x: '0', y: '0', width: '900', height: '700' }],
    ['a size below the minimum', { x: 0, y: 0, width: 100, height: 700 }],
    ['a negative size', { x: 0, y: 0, width: -900, height: -700 }],
  ])('a corrupt saved value (%s) opens centred', (_label, saved) => {
    expect(restoreBounds(saved, [laptop])).toEqual(centredOnLaptop);
  });

  it('keeps a window that is fully on the primary display where it was', () => {
    const saved = { x: 100, y: 50, width: 1000, height: 700 };
    expect(restoreBounds(saved, [laptop, rightMonitor])).toEqual(saved);
  });

  it('keeps a window on a second monitor when that monitor is still connected', () => {
    const saved = { x: 2000, y: 200, width: 1200, height: 800 };
    expect(restoreBounds(saved, [laptop, rightMonitor])).toEqual(saved);
  });

  it('keeps a window on a monitor left of the primary, at negative coordinates', () => {
    const saved = { x: -1800, y: 100, width: 1000, height: 700 };
    expect(restoreBounds(saved, [laptop, leftMonitor])).toEqual(saved);
  });

  it('opens centred on the laptop when the monitor it was on has been unplugged', () => {
    expect(restoreBounds({ x: 2000, y: 200, width: 1200, height: 800 }, [laptop])).toEqual(centredOnLaptop);
  });

  it('opens centred when only a sliver of the window would be visible', () => {
    expect(restoreBounds({ x: 1400, y: 100, width: 1000, height: 700 }, [laptop])).toEqual(centredOnLaptop);
  });

  it('opens centred when the window sits almost entirely below the bottom edge', () => {
    expect(restoreBounds({ x: 100, y: 880, width: 1000, height: 700 }, [laptop])).toEqual(centredOnLaptop);
  });

  it('opens centred for the minimised-window position Windows reports (-32000)', () => {
    expect(restoreBounds({ x: -32000, y: -32000, width: 1000, height: 700 }, [laptop])).toEqual(centredOnLaptop);
  });

  it('pulls a window that hangs off the left edge fully back onto the display', () => {
    expect(restoreBounds({ x: -300, y: 100, width: 1000, height: 700 }, [laptop])).toEqual({
      x: 0,
      y: 100,
      width: 1000,
      height: 700,
    });
  });

  it('never puts the title bar under a top panel', () => {
    expect(restoreBounds({ x: 100, y: 0, width: 900, height: 600 }, [panelled])).toEqual({
      x: 100,
      y: 40,
      width: 900,
      height: 600,
    });
  });

  it('shrinks a window that is larger than its display after a resolution change', () => {
    expect(restoreBounds({ x: 0, y: 0, width: 2400, height: 1300 }, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 900 });
  });

  it('prefers the display that shows most of a window spanning two monitors', () => {
    const restored = restoreBounds({ x: 1000, y: 100, width: 1200, height: 700 }, [laptop, rightMonitor]);
    expect(restored).toEqual({ x: 1440, y: 100, width: 1200, height: 700 });
  });

  it('fits the default window on a display smaller than the default size', () => {
    const small = { workArea: { x: 0, y: 0, width: 1024, height: 600 } };
    expect(restoreBounds(undefined, [small])).toEqual({ x: 0, y: 0, width: 1024, height: 600 });
  });

  it('rounds fractional bounds from high-DPI displays to whole pixels', () => {
    expect(restoreBounds({ x: 100.4, y: 50.6, width: 1000.5, height: 700.2 }, [laptop])).toEqual({
      x: 100,
      y: 51,
      width: 1001,
      height: 700,
    });
  });

  it('still returns a usable rectangle when no display is reported', () => {
    expect(restoreBounds({ x: 100, y: 100, width: 900, height: 700 }, [])).toEqual({ x: 0, y: 0, ...DEFAULT_WINDOW_SIZE });
  });
});

describe('windowStateStore', () => {
  function mapStore() {
    const data = new Map<string, unknown>();
    return { data, store: { get: (key: string) => data.get(key), set: (key: string, value: unknown) => data.set(key, value) } };
  }

  it('saves the bounds at close and restores them at the next start', () => {
    const { store } = mapStore();
    windowStateStore(store).save({ x: 120, y: 80, width: 1000, height: 700 });
    expect(restoreBounds(windowStateStore(store).load(), [laptop])).toEqual({ x: 120, y: 80, width: 1000, height: 700 });
  });

  it('stores whole pixels and only the four numbers', () => {
    const { data, store } = mapStore();
    const bounds = Object.assign({ x: 1.6, y: 2.4, width: 999.5, height: 700 }, { extra: 'ignored' });
    windowStateStore(store).save(bounds);
    expect(data.get('windowBounds')).toEqual({ x: 2, y: 2, width: 1000, height: 700 });
  });

  it('does not overwrite good bounds with unusable numbers', () => {
    const { data, store } = mapStore();
    const state = windowStateStore(store);
    state.save({ x: 10, y: 10, width: 900, height: 700 });
    state.save({ x: Number.NaN, y: 10, width: 900, height: 700 });
    expect(data.get('windowBounds')).toEqual({ x: 10, y: 10, width: 900, height: 700 });
  });

  it('opens centred when the settings file holds something else under the key', () => {
    const { data, store } = mapStore();
    data.set('windowBounds', { x: 'left', width: 5 });
    expect(restoreBounds(windowStateStore(store).load(), [laptop])).toEqual(centredOnLaptop);
  });
});
