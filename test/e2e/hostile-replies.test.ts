/**
 * Hostile mail through Reply, Reply all and Forward, end to end: the quoted or forwarded HTML enters
 * the rich editor, which lives in the app page itself (whose policy lets images load once the reader
 * allows remote content), so a remote image or CSS url() left in the quote would be fetched there. A
 * canary web server proves nothing is fetched and nothing runs while composing, and the message that
 * arrives carries no script, no event handler and no reference to the canary.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Locator, Page } from 'playwright-core';
import { TEST_DOMAIN } from '../servers/postfix';
import { deliveredNames, freshDeliveries, openAnsweringWindow, waitFor } from './support/answering';
import { uiStart } from './support/compose-window';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { ui } from './support/words';
import { hostileMessage, startCanary, type Canary } from './reader-fixtures';

const UI_TIMEOUT_MS = 20_000;

let env: MailEnvironment;
let canary: Canary;
let page: Page;
let problems: string[];

/**
 * Reports of a barrier doing its job, not faults: the page's own policy blocking what DOMPurify's inert
 * parse of the hostile message met (a base element, inline event handlers), and the frame's sandbox
 * refusing script in the message frame. Everything else counts.
 */
const BLOCKED_BY_BARRIER =
  /^console error: (?:Setting the document's base URI to .* violates .*"base-uri 'none'"|Executing inline event handler violates .*'script-src 'self''|Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed)/;

function realProblems(): string[] {
  return problems.filter((problem) => !BLOCKED_BY_BARRIER.test(problem));
}

/** A frame re-rendered while it was being looked at: look again. */
const FRAME_REPLACED = /Execution context was destroyed|Frame was detached|frame got detached/i;

/**
 * Waits until the reader's message frame, with remote content allowed, has finished loading (its
 * images, CSS backgrounds included, delay its load event) and the canary has seen every request the
 * frame made, so any request after that was made by someone else. Returns the frame's requests.
 */
async function readerRemoteContentLoaded(): Promise<string[]> {
  const body = page.frameLocator(`iframe[title="${ui('reader.body')}"]`).locator('body');
  let requested: string[] | null = null;
  await waitFor(async () => {
    requested = await body
      .evaluate((_element, origin) => {
        const image = document.querySelector<HTMLImageElement>('img[alt="remote"]');
        if (document.readyState !== 'complete' || image === null || !image.src.startsWith(origin)) return null;
        return performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((name) => name.startsWith(origin))
          .map((name) => new URL(name).pathname);
      }, canary.origin)
      .catch((error: unknown) => {
        if (error instanceof Error && FRAME_REPLACED.test(error.message)) return null;
        throw error;
      });
    return requested !== null && requested.every((path) => canary.requests.includes(path));
  }, 'the reader to finish loading its remote content');
  return requested ?? [];
}

/** The title of a reply's compose window, before the subject. */
const REPLY = uiStart('compose.heading', { title: ui('compose.title.reply'), subject: '' });

/** Opens compose for the hostile message and waits until its quote is in the editor. */
async function answerHostile(command: 'toolbar.reply' | 'toolbar.replyAll' | 'toolbar.forward', dialogName: RegExp): Promise<Locator> {
  await page
    .getByRole('grid', { name: ui('mail.messages') })
    .getByRole('row', { name: /Hostile HTML/ })
    .click();
  await page
    .getByRole('region', { name: ui('reader.label') })
    .getByRole('heading', { name: 'Hostile HTML' })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui(command), exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.getByLabel(ui('compose.body')).getByText('Safe paragraph text.').waitFor({ timeout: UI_TIMEOUT_MS });
  return dialog;
}

/** What the editor holds must be inert: nothing that runs, loads or styles the app page. */
async function assertInertEditor(dialog: Locator): Promise<void> {
  const editor = dialog.getByLabel(ui('compose.body'));
  const html = await editor.evaluate((element) => element.innerHTML);
  assert.doesNotMatch(html, new RegExp(canary.origin.replace(/[.:/]/g, '\\$&')), 'no reference to the canary in the editor');
  assert.equal(
    await editor
      .locator(
        'script, style, link, meta, base, iframe, object, embed, svg, form, input, button, [onerror], [onload], [onclick], [style], [background], [srcset]',
      )
      .count(),
    0,
    `the editor holds active or remote content: ${html}`,
  );
  for (const image of await editor.locator('img').all()) {
    const source = (await image.getAttribute('src')) ?? '';
    assert.ok(source === '' || source.startsWith('data:'), `an image in the editor would load ${source}`);
  }
  assert.doesNotMatch(await page.title(), /pwned/);
  assert.equal(await page.evaluate(() => window.name), '');
}

async function sendAndRead(dialog: Locator, copies: number): Promise<string> {
  const before = await deliveredNames(env);
  await dialog.getByRole('button', { name: ui('compose.send'), exact: true }).click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  const [first] = await freshDeliveries(env, before, copies);
  assert.ok(first !== undefined);
  return (await readFile(first)).toString('utf8');
}

/** The sent message runs nothing and points nowhere near the canary, in any part. */
async function assertInertSent(raw: string, subject: string): Promise<void> {
  const parsed = await simpleParser(raw);
  assert.equal(parsed.subject, subject);
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  assert.match(html, /Safe paragraph text\./, 'the quote was sent');
  assert.doesNotMatch(raw, new RegExp(canary.origin.replace(/[.:/]/g, '\\$&')), 'the sent message refers to the canary');
  assert.doesNotMatch(html, /<script|<style|<iframe|<object|<embed|<svg|<form|<link|<meta|<base|javascript:/i);
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'an event handler was sent');
}

before(async () => {
  canary = await startCanary();
  env = await startMailEnvironment();
  // From a mailbox the test Postfix has, so replies to it are delivered.
  const fromCarol = hostileMessage(canary.origin).replace(`<news@${TEST_DOMAIN}>`, `<carol@${TEST_DOMAIN}>`);
  await env.deliver(fromCarol, { from: `carol@${TEST_DOMAIN}`, to: [`alice@${TEST_DOMAIN}`] });
  ({ page, problems } = await openAnsweringWindow(env, WINDOW_SIZES[0], 1));
});

after(async () => {
  await env?.stop();
  await canary?.stop();
});

test('Reply to hostile HTML fetches nothing, runs nothing and sends nothing active', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const dialog = await answerHostile('toolbar.reply', REPLY);
  await assertInertEditor(dialog);
  await env.screenshot(page, 'hostile-reply-compose-small');
  const raw = await sendAndRead(dialog, 1);
  await assertInertSent(raw, 'Re: Hostile HTML');
  assert.deepEqual(canary.requests, [], 'nothing reached the canary');
  assert.deepEqual(realProblems(), []);
});

test('Reply all and Forward of hostile HTML fetch nothing, run nothing and send nothing active', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const replyAll = await answerHostile('toolbar.replyAll', uiStart('compose.title.replyAll'));
  await assertInertEditor(replyAll);
  await assertInertSent(await sendAndRead(replyAll, 1), 'Re: Hostile HTML');

  const forward = await answerHostile('toolbar.forward', uiStart('compose.title.forward'));
  await assertInertEditor(forward);
  await forward.getByLabel(ui('compose.fieldTo'), { exact: true }).fill(`bob@${TEST_DOMAIN},`);
  await forward
    .getByRole('list', { name: ui('compose.fieldRecipients', { field: 'to' }) })
    .getByText('bob@example.test')
    .waitFor();
  await assertInertSent(await sendAndRead(forward, 1), 'Fwd: Hostile HTML');
  assert.deepEqual(canary.requests, [], 'nothing reached the canary');
  assert.deepEqual(realProblems(), []);
});

test('after the reader loaded remote content, a reply still quotes no remote image', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  await page
    .getByRole('grid', { name: ui('mail.messages') })
    .getByRole('row', { name: /Hostile HTML/ })
    .click();
  const reader = page.getByRole('region', { name: ui('reader.label') });
  await reader.getByRole('button', { name: ui('reader.loadRemote') }).click();
  const loaded = await readerRemoteContentLoaded();
  assert.ok(loaded.includes('/remote-image.png'), `the allowed remote image loads in the reader: ${JSON.stringify(loaded)}`);
  const seen = canary.requests.length;
  const dialog = await answerHostile('toolbar.reply', REPLY);
  await assertInertEditor(dialog);
  // Unchanged, so Discard closes without asking.
  await dialog.getByRole('button', { name: ui('compose.discard'), exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(canary.requests.slice(seen), [], 'compose fetched nothing, even with remote content allowed for the message');
  assert.deepEqual(realProblems(), []);
});
