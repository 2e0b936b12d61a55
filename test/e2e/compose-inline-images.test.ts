/**
 * Inline images in Chromium against a real Postfix delivering into a real Dovecot: an image pasted into
 * rich text is sent as a `cid:` part inside multipart/related next to the HTML (RFC 2387, RFC 2392);
 * a forwarded HTML message keeps its inline image, with the bytes taken from the stored original and
 * never from the network, while its remote image is dropped and never fetched.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Locator, Page } from 'playwright-core';
import { TEST_DOMAIN } from '../servers/postfix';
import { deliveredNames, freshDeliveries, openAnsweringWindow } from './support/answering';
import { uiStart } from './support/compose-window';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { ui } from './support/words';

const UI_TIMEOUT_MS = 20_000;
/** A 2×1 PNG (one red, one blue pixel) the user pastes. */
const PASTED_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGP4z8DAwPAfAAcAAf9+CLHQAAAAAElFTkSuQmCC', 'base64');
/** A different 1×1 PNG: the chart inside the received message. */
const CHART_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** A remote image of the received message: a loopback port nothing listens on, which must never be asked. */
const REMOTE_IMAGE = 'http://127.0.0.1:9/tracker.png';

let env: MailEnvironment;
let page: Page;
let problems: string[];
const requested: string[] = [];

/** Carol's report: mixed → related → alternative (text, HTML with a cid: image and a remote one), a right-to-left subject, tall HTML. */
function reportMessage(): string {
  const rows = Array.from({ length: 120 }, (_, index) => `<tr><td>row ${index + 1}</td><td dir="rtl">שורה ${index + 1}</td></tr>`).join('');
  return [
    `From: Carol Example <carol@${TEST_DOMAIN}>`,
    `To: Alice Example <alice@${TEST_DOMAIN}>`,
    'Subject: =?UTF-8?B?15PXlyDXqNeR16LXldeg15k=?= quarterly report',
    `Date: ${new Date(Date.UTC(2024, 5, 3, 9, 0)).toUTCString()}`,
    `Message-ID: <report-${Date.now()}@${TEST_DOMAIN}>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/related; boundary="related"; type="multipart/alternative"',
    '',
    '--related',
    'Content-Type: multipart/alternative; boundary="alternative"',
    '',
    '--alternative',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The chart is in the HTML version.',
    '--alternative',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<html><body><p>Quarter chart:</p><p><img src="cid:Chart.Q2@${TEST_DOMAIN}" alt="chart"></p><p><img src="${REMOTE_IMAGE}" alt="tracker"></p><table>${rows}</table></body></html>`,
    '--alternative--',
    '--related',
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    `Content-ID: <Chart.Q2@${TEST_DOMAIN}>`,
    'Content-Disposition: inline; filename="chart.png"',
    '',
    CHART_PNG.toString('base64'),
    '--related--',
    '--outer--',
    '',
  ].join('\r\n');
}

/** One part of a raw message: its type, its Content-ID and the parts it holds. */
interface PartShape {
  readonly type: string;
  readonly contentId: string | null;
  readonly children: readonly PartShape[];
}

/** The MIME tree of raw message bytes, read with a small header/boundary walk (the shape is what is tested). */
function mimeShape(raw: string): PartShape {
  // The maildir may hold LF line ends: both spellings are read alike.
  const text = raw.replace(/\r\n/g, '\n');
  const split = text.indexOf('\n\n');
  const header = text.slice(0, split).replace(/\n[ \t]+/g, ' ');
  const body = text.slice(split + 2);
  const typeLine = /^content-type:\s*([^\n]*)/im.exec(header)?.[1] ?? 'text/plain';
  const type = (typeLine.split(';')[0] ?? '').trim().toLowerCase();
  const contentId = /^content-id:\s*<([^>]*)>/im.exec(header)?.[1] ?? null;
  if (!type.startsWith('multipart/')) return { type, contentId, children: [] };
  const boundary = /boundary="?([^";]+)"?/i.exec(typeLine)?.[1] ?? '';
  const pieces = `\n${body}`.split(`\n--${boundary}`).slice(1, -1);
  return { type, contentId, children: pieces.map((piece) => mimeShape(piece.replace(/^\n/, ''))) };
}

/** The part that is of `type`, anywhere in the tree. */
function findPart(shape: PartShape, type: string): PartShape | undefined {
  if (shape.type === type) return shape;
  for (const child of shape.children) {
    const found = findPart(child, type);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Pastes `png` at the cursor of the rich-text editor, as the browser does for an image on the clipboard. */
async function pasteImage(body: Locator, png: Buffer): Promise<void> {
  await body.evaluate((element, base64) => {
    const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, png.toString('base64'));
}

before(async () => {
  env = await startMailEnvironment();
  await env.deliver(reportMessage(), { from: `carol@${TEST_DOMAIN}`, to: [`alice@${TEST_DOMAIN}`] });
  ({ page, problems } = await openAnsweringWindow(env, WINDOW_SIZES[1], 1));
  page.on('request', (request) => requested.push(request.url()));
});

after(async () => {
  await env?.stop();
});

test('an image pasted into rich text is sent as a cid: part in multipart/related beside the HTML', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.new'), exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: uiStart('compose.title.new') });
  await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
  await dialog.getByLabel(ui('compose.fieldTo'), { exact: true }).fill(`Bob Example <bob@${TEST_DOMAIN}>,`);
  await dialog.getByLabel(ui('compose.subject')).fill('Pasted picture');
  await dialog.getByRole('button', { name: ui('compose.richText') }).click();
  const body = dialog.getByRole('textbox', { name: ui('compose.body') });
  await body.click();
  await page.keyboard.type('Look at this: ');
  await pasteImage(body, PASTED_PNG);
  await body.locator('img').waitFor({ timeout: UI_TIMEOUT_MS });
  assert.match((await body.locator('img').getAttribute('src')) ?? '', /^data:image\/png;base64,/, 'the editor shows the pasted bytes');
  await page.keyboard.type(' nice, no?');
  await env.screenshot(page, 'compose-pasted-image');
  const before = await deliveredNames(env);
  await dialog.getByRole('button', { name: ui('compose.send'), exact: true }).click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });

  const [path] = await freshDeliveries(env, before, 1);
  assert.ok(path !== undefined);
  const raw = await readFile(path);
  const shape = mimeShape(raw.toString('latin1'));
  assert.equal(shape.type, 'multipart/alternative');
  assert.deepEqual(
    shape.children.map((child) => child.type),
    ['text/plain', 'multipart/related'],
  );
  const related = shape.children[1];
  assert.deepEqual(
    related?.children.map((child) => child.type),
    ['text/html', 'image/png'],
  );
  const contentId = related?.children[1]?.contentId ?? '';
  assert.notEqual(contentId, '');
  const parsed = await simpleParser(raw, { keepCidLinks: true });
  assert.ok((parsed.html || '').includes(`src="cid:${contentId}"`), `the HTML names the part: ${String(parsed.html)}`);
  assert.doesNotMatch(String(parsed.html), /data:image/, 'no data: URL goes out in the HTML');
  const [image] = parsed.attachments;
  assert.equal(parsed.attachments.length, 1);
  assert.ok(image?.content.equals(PASTED_PNG), 'the pasted image arrived byte for byte');
  assert.equal(image?.related, true);
  assert.match(parsed.text ?? '', /Look at this:/);
  assert.deepEqual(problems, []);
});

test(
  'forwarding an HTML message keeps its inline image from the store; its remote image is dropped, never fetched',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    await page
      .getByRole('grid', { name: ui('mail.messages') })
      .getByRole('row', { name: /quarterly report/ })
      .click();
    await page
      .getByRole('toolbar', { name: ui('toolbar.label') })
      .getByRole('button', { name: ui('toolbar.forward'), exact: true })
      .click();
    const dialog = page.getByRole('dialog', { name: uiStart('compose.title.forward') });
    await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
    const body = dialog.getByRole('textbox', { name: ui('compose.body') });
    await body.locator('img').first().waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await body.locator('img').count(), 1, 'only the inline image is in the editor');
    assert.equal(await body.locator('img').getAttribute('src'), `data:image/png;base64,${CHART_PNG.toString('base64')}`);
    assert.equal(
      await dialog
        .getByRole('list', { name: ui('attachments.label') })
        .getByText('chart.png')
        .count(),
      0,
      'the shown image is not attached again',
    );
    await dialog.getByLabel(ui('compose.fieldTo'), { exact: true }).fill(`Bob Example <bob@${TEST_DOMAIN}>,`);
    await body.focus();
    await body.press('Control+Home');
    await page.keyboard.type('The chart, Bob.');
    const before = await deliveredNames(env);
    await dialog.getByRole('button', { name: ui('compose.send'), exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });

    const [path] = await freshDeliveries(env, before, 1);
    assert.ok(path !== undefined);
    const raw = await readFile(path);
    const related = findPart(mimeShape(raw.toString('latin1')), 'multipart/related');
    assert.deepEqual(
      related?.children.map((child) => child.type),
      ['text/html', 'image/png'],
    );
    const parsed = await simpleParser(raw, { keepCidLinks: true });
    assert.equal(parsed.attachments.length, 1, 'the chart goes once, inline');
    const [chart] = parsed.attachments;
    assert.ok(chart?.content.equals(CHART_PNG), 'the chart is the stored original’s bytes');
    assert.ok(String(parsed.html).includes(`src="cid:${related?.children[1]?.contentId ?? '?'}"`));
    assert.doesNotMatch(String(parsed.html), /127\.0\.0\.1:9|tracker/, 'the remote image is not carried along');
    assert.match(String(parsed.html), /row 120/, 'the whole quoted table is kept');
    assert.deepEqual(
      requested.filter((url) => url.startsWith('http://127.0.0.1:9')),
      [],
      'the remote image was never requested',
    );
    assert.deepEqual(problems, []);
  },
);
