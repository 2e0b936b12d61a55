/**
 * What the pseudo-locale pass looks for in a page: words that did not come from the catalogs (no
 * accents) and text cut off by its box. Shared by the window tests of every area.
 */
import type { Page } from 'playwright-core';

/**
 * Visible text of the window that is not in the pseudo-locale: text nodes outside data (names,
 * subjects, addresses and folder names sit in <bdi>; dates in <time> and the date and size columns;
 * the message itself in its frame), with letters, and without the pseudo-locale's accents. `skip`
 * names further data of the part looked at (a selector).
 */
export async function unmarkedText(page: Page, root = 'body', skip = ''): Promise<string[]> {
  return page.evaluate(
    ({ rootSelector, extra }) => {
      const DATA = `bdi, time, code, pre, iframe, .col-date, .col-size, .brand, .plain-text-body, option${extra === '' ? '' : `, ${extra}`}`;
      const found: string[] = [];
      const walker = document.createTreeWalker(document.querySelector(rootSelector) ?? document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        const parent = node.parentElement;
        if (text === '' || parent === null || parent.closest(DATA) !== null) continue;
        if (parent.closest('[hidden]') !== null || parent.getClientRects().length === 0) continue;
        if (!/[A-Za-z]{2}/.test(text)) continue;
        if (!/[\u00c0-\u024f\u1e00-\u1eff]/.test(text)) found.push(text);
      }
      return found;
    },
    { rootSelector: root, extra: skip },
  );
}

/** Elements whose own text overflows a box that hides overflow (cut labels). */
export async function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const clipped: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('button, label, h1, h2, h3, th, [role="columnheader"], [role="tab"], .status-part, p, span')) {
      // Screen-reader text is clipped on purpose; data (names, subjects) may end in an ellipsis.
      if (element.closest('bdi, .visually-hidden, .col-subject, .col-sender, iframe, .status-line') !== null) continue;
      const style = getComputedStyle(element);
      if (style.overflowX === 'visible' && style.textOverflow !== 'ellipsis') continue;
      if (element.getClientRects().length === 0) continue;
      if (element.scrollWidth > element.clientWidth + 1) clipped.push((element.textContent ?? '').trim());
    }
    return clipped;
  });
}
