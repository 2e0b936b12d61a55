/**
 * The search language in the window, as a person types it: mail delivered by a real Postfix into a
 * real Dovecot and fetched with Send/Receive (Arabic and Hebrew senders inside direction marks, a
 * Japanese subject, an attachment), then field operators, NOT, OR, dates in ISO and in the browser's
 * own short form, and a mistake shown beside the box until it is corrected.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import { attachmentMessage } from '../support/attachment-message';
import { plainMessage } from './reader-fixtures';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, type MailEnvironment } from './support/mail-environment';
import { ui, uiPattern } from './support/words';

const ALICE = 'alice@example.test';
/** Longest wait for something the window shows. */
const UI_TIMEOUT_MS = 20_000;
const axeSource = readFileSync(path.resolve(__dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let env: MailEnvironment;

/** A header value in an RFC 2047 encoded word (UTF-8, base64), as mail programs send non-ASCII. */
function encoded(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

interface TestMessage {
  readonly subject: string;
  readonly from: string;
  readonly date: string;
  readonly text: string;
  readonly attachment?: string;
}

const ARABIC_SUBJECT = '本日の会議資料を送ります budget';
const MESSAGES: readonly TestMessage[] = [
  {
    subject: ARABIC_SUBJECT,
    from: `${encoded('\u202Bأحمد علي\u202C')} <ahmad@example.test>`,
    date: 'Tue, 10 Mar 2026 12:00:00 +0000',
    text: 'Please review the budget draft.',
  },
  {
    subject: 'Quarterly budget review',
    from: 'Anna Smith <anna@example.test>',
    date: 'Sat, 14 Mar 2026 12:00:00 +0000',
    text: 'Figures attached.',
    attachment: 'Q1 report.pdf',
  },
  { subject: 'Lunch plans', from: 'Bob Example <bob@example.test>', date: 'Sun, 1 Feb 2026 12:00:00 +0000', text: 'Noodles at noon?' },
  {
    subject: `${encoded('Budget שאלה')}`,
    from: `${encoded('\u200Fשרה כהן')} <sara@example.test>`,
    date: 'Thu, 12 Mar 2026 12:00:00 +0000',
    text: 'A question about the numbers.',
  },
];
const HEBREW_SUBJECT = 'Budget שאלה';

function build(message: TestMessage): Buffer {
  const to = `Alice Example <${ALICE}>`;
  const id = `${message.date.replace(/\W+/g, '.')}@example.test`;
  if (message.attachment === undefined) return plainMessage({ from: message.from, to, subject: message.subject, date: message.date, id, body: message.text });
  const head = [`From: ${message.from}`, `To: ${to}`, `Subject: ${message.subject}`, `Date: ${message.date}`, `Message-ID: <${id}>`, 'MIME-Version: 1.0'];
  return attachmentMessage({
    head,
    text: message.text,
    fileName: message.attachment,
    contentType: 'application/pdf',
    content: '%PDF-1.4 pretend',
    boundary: 'part',
  });
}

const ALL_SUBJECTS = [ARABIC_SUBJECT, 'Quarterly budget review', 'Lunch plans', HEBREW_SUBJECT];

function rows(page: Page) {
  return page.getByRole('grid', { name: ui('mail.messages') }).locator('.grid-body [role="row"][aria-selected]');
}

/** Waits until the list shows exactly these subjects (in this order). */
async function waitForList(page: Page, subjects: readonly string[], what: string): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  let shown: string[] = [];
  while (Date.now() < deadline) {
    const texts = await rows(page)
      .allTextContents()
      .catch(() => []);
    shown = texts.map((text) => ALL_SUBJECTS.find((subject) => text.includes(subject)) ?? text);
    if (JSON.stringify(shown) === JSON.stringify(subjects)) return;
    await page.waitForTimeout(50);
  }
  assert.fail(`${what}: expected ${JSON.stringify(subjects)}, the list shows ${JSON.stringify(shown)}`);
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: ui('toolbar.search') }).fill(text);
}

before(async () => {
  env = await startMailEnvironment();
  for (const message of MESSAGES) await env.deliver(build(message), { from: 'sender@example.test', to: [ALICE] });
  await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
});

after(async () => {
  await env?.stop();
});

test('the search box takes the search language and says where a search has a mistake', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage({ width: 1280, height: 800 });
  await page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('button', { name: uiPattern('toolbar.sendReceive') }).click();
  await waitForList(page, ['Quarterly budget review', HEBREW_SUBJECT, ARABIC_SUBJECT, 'Lunch plans'], 'the Inbox after Send/Receive');

  await search(page, 'from:anna');
  await waitForList(page, ['Quarterly budget review'], 'from:anna');
  await page.getByText(ui('search.found', { count: 1, text: 'from:anna' })).waitFor({ timeout: UI_TIMEOUT_MS });

  await search(page, 'subject:会議');
  await waitForList(page, [ARABIC_SUBJECT], 'a word from the middle of a Japanese subject');

  await search(page, 'budget -from:anna');
  await waitForList(page, [HEBREW_SUBJECT, ARABIC_SUBJECT], 'NOT a sender, newest first');

  await search(page, 'from:أحمد OR from:שרה');
  await waitForList(page, [HEBREW_SUBJECT, ARABIC_SUBJECT], 'right-to-left names inside direction marks');

  await search(page, 'has:attachment filename:repo');
  await waitForList(page, ['Quarterly budget review'], 'attachment and part of its name');

  await search(page, 'before:2026-03-01');
  await waitForList(page, ['Lunch plans'], 'an ISO date');

  // The same day in the browser's own short form (3/14/2026 in en-US, 14.3.2026 in de-DE).
  const locale = await page.evaluate(() => navigator.language);
  const localDay = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2026, 2, 14));
  await search(page, `on:${localDay}`);
  await waitForList(page, ['Quarterly budget review'], `on:${localDay} in ${locale}`);

  const box = page.getByRole('searchbox', { name: ui('toolbar.search') });
  // Where the mistake is, in the window's words: the quote opened at the 19th character is never closed.
  const MISTAKE = ui('search.problemAt', { problem: ui('search.problem.missingQuote'), position: '19' });
  await search(page, 'from:anna subject:"budget');
  const mistake = page.getByRole('alert').filter({ hasText: MISTAKE });
  await mistake.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  await waitForList(page, [], 'no results while the search has a mistake');
  await page.getByText(ui('search.correctIt')).waitFor({ timeout: UI_TIMEOUT_MS });
  await page
    .getByRole('status')
    .filter({ hasText: ui('search.mistake', { problem: MISTAKE }) })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await env.screenshot(page, 'search-syntax-error');
  await page.evaluate(axeSource);
  const severe = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Array<{ id: string; impact: string | null }> }> } }).axe;
    return (await axe.run(document)).violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => violation.id);
  });
  assert.deepEqual(severe, [], 'axe on the search mistake');

  await box.press('End');
  await box.press('"');
  await mistake.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  await waitForList(page, ['Quarterly budget review'], 'the corrected search');
  assert.equal(await box.getAttribute('aria-invalid'), 'false');

  await search(page, 'budget');
  await waitForList(page, ['Quarterly budget review', HEBREW_SUBJECT, ARABIC_SUBJECT], 'by date');
  await page.getByRole('combobox', { name: ui('search.sortBy') }).selectOption('relevance');
  await waitForList(page, [ARABIC_SUBJECT, 'Quarterly budget review', HEBREW_SUBJECT], 'by relevance: budget in the subject and the text first');

  await box.press('Escape');
  await waitForList(page, ['Quarterly budget review', HEBREW_SUBJECT, ARABIC_SUBJECT, 'Lunch plans'], 'Escape clears the search');
  assert.deepEqual(problems, []);
});
