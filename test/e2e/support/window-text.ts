/**
 * Checks of the window's words for the pseudo-locale pass: text that bypassed the catalogs and text cut
 * by its box. In the pseudo-locale every word of the catalogs is accented and bracketed, so a visible
 * text node with letters and no accent was never translated; data (names, subjects, paths, dates and
 * sizes) sits in elements the check skips.
 */
import type { Page } from 'playwright-core';

/** Elements that hold data, not words of the window: names and paths (<bdi>), dates, sizes, transcripts. */
const DATA_SELECTOR = 'bdi, time, code, pre, iframe, .col-date, .col-size, .server-size, .brand, .plain-text-body, option';

/**
 * Visible text under `root` that is not in the pseudo-locale: text nodes outside data with two letters
 * in a row and without the pseudo-locale's accents.
 */
export async function unmarkedText(page: Page, root = 'body'): Promise<string[]> {
  return page.evaluate(
    ({ rootSelector, data }) => {
      const found: string[] = [];
      const walker = document.createTreeWalker(document.querySelector(rootSelector) ?? document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        const parent = node.parentElement;
        if (text === '' || parent === null || parent.closest(data) !== null) continue;
        if (parent.closest('[hidden]') !== null || parent.getClientRects().length === 0) continue;
        if (!/[A-Za-z]{2}/.test(text)) continue;
        if (!/[\u00c0-\u024f\u1e00-\u1eff]/.test(text)) found.push(text);
      }
      return found;
    },
    { rootSelector: root, data: DATA_SELECTOR },
  );
}

/** Elements under `root` whose own text overflows a box that hides overflow (cut labels). */
export async function clippedText(page: Page, root = 'body'): Promise<string[]> {
  return page.evaluate((rootSelector) => {
    const clipped: string[] = [];
    const scope = document.querySelector(rootSelector) ?? document.body;
    for (const element of scope.querySelectorAll<HTMLElement>('button, label, legend, h1, h2, h3, th, [role="columnheader"], [role="tab"], p, span, td')) {
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
