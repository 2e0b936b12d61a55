/**
 * Checks of the window's words in the pseudo-locale: every word of the catalogs is accented and
 * bracketed there, so visible text without the accents bypassed the catalogs, and text cut by its box
 * is clipped. Data (names, addresses, subjects, server names, key names) is exempt: it sits in <bdi>,
 * <code>, <kbd> and the like.
 */
import type { Page } from 'playwright-core';

/**
 * Visible text under `root` that is not in the pseudo-locale: text nodes outside data (and outside
 * `except`, parts whose words another area's catalogs hold), with letters, and without the accents.
 */
export async function unmarkedText(page: Page, root = 'body', except?: string): Promise<string[]> {
  return page.evaluate(
    ({ rootSelector, skipped }) => {
      const DATA = 'bdi, time, code, kbd, pre, iframe, .col-date, .col-size, .server-size, .brand, .plain-text-body, option';
      const found: string[] = [];
      const start = document.querySelector(rootSelector);
      if (start === null) return [`(nothing matches ${rootSelector})`];
      const walker = document.createTreeWalker(start, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        const parent = node.parentElement;
        if (text === '' || parent === null || parent.closest(DATA) !== null) continue;
        if (skipped !== undefined && parent.closest(skipped) !== null) continue;
        if (parent.closest('[hidden]') !== null || parent.getClientRects().length === 0) continue;
        if (!/[A-Za-z]{2}/.test(text)) continue;
        if (!/[\u00c0-\u024f\u1e00-\u1eff]/.test(text)) found.push(text);
      }
      return found;
    },
    { rootSelector: root, skipped: except },
  );
}

/**
 * The names of controls and landmarks under `root` given by aria-label or title that are not in the
 * pseudo-locale (a list item named after a rule or an account is data, and is not looked at).
 */
export async function unmarkedNames(page: Page, root = 'body', except?: string): Promise<string[]> {
  return page.evaluate(
    ({ rootSelector, skipped }) => {
      const found: string[] = [];
      const controls = document
        .querySelector(rootSelector)
        ?.querySelectorAll<HTMLElement>(
          'button[aria-label], button[title], input[aria-label], select[aria-label], textarea[aria-label], section[aria-label], ul[aria-label], ol[aria-label], [role="tablist"]',
        );
      for (const element of controls ?? []) {
        if (element.getClientRects().length === 0 || element.closest('bdi, code, kbd') !== null) continue;
        if (skipped !== undefined && element.closest(skipped) !== null) continue;
        for (const name of [element.getAttribute('aria-label'), element.getAttribute('title')]) {
          if (name !== null && /[A-Za-z]{2}/.test(name) && !/[\u00c0-\u024f\u1e00-\u1eff]/.test(name)) found.push(name);
        }
      }
      return found;
    },
    { rootSelector: root, skipped: except },
  );
}

/** Elements under `root` whose own text overflows a box that hides overflow (cut labels). */
export async function clippedText(page: Page, root = 'body'): Promise<string[]> {
  return page.evaluate((rootSelector) => {
    const clipped: string[] = [];
    const scope = document.querySelector(rootSelector) ?? document.body;
    for (const element of scope.querySelectorAll<HTMLElement>(
      'button, label, legend, summary, dt, dd, h1, h2, h3, th, td, [role="columnheader"], [role="tab"], .status-part, p, span',
    )) {
      // Screen-reader text is clipped on purpose; data (names, subjects) may end in an ellipsis.
      if (element.closest('bdi, .visually-hidden, .col-subject, .col-sender, iframe, .status-line') !== null) continue;
      const style = getComputedStyle(element);
      if (style.overflowX === 'visible' && style.textOverflow !== 'ellipsis') continue;
      if (element.getClientRects().length === 0) continue;
      if (element.scrollWidth > element.clientWidth + 1) clipped.push((element.textContent ?? '').trim());
    }
    return clipped;
  }, root);
}
