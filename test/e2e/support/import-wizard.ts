import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { MessageId } from '../../../shared/i18n/messages-en';
import { ui } from './words';

/** How long the wizard may take to open on a loaded machine. */
const WIZARD_TIMEOUT_MS = 60_000;

/** Counts that reach every plural form of the catalogs' languages (Arabic's zero, one, two, few, many, other). */
const SAMPLE_COUNTS = [0, 1, 2, 3, 11, 100, 102];

/** Opens File → Import… as a browser tab offers it (the toolbar's More menu) and returns the wizard. */
export async function openImportWizard(page: Page): Promise<Locator> {
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.moreLabel') })
    .click();
  await page
    .getByRole('menu', { name: ui('toolbar.moreLabel') })
    .getByRole('menuitem', { name: ui('toolbar.import') })
    .click();
  const wizard = page.getByRole('dialog', { name: ui('import.title') });
  await wizard.waitFor({ timeout: WIZARD_TIMEOUT_MS });
  return wizard;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A message of the tests' language with any count, as a pattern: each plural form the language has,
 * with its number free (`\d+`). For a count the test cannot know, such as progress.
 */
export function anyCountPattern(id: MessageId, anchored = true): RegExp {
  const forms = new Set(SAMPLE_COUNTS.map((count) => escape(ui(id, { count })).replace(/\d+/g, '\\d+')));
  const body = `(?:${[...forms].join('|')})`;
  return new RegExp(anchored ? `^${body}$` : body);
}

/** The numbers of an import's summary line, read back by formatting the catalog's sentence until it matches. */
export interface ImportSummary {
  readonly cancelled: boolean;
  readonly imported: number;
  readonly duplicates: number;
  readonly skipped: number;
  readonly problems: number;
}

/**
 * Reads the counts of an import's summary in the tests' language: the candidates are the numbers in
 * the text and the counts some languages spell out in words (0, 1, 2), and the answer is the one whose
 * sentence is exactly the text shown. Fails when none is.
 */
export function importSummaryOf(text: string): ImportSummary {
  const digits = text.replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660));
  const candidates = [...new Set([0, 1, 2, ...(digits.match(/\d+/g) ?? []).map(Number)])];
  for (const cancelled of [false, true])
    for (const imported of candidates)
      for (const duplicates of candidates)
        for (const skipped of candidates)
          for (const problems of candidates) {
            const values = { imported, duplicates, skipped, problems };
            if (ui(cancelled ? 'import.summaryCancelled' : 'import.summary', values) === text) return { cancelled, ...values };
          }
  assert.fail(`not an import summary: ${text}`);
}
