// An accessibility audit of what is on screen, with axe-core inside the page. The script goes in through the
// DevTools protocol (page.evaluate), not a <script> tag, so the app's CSP (`script-src 'self'`) stays on as shipped.
import axe from 'axe-core';
import type { Page } from 'playwright-core';

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface AxeFinding {
  rule: string;
  impact: Impact;
  help: string;
  /** CSS selectors of the first few offending elements. */
  targets: string[];
}

export interface AxeReport {
  screen: string;
  findings: AxeFinding[];
  count(impact: Impact): number;
  /** The findings a user of assistive technology is blocked or badly hindered by. */
  blocking: AxeFinding[];
}

// Runs in the page; written as a string because the Node-side tsconfig has no DOM types.
const RUN_AXE = `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
  rule: v.id,
  impact: v.impact,
  help: v.help,
  targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
})))`;

export async function auditPage(page: Page, screen: string): Promise<AxeReport> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axe.source);
  const findings = (await page.evaluate(RUN_AXE)) as AxeFinding[];
  return {
    screen,
    findings,
    count: (impact) => findings.filter((f) => f.impact === impact).length,
    blocking: findings.filter((f) => f.impact === 'serious' || f.impact === 'critical'),
  };
}

/** One line per audit for the test log: the screen and how many findings of each impact. */
export const describeReport = (r: AxeReport): string =>
  `axe ${r.screen}: critical ${r.count('critical')}, serious ${r.count('serious')}, moderate ${r.count('moderate')}, minor ${r.count('minor')}` +
  (r.findings.length > 0 ? ` (${r.findings.map((f) => `${f.rule}/${f.impact}`).join(', ')})` : '');
