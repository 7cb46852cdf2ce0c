// Functions that run inside the page (Playwright serialises them, so each is self-contained). Times are the page's
// performance.now(), whose zero is the navigation start. The bench compiles with Node's types only, so the few page
// globals the probes touch are declared here, as far as they use them.

interface PageNode {
  readonly clientHeight: number;
  readonly offsetHeight: number;
  readonly disabled?: boolean;
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): ArrayLike<PageNode>;
  closest(selector: string): PageNode | null;
  getAttribute(name: string): string | null;
  addEventListener(type: string, listener: (event: { timeStamp: number }) => void, options?: object): void;
}
declare const document: PageNode;
declare function requestAnimationFrame(callback: () => void): number;
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: PageNode, options: object): void;
  disconnect(): void;
}

export interface KeystrokeTiming {
  /** The key event's timeStamp. */
  keyAt: number;
  /** When the list's rows changed. */
  domAt: number;
  /** The next animation frame after that change: the frame that paints the new list. */
  frameAt: number;
  /** Profiles the list holds after the change (its aria-setsize, or its rendered rows). */
  rows: number;
}

interface BenchGlobals {
  __benchTti?: { domAt: number; frameAt: number };
  __benchKey?: Promise<KeystrokeTiming>;
}

/**
 * Installed before any page script: time to interactive is the first animation frame after the profile list is
 * rendered and the search box is enabled. Rendered: the list stands for all `expectedRows` profiles (its rows, or
 * their aria-setsize when only the rows in view are in the DOM) and every row that fits in its height is there.
 */
export function watchInteractive(expectedRows: number): void {
  const page = globalThis as BenchGlobals;
  const ready = () => {
    const search = document.querySelector('[data-testid="profile-search"]');
    const list = document.querySelector('[data-testid="profile-list"]');
    if (search === null || search.disabled || list === null) return false;
    const rows = list.querySelectorAll('[data-testid="profile-item"]');
    const first = rows[0]?.closest('li');
    if (!first) return false;
    const total = Number(first.getAttribute('aria-setsize') ?? rows.length);
    const fitting = Math.min(expectedRows, Math.floor(list.clientHeight / Math.max(1, first.offsetHeight)));
    return total === expectedRows && rows.length >= fitting;
  };
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    observer.disconnect();
    const domAt = performance.now();
    requestAnimationFrame(() => {
      page.__benchTti = { domAt, frameAt: performance.now() };
    });
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
}

export const interactiveAt = (): { domAt: number; frameAt: number } | undefined => (globalThis as BenchGlobals).__benchTti;

/** Where a keystroke is measured: the search box typed into and the list whose rows it changes. */
export interface KeystrokeTarget {
  input: string;
  list: string;
  /** One row of the list, to count the rows when the list does not say how many it stands for. */
  row: string;
}

export const SIDEBAR_SEARCH: KeystrokeTarget = {
  input: '[data-testid="profile-search"]',
  list: '[data-testid="profile-list"]',
  row: '[data-testid="profile-item"]',
};

/** Arms a one-shot measurement of the next keystroke in the search box; the key is pressed after this returns. */
export function armKeystroke(target: KeystrokeTarget): void {
  const page = globalThis as BenchGlobals;
  const search = document.querySelector(target.input);
  const list = document.querySelector(target.list);
  if (!search || !list) throw new Error(`the search box ${target.input} or the list ${target.list} is missing`);
  page.__benchKey = new Promise<KeystrokeTiming>((resolve, reject) => {
    let keyAt = Number.NaN;
    search.addEventListener(
      'keydown',
      (event) => {
        keyAt = event.timeStamp;
      },
      { once: true, capture: true },
    );
    const observer = new MutationObserver(() => {
      observer.disconnect();
      const domAt = performance.now();
      const total = list.querySelector('li[aria-setsize]')?.getAttribute('aria-setsize');
      const rows = Number(total ?? list.querySelectorAll(target.row).length);
      requestAnimationFrame(() => resolve({ keyAt, domAt, frameAt: performance.now(), rows }));
    });
    // Rows are keyed by slot, so a keystroke may change only their text and attributes, not which rows exist.
    observer.observe(list, { childList: true, subtree: true, characterData: true, attributes: true });
    setTimeout(() => reject(new Error(`the list ${target.list} did not change within 5 s of the keystroke`)), 5000);
  });
}

export const keystrokeTiming = (): Promise<KeystrokeTiming> | undefined => (globalThis as BenchGlobals).__benchKey;
