import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

const AXE_PATH = path.resolve(__dirname, '..', '..', '..', 'node_modules', 'axe-core', 'axe.min.js');

/**
 * Runs axe-core on the page; fails on serious or critical violations (with `every`, on any violation).
 * axe is evaluated through the DevTools protocol: the page's Content Security Policy rightly refuses a
 * script tag of inline code.
 */
export async function assertAccessible(page: Page, what: string, options: { readonly every?: boolean } = {}): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${readFileSync(AXE_PATH, 'utf8')}\n;undefined`);
  const violations = await page.evaluate(async (every) => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact?: string | null; nodes: { target: unknown[] }[] }[] }> } })
      .axe;
    const result = await axe.run();
    return result.violations
      .filter((violation) => every || violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.impact ?? ''}): ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`);
  }, options.every === true);
  assert.deepEqual(violations, [], `accessibility of ${what}`);
}
