/**
 * What a message asks, in Chromium against a real Postfix and Dovecot: a message sent with High
 * priority and a read-receipt request carries X-Priority, Importance and Disposition-Notification-To;
 * a received message asking for a receipt makes the reader ask (never sent by itself), "Send receipt"
 * queues one RFC 8098 receipt that arrives as multipart/report, and the question is not asked again;
 * "Don't send" sends nothing; a list message has "Reply to list", which writes to its List-Post address.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { TEST_DOMAIN } from '../servers/postfix';
import { deliveredNames, freshDeliveries, openAnsweringWindow, waitFor } from './support/answering';
import { uiStart } from './support/compose-window';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { ui, uiPattern } from './support/words';

const UI_TIMEOUT_MS = 20_000;
const STAMP = Date.now();
const ASKING_ID = `<asking-${STAMP}@${TEST_DOMAIN}>`;

let env: MailEnvironment;
let page: Page;
let problems: string[];

function message(subject: string, id: string, extra: readonly string[]): string {
  return [
    `From: Carol Example <carol@${TEST_DOMAIN}>`,
    `To: Alice Example <alice@${TEST_DOMAIN}>`,
    `Subject: ${subject}`,
    `Date: ${new Date(Date.UTC(2024, 5, 3, 9, 0)).toUTCString()}`,
    `Message-ID: ${id}`,
    ...extra,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `${subject}: the body.`,
    '',
  ].join('\r\n');
}

before(async () => {
  env = await startMailEnvironment();
  const envelope = { from: `carol@${TEST_DOMAIN}`, to: [`alice@${TEST_DOMAIN}`] };
  await env.deliver(message('Did you get this', ASKING_ID, [`Disposition-Notification-To: Carol Example <carol@${TEST_DOMAIN}>`]), envelope);
  await env.deliver(message('Also asking', `<declined-${STAMP}@${TEST_DOMAIN}>`, [`Disposition-Notification-To: <carol@${TEST_DOMAIN}>`]), envelope);
  await env.deliver(
    message('[dev] Release plan', `<list-${STAMP}@${TEST_DOMAIN}>`, [
      `List-Id: Developers <dev.${TEST_DOMAIN}>`,
      `List-Post: <mailto:dave@${TEST_DOMAIN}?subject=ignored>, <https://lists.example.test/post>`,
      `Reply-To: Carol Example <carol@${TEST_DOMAIN}>`,
    ]),
    envelope,
  );
  ({ page, problems } = await openAnsweringWindow(env, WINDOW_SIZES[1], 3));
});

after(async () => {
  await env?.stop();
});

async function openMessage(subject: string): Promise<void> {
  await page
    .getByRole('grid', { name: ui('mail.messages') })
    .getByRole('row', { name: new RegExp(subject.replace(/[[\]]/g, '\\$&')) })
    .click();
  await page
    .getByRole('region', { name: ui('reader.label') })
    .getByRole('heading', { name: subject })
    .waitFor({ timeout: UI_TIMEOUT_MS });
}

test('High priority and a read-receipt request go out as their headers', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.new'), exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: uiStart('compose.title.new') });
  await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
  await dialog.getByLabel(ui('compose.fieldTo'), { exact: true }).fill(`Bob Example <bob@${TEST_DOMAIN}>,`);
  await dialog.getByLabel(ui('compose.subject')).fill('Urgent');
  await dialog.getByLabel(ui('compose.priority')).selectOption('high');
  await dialog.getByLabel(ui('compose.readReceipt')).check();
  await dialog.getByLabel(ui('compose.body')).fill('Please confirm.');
  const before = await deliveredNames(env);
  await dialog.getByRole('button', { name: ui('compose.send'), exact: true }).click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  const [path] = await freshDeliveries(env, before, 1);
  assert.ok(path !== undefined);
  const raw = (await readFile(path)).toString('latin1');
  const header = raw.slice(0, raw.search(/\r?\n\r?\n/));
  assert.match(header, /^X-Priority: 1 \(Highest\)$/m);
  assert.match(header, /^Importance: High$/m);
  assert.match(header, new RegExp(`^Disposition-Notification-To: .*<alice@${TEST_DOMAIN}>$`, 'm'));
  assert.deepEqual(problems, []);
});

test(
  'the reader asks before sending a read receipt; one receipt goes, as multipart/report, and the question is gone',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    await openMessage('Did you get this');
    const question = page.getByRole('group', { name: ui('requests.receiptLabel') });
    await question.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match(await question.innerText(), uiPattern('requests.receiptAsk', { sender: `Carol Example <carol@${TEST_DOMAIN}>` }));
    await env.screenshot(page, 'reader-read-receipt');
    const before = await deliveredNames(env);
    await question.getByRole('button', { name: ui('requests.sendReceipt') }).click();
    await question.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    const [path] = await freshDeliveries(env, before, 1);
    assert.ok(path !== undefined);
    const raw = await readFile(path);
    const text = raw.toString('latin1');
    assert.match(text, /^Return-Path: <>$/m, 'the receipt went with the empty envelope sender (MAIL FROM:<>)');
    assert.match(text, /^Content-Type: multipart\/report; report-type=disposition-notification;/m);
    assert.match(text, /^Content-Type: message\/disposition-notification$/m);
    assert.match(text, /^Disposition: manual-action\/MDN-sent-manually; displayed$/m);
    assert.ok(text.includes(`Original-Message-ID: ${ASKING_ID}`));
    assert.match(text, new RegExp(`^Final-Recipient: rfc822;alice@${TEST_DOMAIN}$`, 'm'));
    const parsed = await simpleParser(raw);
    assert.equal(parsed.subject, 'Read: Did you get this');
    assert.equal(parsed.inReplyTo, ASKING_ID);

    // Shown again (another message in between): no question, and no second receipt.
    await openMessage('Also asking');
    await page.getByRole('group', { name: ui('requests.receiptLabel') }).waitFor({ timeout: UI_TIMEOUT_MS });
    await openMessage('Did you get this');
    assert.equal(await page.getByRole('group', { name: ui('requests.receiptLabel') }).count(), 0);
    const again = await env.client.call('answerReadReceipt', { messageId: (await messageIdOf('Did you get this')) ?? 0, send: true });
    assert.ok(again.ok && again.value.answered === 'sent');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal((await env.postfix.listDelivered()).filter((entry) => !before.has(entry.baseName)).length, 1, 'one receipt only');
    assert.deepEqual(problems, []);
  },
);

async function messageIdOf(subject: string): Promise<number | undefined> {
  const list = await env.client.call('listMessages', { source: { kind: 'unified-inbox' } });
  return list.ok ? list.value.messages.find((item) => item.subject === subject)?.id : undefined;
}

test('“Don’t send” sends nothing, and the reader does not ask again', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  await openMessage('Also asking');
  const question = page.getByRole('group', { name: ui('requests.receiptLabel') });
  const before = await deliveredNames(env);
  await question.getByRole('button', { name: ui('requests.dontSend') }).click();
  await question.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  const id = await messageIdOf('Also asking');
  await waitFor(async () => {
    const shown = await env.client.call('getMessage', { id: id ?? 0 });
    return shown.ok && shown.value.readReceipt?.answered === 'declined';
  }, 'the declined answer');
  const sent = await env.client.call('answerReadReceipt', { messageId: id ?? 0, send: true });
  assert.ok(sent.ok && sent.value.answered === 'declined', 'a declined receipt is never sent later');
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  assert.equal((await env.postfix.listDelivered()).filter((entry) => !before.has(entry.baseName)).length, 0);
  assert.deepEqual(problems, []);
});

test('Reply to list writes to the List-Post address only', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  await openMessage('[dev] Release plan');
  const bar = page.getByRole('group', { name: ui('requests.listLabel') });
  await bar.waitFor({ timeout: UI_TIMEOUT_MS });
  await openMessage('Did you get this');
  assert.equal(await page.getByRole('group', { name: ui('requests.listLabel') }).count(), 0, 'no list, no button');
  await openMessage('[dev] Release plan');
  await bar.getByRole('button', { name: ui('requests.replyList') }).click();
  const dialog = page.getByRole('dialog', { name: uiStart('compose.title.replyList') });
  await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
  const recipients = dialog.getByRole('list', { name: ui('compose.fieldRecipients', { field: 'to' }) });
  await recipients.getByText(`dave@${TEST_DOMAIN}`).waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await recipients.getByText(`carol@${TEST_DOMAIN}`).count(), 0);
  assert.equal(await dialog.getByLabel(ui('compose.subject')).inputValue(), 'Re: [dev] Release plan');
  const before = await deliveredNames(env);
  await dialog.getByRole('button', { name: ui('compose.send'), exact: true }).click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  const [path] = await freshDeliveries(env, before, 1);
  assert.ok(path !== undefined);
  const sent = await simpleParser(await readFile(path));
  const to = Array.isArray(sent.to) ? sent.to : sent.to === undefined ? [] : [sent.to];
  assert.deepEqual(
    to.flatMap((item) => item.value.map((entry) => entry.address)),
    [`dave@${TEST_DOMAIN}`],
  );
  assert.deepEqual(problems, []);
});
