/**
 * Hostile mail in the reader, end to end: real Postfix and Dovecot deliver the messages, Send/Receive
 * stores them, and Chromium shows them through the browser bridge. A canary web server proves that
 * nothing is fetched until the user allows remote content, and that the switch then works.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import { TEST_DOMAIN } from '../servers/postfix';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { FREEZE_MS, traceMainThreadTasks } from './support/task-times';
import { uiStart } from './support/compose-window';
import { ANY_TEXT, ui, uiByteSize, uiPattern } from './support/words';
import {
  addressLikeNameMessage,
  attachmentMessage,
  bidiMessage,
  CID_REFERENCES,
  EFAIL_SECRET,
  efailMessage,
  ENCODED_WORD_ADDRESS,
  encodedWordAddressMessage,
  hostileMessage,
  HUGE_CC,
  HUGE_MESSAGE_POSTFIX,
  HUGE_PARTS,
  hugeMessage,
  impostorMessage,
  inlineImageMessage,
  JAPANESE_SUBJECT,
  japaneseMessage,
  startCanary,
  LONG_SCRIPT_NAME,
  manyCidMessage,
  TALL_LAST_LINE,
  tallMessage,
  trickyFilesMessage,
  type Canary,
} from './reader-fixtures';

let env: MailEnvironment;
let canary: Canary;
let page: Page;
let problems: string[];
/** The reader's sandboxed frame of the message, named in the tests' language. */
const MESSAGE_FRAME = `iframe[title="${ui('reader.body')}"]`;
const attachmentBytes = randomBytes(3000);
/** How many messages `before` delivers. */
const MESSAGE_COUNT = 13;
/** Lines of the tall message: about three screens at 1024×640. */
const TALL_LINES = 90;
const envelope = { from: `sender@${TEST_DOMAIN}`, to: [`alice@${TEST_DOMAIN}`] };

async function waitFor(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Reports of a barrier doing its job, not faults: the page's own policy blocking what DOMPurify's inert
 * parse of the hostile message met (a base element, inline event handlers), and the frame's sandbox
 * refusing script in the message frame (the test's own evaluations there among it). Everything else counts.
 */
const BLOCKED_BY_BARRIER =
  /^console error: (?:Setting the document's base URI to .* violates .*"base-uri 'none'"|Executing inline event handler violates .*'script-src 'self''|Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed)/;

function realProblems(): string[] {
  return problems.filter((problem) => !BLOCKED_BY_BARRIER.test(problem));
}

async function openMessage(subject: string): Promise<void> {
  await page
    .getByRole('grid', { name: ui('mail.messages') })
    .getByRole('row', { name: new RegExp(subject) })
    .click();
  await page
    .getByRole('region', { name: ui('reader.label') })
    .getByRole('heading', { name: subject })
    .waitFor();
}

async function screenshots(name: string): Promise<void> {
  for (const size of WINDOW_SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await env.screenshot(page, `reader-${name}-${size.name}`);
  }
  await page.setViewportSize({ width: WINDOW_SIZES[0].width, height: WINDOW_SIZES[0].height });
}

before(async () => {
  canary = await startCanary();
  env = await startMailEnvironment({ postfix: HUGE_MESSAGE_POSTFIX });
  await env.deliver(hostileMessage(canary.origin), envelope);
  await env.deliver(impostorMessage(), envelope);
  await env.deliver(inlineImageMessage(), envelope);
  await env.deliver(attachmentMessage(attachmentBytes), envelope);
  await env.deliver(efailMessage(canary.origin), envelope);
  await env.deliver(tallMessage(TALL_LINES), envelope);
  await env.deliver(trickyFilesMessage(), envelope);
  await env.deliver(bidiMessage(), envelope);
  await env.deliver(japaneseMessage(), envelope);
  await env.deliver(encodedWordAddressMessage(), envelope);
  await env.deliver(addressLikeNameMessage(), envelope);
  await env.deliver(manyCidMessage(), envelope);
  await env.deliver(hugeMessage(), envelope);
  const accountId = await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
  const started = await env.client.call('startSendReceive', { accountId });
  assert.ok(started.ok && started.value.started.includes(accountId), 'Send/Receive did not start');
  await waitFor(async () => {
    const list = await env.client.call('listMessages', { source: { kind: 'unified-inbox' } });
    return list.ok && list.value.total === MESSAGE_COUNT && list.value.messages.every((message) => message.indexed);
  }, 'every received and indexed message');
  ({ page, problems } = await env.openPage(WINDOW_SIZES[0]));
  await page
    .getByRole('grid', { name: ui('mail.messages') })
    .getByRole('row', { name: /Quarterly report/ })
    .waitFor();
});

after(async () => {
  await env?.stop();
  await canary?.stop();
});

test('hostile HTML runs nothing and fetches nothing until remote content is allowed', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  await openMessage('Hostile HTML');
  const reader = page.getByRole('region', { name: ui('reader.label') });
  const body = page.frameLocator(MESSAGE_FRAME);
  await body.getByText('Safe paragraph text.').waitFor();
  assert.equal(await reader.locator(MESSAGE_FRAME).getAttribute('sandbox'), 'allow-popups allow-popups-to-escape-sandbox');
  assert.equal(await body.locator('script, iframe, object, embed, svg, form, input, base, link, meta[http-equiv="refresh"], [onerror], [onload]').count(), 0);
  assert.equal(await body.getByText('click me').getAttribute('href'), null, 'the javascript: link lost its target');
  assert.equal(await body.locator('h1.bg').evaluate((element) => getComputedStyle(element).color), 'rgb(10, 20, 30)', 'the message’s own styles apply');
  await reader.getByText(ui('reader.remoteBlocked')).waitFor();
  await body.getByText('click me').click();
  await screenshots('hostile-blocked');
  assert.deepEqual(canary.requests, [], 'nothing reached the canary while remote content was blocked');
  assert.doesNotMatch(await page.title(), /pwned/);
  assert.equal(await page.evaluate(() => window.name), '');

  await reader.getByRole('button', { name: ui('reader.loadRemote') }).click();
  await waitFor(() => canary.requests.includes('/remote-image.png'), 'the allowed remote image');
  await body.locator('img[alt="remote"]').evaluate((image: HTMLImageElement) => image.decode());
  assert.ok(await body.locator('img[alt="remote"]').evaluate((image: HTMLImageElement) => image.naturalWidth > 0));
  await waitFor(() => canary.requests.includes('/css-background.png'), 'the allowed CSS background image');
  const fetched = new Set(canary.requests);
  for (const path of fetched) {
    assert.match(
      path,
      /^\/(?:remote-image|srcset|css-background|body-background|table-background|inline-style)\.png$/,
      `only images may load once allowed, not ${path}`,
    );
  }
  assert.doesNotMatch(await page.title(), /pwned/);
  assert.equal(await reader.getByRole('button', { name: ui('reader.loadRemote') }).count(), 0);
  assert.deepEqual(realProblems(), []);
});

test('a display name posing as another address and a diverging Reply-To are called out', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  await openMessage('Verify your account');
  const reader = page.getByRole('region', { name: ui('reader.label') });
  const warnings = reader.getByRole('list', { name: ui('reader.warnings') });
  await warnings.getByText(ui('reader.warnNameIsAddress', { posing: 'paypal@paypal.com', address: 'security@evil.test' })).waitFor();
  await warnings.getByText(ui('reader.warnReplyTo', { addresses: 'collect@evil.test' })).waitFor();
  await reader.getByText('<security@evil.test>').first().waitFor();
  const link = reader.getByRole('link', { name: 'https://evil.test/login' });
  assert.equal(await link.getAttribute('href'), 'https://evil.test/login');
  await screenshots('impostor');
  assert.deepEqual(realProblems(), []);
});

test('an inline cid: image shows from the store and is not listed as an attachment', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  await openMessage('Inline picture');
  const image = page.frameLocator(MESSAGE_FRAME).locator('img[alt="dot"]');
  await image.waitFor();
  await image.evaluate((element: HTMLImageElement) => element.decode());
  assert.ok(await image.evaluate((element: HTMLImageElement) => element.naturalWidth > 0 && element.src.startsWith('data:image/png;base64,')));
  assert.equal(await page.getByRole('region', { name: ui('attachments.label') }).count(), 0);
  await screenshots('inline-image');
  assert.deepEqual(realProblems(), []);
});

test('plain text shows quotes and links, and a saved attachment has the exact bytes', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  await openMessage('Quarterly report');
  const reader = page.getByRole('region', { name: ui('reader.label') });
  const text = reader.getByRole('document', { name: ui('reader.body') });
  await text.getByText('Hello Alice,').waitFor();
  assert.equal(await text.getByRole('link', { name: 'https://example.test/report' }).getAttribute('href'), 'https://example.test/report');
  assert.equal(await text.locator('blockquote.quote-depth-1').innerText(), 'Could you send the numbers?');
  await screenshots('plain-text');
  const attachments = page.getByRole('region', { name: ui('attachments.label') });
  await attachments.getByText(ui('attachments.meta', { type: 'application/octet-stream', size: uiByteSize(attachmentBytes.length) })).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    attachments.getByRole('button', { name: ui('attachments.saveNamed', { name: 'report.bin' }) }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'report.bin');
  const saved = await readFile(await download.path());
  assert.ok(saved.equals(attachmentBytes), 'the saved file differs from the attachment');
  assert.deepEqual(realProblems(), []);
});

test('an HTML message can be read as plain text', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  await openMessage('Hostile HTML');
  const reader = page.getByRole('region', { name: ui('reader.label') });
  const toggle = reader.getByRole('button', { name: ui('reader.plainText') });
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await reader
    .getByRole('document', { name: ui('reader.body') })
    .getByText('Safe paragraph text.')
    .waitFor();
  assert.equal(await reader.locator('iframe').count(), 0);
  await screenshots('hostile-as-plain-text');
  await toggle.click();
  await page.frameLocator(MESSAGE_FRAME).getByText('Safe paragraph text.').waitFor();
  assert.deepEqual(realProblems(), []);
});

/** No request the canary saw may carry the secret part's text, in any spelling. */
function assertSecretKept(): void {
  for (const path of canary.requests) {
    let decoded = path;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      // Keep the path as it came.
    }
    assert.doesNotMatch(decoded, new RegExp(EFAIL_SECRET), `the canary received part two: ${path}`);
  }
}

test('each part of a mixed message is shown on its own: no markup reaches into the next part', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  canary.requests.length = 0;
  await openMessage('Secret parts');
  const reader = page.getByRole('region', { name: ui('reader.label') });
  const body = page.frameLocator(MESSAGE_FRAME);
  await body.getByText(`${EFAIL_SECRET} in part two`).waitFor();
  await body.getByText('Part three.').waitFor();
  await body.getByText('Plain part four.').waitFor();
  assert.equal(await body.getByText('Attached page, not the body.').count(), 0, 'an attached page is not the body');
  await reader
    .getByRole('region', { name: ui('attachments.label') })
    .getByRole('button', { name: ui('attachments.saveNamed', { name: 'page.html' }) })
    .waitFor();
  assert.deepEqual(await body.locator('.mail-part').evaluateAll((parts) => parts.map((part) => (part.textContent ?? '').trim())), [
    'Part one.',
    `${EFAIL_SECRET} in part two`,
    '">Part three.',
    'Plain part four.',
  ]);
  assertSecretKept();
  await screenshots('separate-parts');

  await reader.getByRole('button', { name: ui('reader.loadRemote') }).click();
  await waitFor(() => canary.requests.includes('/honest.png'), 'the honest remote image');
  assertSecretKept();

  for (const [command, dialogName] of [
    [ui('toolbar.reply'), uiStart('compose.title.reply')],
    [ui('toolbar.forward'), uiStart('compose.title.forward')],
  ] as const) {
    await page
      .getByRole('toolbar', { name: ui('toolbar.label') })
      .getByRole('button', { name: command, exact: true })
      .click();
    const dialog = page.getByRole('dialog', { name: dialogName });
    const editor = dialog.getByLabel(ui('compose.body'));
    await editor.getByText(`${EFAIL_SECRET} in part two`).waitFor();
    await editor.getByText('Plain part four.').waitFor();
    const attributes = await editor.evaluate((element) =>
      Array.from(element.querySelectorAll('*')).flatMap((node) => Array.from(node.attributes).map((attribute) => attribute.value)),
    );
    assert.ok(!attributes.some((value) => value.includes(EFAIL_SECRET)), `an attribute in the ${command} editor carries part two`);
    assertSecretKept();
    await dialog.getByRole('button', { name: ui('compose.discard'), exact: true }).click();
    const confirm = page.getByRole('button', { name: ui('compose.discardMessage') });
    if (await confirm.count()) await confirm.click();
    await dialog.waitFor({ state: 'detached' });
  }
  assertSecretKept();
  assert.deepEqual(realProblems(), []);
});

/** Every way the reader may say how many of the huge message's parts it does not show (the count depends on how far it was read). */
function omittedPartsNotes(): Set<string> {
  const counts = Array.from({ length: HUGE_PARTS }, (_unused, index) => index + 1);
  return new Set(counts.flatMap((count) => [ui('reader.omitted', { count }), ui('reader.omittedAtLeast', { count })]));
}

/** Whether the element's box lies wholly inside the reader pane's visible box. */
async function inReaderView(locator: Locator): Promise<boolean> {
  const pane = await page.getByRole('region', { name: ui('reader.label') }).boundingBox();
  const box = await locator.boundingBox();
  return pane !== null && box !== null && box.y >= pane.y - 1 && box.y + box.height <= pane.y + pane.height + 1;
}

/** Whether a line of text (not the whole block holding it) lies inside the reader pane's visible box. */
async function lineInReaderView(line: string): Promise<boolean> {
  return page.getByRole('region', { name: ui('reader.label') }).evaluate((pane, needle) => {
    const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = (node.textContent ?? '').indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const box = range.getBoundingClientRect();
      const view = pane.getBoundingClientRect();
      return box.height > 0 && box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
    }
    return false;
  }, line);
}

test('a tall message opens at its top, and End reaches its last line', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  assert.deepEqual(page.viewportSize(), { width: 1024, height: 640 });
  await openMessage('Tall letter');
  const reader = page.getByRole('region', { name: ui('reader.label') });
  const text = reader.getByRole('document', { name: ui('reader.body') });
  await text.getByText('Line 1 of a long letter.').waitFor();
  const scrollHeight = await reader.evaluate((element) => element.scrollHeight / element.clientHeight);
  assert.ok(scrollHeight >= 3, `the message is three screens tall (${scrollHeight.toFixed(1)})`);
  assert.ok(await inReaderView(reader.getByRole('heading', { name: 'Tall letter' })), 'the subject is in view on open');
  assert.ok(await inReaderView(reader.getByText('Dora Example').first()), 'the sender is in view on open');
  assert.ok(await lineInReaderView('Line 1 of a long letter.'), 'the first line is in view on open');
  assert.ok(!(await lineInReaderView(TALL_LAST_LINE)), 'the last line is below the fold on open');
  await reader.focus();
  await page.keyboard.press('End');
  await waitFor(() => lineInReaderView(TALL_LAST_LINE), 'the last line after End');
  // Keyboard scrolling is animated: Home only once End's scrolling has come to rest at the bottom.
  await waitFor(() => reader.evaluate((element) => element.scrollTop + element.clientHeight >= element.scrollHeight - 1), 'the end of the scrolling');
  // ...and has stopped: the same position over several frames (the animation may still be finishing).
  await reader.evaluate(async (element) => {
    let last = -1;
    let still = 0;
    while (still < 5) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      still = element.scrollTop === last ? still + 1 : 0;
      last = element.scrollTop;
    }
  });
  await page.keyboard.press('Home');
  const state = async (): Promise<string> =>
    JSON.stringify(
      await reader.evaluate((element) => ({
        top: element.scrollTop,
        focus: document.activeElement?.className,
        heading: element.querySelector('h2')?.textContent,
      })),
    );
  await waitFor(() => inReaderView(reader.getByRole('heading', { name: 'Tall letter' })), 'the subject again after Home', 5_000).catch(
    async (error: unknown) => {
      throw new Error(`${String(error)} ${await state()}`);
    },
  );
  await env.screenshot(page, 'reader-tall-small');
  assert.deepEqual(realProblems(), []);
});

test(
  'attachment names show what the files are: no bidi tricks, no devices, no hidden extension, no program opened',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    await openMessage('Tricky files');
    const attachments = page.getByRole('region', { name: ui('attachments.label') });
    const disguised = attachments.getByRole('listitem').filter({ hasText: 'invoicefdp.exe' });
    await disguised.waitFor();
    assert.equal(await disguised.locator('bdi.attachment-name').count(), 1, 'the name is isolated');
    assert.doesNotMatch((await disguised.textContent()) ?? '', /[\u202A-\u202E\u2066-\u2069]/, 'no bidi control is shown');
    await disguised.getByRole('note').getByText(ui('attachments.bidiName')).waitFor();
    await disguised.getByRole('button', { name: ui('attachments.openNamed', { name: 'invoicefdp.exe' }) }).click();
    await attachments
      .getByRole('alert')
      .getByText(ui('attachments.refusedByName', { name: 'invoicefdp.exe', extension: 'exe' }))
      .waitFor();

    const script = attachments.getByRole('listitem').filter({ hasText: '.js' });
    const extension = script.locator('.attachment-extension');
    assert.equal(await extension.textContent(), '.js');
    const [item, shown, stem] = await Promise.all([
      script.boundingBox(),
      extension.boundingBox(),
      script.locator('.attachment-stem').evaluate((element) => element.scrollWidth > element.clientWidth),
    ]);
    assert.ok(stem, `the long name ${LONG_SCRIPT_NAME} is cut in this list`);
    assert.ok(item !== null && shown !== null && shown.width > 0 && shown.x + shown.width <= item.x + item.width, 'the extension stays visible');
    await screenshots('tricky-files');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      attachments.getByRole('button', { name: ui('attachments.saveNamed', { name: '_CON.txt' }) }).click(),
    ]);
    assert.equal(download.suggestedFilename(), '_CON.txt');
    assert.deepEqual(realProblems(), []);
  },
);

/** Whether `text` inside the element runs left to right on screen (its first letter left of its last). */
async function runsLeftToRight(container: Locator, text: string): Promise<boolean> {
  return container.evaluate((element, needle) => {
    const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const at = (node.textContent ?? '').indexOf(needle);
      if (at < 0) continue;
      const first = element.ownerDocument.createRange();
      first.setStart(node, at);
      first.setEnd(node, at + 1);
      const last = element.ownerDocument.createRange();
      last.setStart(node, at + needle.length - 1);
      last.setEnd(node, at + needle.length);
      return first.getBoundingClientRect().left < last.getBoundingClientRect().left;
    }
    throw new Error(`${needle} is not shown`);
  }, text);
}

test('bidi controls in a sender name cannot flip the real address, and are called out', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const row = page.getByRole('grid', { name: ui('mail.messages') }).getByRole('row', { name: /Flipped/ });
  await row.click();
  assert.equal(await row.locator('.col-sender bdi, .col-subject bdi').count(), 2, 'the list isolates sender and subject');
  const reader = page.getByRole('region', { name: ui('reader.label') });
  await reader.getByRole('heading', { name: /Flipped/ }).waitFor();
  const from = reader.locator('.reader-field', { hasText: ui('header.from') }).locator('dd');
  assert.ok(await runsLeftToRight(from, 'security@live.example'), 'the real address reads left to right');
  assert.equal(await from.locator('bdi.address-name').count(), 1, 'the name is isolated');
  await reader
    .getByRole('list', { name: ui('reader.warnings') })
    .getByText(uiPattern('reader.warnBidi', { address: ANY_TEXT }))
    .waitFor();
  assert.equal(
    await reader
      .getByRole('heading', { name: /Flipped/ })
      .locator('bdi')
      .count(),
    1,
    'the subject is isolated',
  );
  await screenshots('bidi-sender');
  assert.deepEqual(realProblems(), []);
});

test('a Japanese word from the middle of a subject is found', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const search = page.getByRole('searchbox', { name: ui('toolbar.search') });
  await search.fill('会議資料');
  const grid = page.getByRole('grid', { name: ui('mail.messages') });
  await page
    .getByRole('status')
    .filter({ hasText: ui('search.found', { count: 1, text: '会議資料' }) })
    .waitFor();
  const subjects = grid.getByRole('gridcell').and(grid.locator('.col-subject'));
  assert.deepEqual(await subjects.allTextContents(), [JAPANESE_SUBJECT]);
  await search.press('Escape');
  await waitFor(async () => (await subjects.count()) === MESSAGE_COUNT, 'the whole Inbox again');
  assert.deepEqual(realProblems(), []);
});

/** Opens Reply for the shown message and returns the To recipients' text; the dialog is discarded. */
async function replyRecipients(): Promise<string> {
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.reply'), exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: uiStart('compose.title.reply') });
  const recipients = dialog.getByRole('list', { name: ui('compose.fieldRecipients', { field: 'to' }) });
  await recipients.getByRole('listitem').first().waitFor();
  const text = (await recipients.textContent()) ?? '';
  await dialog.getByRole('button', { name: ui('compose.discard'), exact: true }).click();
  const confirm = page.getByRole('button', { name: ui('compose.discardMessage') });
  if (await confirm.count()) await confirm.click();
  await dialog.waitFor({ state: 'detached' });
  return text;
}

test('a sender hidden by encoded-word tricks shows the raw address, and a reply goes to it', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  await openMessage('Encoded address');
  const reader = page.getByRole('region', { name: ui('reader.label') });
  const from = reader.locator('.reader-field', { hasText: ui('header.from') }).locator('dd');
  await from.getByText(ENCODED_WORD_ADDRESS).waitFor();
  assert.match(await replyRecipients(), new RegExp(ENCODED_WORD_ADDRESS.replace(/[?=.]/g, '\\$&')));

  await openMessage('Name without address');
  await from.getByText(envelope.from).waitFor();
  assert.doesNotMatch((await from.textContent()) ?? '', /\(nobody\)/);
  assert.match(await replyRecipients(), new RegExp(envelope.from.replace(/[.]/g, '\\.')));
  assert.deepEqual(realProblems(), []);
});

/** The goal for the longest task of the window while a message opens (a user feels more as a stall); reported. */
const MAX_TASK_MS = 100;
/**
 * The CPU time one task of the window may use while the message opens. Load from other processes
 * stretches a task's wall time (it waits for a core), never the CPU time it used itself, so this limit
 * holds on a loaded machine: the reader's tasks use about 10 ms here, while sanitizing the 2,000 images
 * in one task used 80 to 90 ms of CPU (160 to 280 ms of wall time on a loaded machine).
 */
const MAX_TASK_CPU_MS = MAX_TASK_MS / 2;
/** A deliberate stall that checks the long-task observer and the trace both see what they measure. */
const CALIBRATION_STALL_MS = 2 * MAX_TASK_MS;

test('thousands of cid: images open without freezing the window', { timeout: MAIL_E2E_TIMEOUT_MS }, async (context) => {
  await page.evaluate(() => {
    const durations: number[] = [];
    Object.assign(globalThis, { longTaskDurations: durations });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) durations.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  const longTasks = async (): Promise<number[]> => page.evaluate(() => (globalThis as unknown as { longTaskDurations: number[] }).longTaskDurations.splice(0));

  // Both measures see a deliberate stall, so quiet records below mean a quiet window.
  const calibration = await traceMainThreadTasks(page, async () => {
    await page.evaluate((stallMs) => {
      setTimeout(() => {
        const until = performance.now() + stallMs;
        while (performance.now() < until) {
          // A task as long as a stall a user would feel.
        }
      }, 0);
    }, CALIBRATION_STALL_MS);
    await page.waitForFunction(
      (stallMs) => (globalThis as unknown as { longTaskDurations: number[] }).longTaskDurations.some((duration) => duration >= stallMs),
      CALIBRATION_STALL_MS,
    );
  });
  assert.ok(
    (await longTasks()).some((duration) => duration >= CALIBRATION_STALL_MS),
    'the long-task observer sees the stall',
  );
  assert.ok(
    calibration.some((task) => task.wallMs >= CALIBRATION_STALL_MS && task.cpuMs > 0),
    `the trace sees the stall with its CPU time: ${JSON.stringify(calibration.slice(0, 3))}`,
  );

  const body = page.frameLocator(MESSAGE_FRAME);
  const last = body.locator(`img[alt="i${CID_REFERENCES - 1}"]`);
  let observed: number[] = [];
  const tasks = await traceMainThreadTasks(page, async () => {
    await openMessage('Many pictures');
    await body.getByText('Text after the pictures.').waitFor();
    await last.evaluate((image: HTMLImageElement) => image.decode());
    // Read while the trace still runs: ending a trace is work of its own in the window.
    observed = await longTasks();
  });
  assert.ok(
    await last.evaluate((image: HTMLImageElement) => image.naturalWidth > 0 && image.src.startsWith('data:image/png;base64,')),
    'the last inline image shows',
  );
  const missing = await body
    .locator('img:not([src^="data:"])')
    .evaluateAll((images) => images.map((image) => `${image.getAttribute('alt') ?? ''}=${image.getAttribute('src') ?? 'none'}`));
  assert.deepEqual(missing, [], 'every reference shows its image');
  assert.equal(await body.locator('img[src^="data:"]').count(), CID_REFERENCES);

  const longest = Math.max(0, ...observed, ...tasks.map((task) => task.wallMs));
  const busiest = Math.max(0, ...tasks.map((task) => task.cpuMs));
  const slowest = tasks.slice(0, 5).map((task) => `${Math.round(task.wallMs)} ms (CPU ${Math.round(task.cpuMs)} ms)`);
  context.diagnostic(
    `longest task while opening ${Math.round(longest)} ms (goal ${MAX_TASK_MS} ms ${longest <= MAX_TASK_MS ? 'met' : 'missed'}), most CPU in one task ${Math.round(busiest)} ms; ` +
      `long tasks seen: ${observed.map((duration) => `${Math.round(duration)} ms`).join(', ') || 'none'}; slowest traced: ${slowest.join(', ')}`,
  );
  assert.ok(busiest <= MAX_TASK_CPU_MS, `a task used ${Math.round(busiest)} ms of CPU: ${slowest.join(', ')}`);
  assert.ok(longest <= FREEZE_MS, `a task took ${Math.round(longest)} ms: ${slowest.join(', ')}`);
  assert.deepEqual(realProblems(), []);
});

test(
  'a huge message shows what there is: a cut subject, the first thousand Cc, the first parts and the rest on request',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const row = page.getByRole('grid', { name: ui('mail.messages') }).getByRole('row', { name: /^.*Absurd Absurd/ });
    await row.click();
    const reader = page.getByRole('region', { name: ui('reader.label') });
    const heading = reader.getByRole('heading', { name: /^Absurd Absurd/ });
    await heading.waitFor();
    const subject = (await heading.textContent()) ?? '';
    assert.ok(
      subject.startsWith('Absurd Absurd') && subject.endsWith('…') && subject.length <= 2_000,
      `the subject is shown cut, with …: ${subject.length} ${JSON.stringify(subject.slice(-20))}`,
    );
    const cc = reader.locator('.reader-field', { hasText: ui('header.cc') }).locator('dd');
    await cc.getByText(ui('reader.andMore', { count: HUGE_CC - 1_000 })).waitFor();
    assert.equal(await cc.locator('.address-real').count(), 1_000);
    const text = reader.getByRole('document', { name: ui('reader.body') });
    await text.getByText('Part 1 of the huge message.').waitFor();
    assert.equal(await text.getByText('Part 101 of the huge message.').count(), 0, 'only the first parts at first');
    const note = reader.locator('.reader-note').filter({ has: page.getByRole('button', { name: ui('reader.showParts') }) });
    await note.waitFor();
    const omitted = ((await note.textContent()) ?? '').replace(ui('reader.showParts'), '').trim();
    assert.ok(omittedPartsNotes().has(omitted), `the note says how many parts are not shown: ${omitted}`);
    await reader.getByRole('button', { name: ui('reader.showParts') }).click();
    await text.getByText('Part 101 of the huge message.').waitFor();
    await env.screenshot(page, 'reader-huge-small');
    assert.deepEqual(realProblems(), []);
  },
);
