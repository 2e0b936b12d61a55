/**
 * Compose in Chromium against a real Postfix delivering into a real Dovecot: a message with an
 * attachment chosen through the file input goes out after the undo delay, arrives with the right
 * headers and the attachment byte for byte, and the recipient Postfix refused is shown in the Outbox;
 * Undo within the delay sends nothing; a draft is saved by itself and reopens; the size warning shows
 * for an attachment over the server's limit; line breaks typed into header fields cannot add headers.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Page } from 'playwright-core';
import { REJECTED_RECIPIENT } from '../servers/postfix';
import { uiSize, uiStart, uiWithAny } from './support/compose-window';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { ui, uiPattern } from './support/words';

/** The server's limit here; the big attachment is larger, the small one far smaller. */
const SIZE_LIMIT = 1_500_000;
const ATTACHMENT = Buffer.from(randomBytes(20_000));
const UI_TIMEOUT_MS = 20_000;

/** The compose window of a new message, by its title. */
const NEW_MESSAGE = uiStart('compose.title.new');

let env: MailEnvironment;
let accountId: string;

before(async () => {
  env = await startMailEnvironment({ postfix: { messageSizeLimit: SIZE_LIMIT } });
  accountId = await env.addAccount('alice');
});

after(async () => {
  await env?.stop();
});

async function openCompose(page: Page): Promise<void> {
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.new'), exact: true })
    .click();
  await page.getByRole('dialog', { name: NEW_MESSAGE }).waitFor({ timeout: UI_TIMEOUT_MS });
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((item) => item.value.map((entry) => entry.address ?? ''));
}

test('a message with an attachment is sent after the undo delay; the refused recipient is in the Outbox', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage(WINDOW_SIZES[1]);
  await openCompose(page);
  const dialog = page.getByRole('dialog', { name: NEW_MESSAGE });
  await dialog.getByLabel(ui('compose.fieldTo'), { exact: true }).fill(`Bob Example <bob@example.test>, ${REJECTED_RECIPIENT},`);
  await dialog.getByRole('button', { name: ui('compose.addCc'), exact: true }).click();
  // A line break typed into a name or the subject must never become a header of its own.
  await dialog.getByLabel(ui('compose.fieldCc'), { exact: true }).fill('"Carol\r\nBcc: dave@example.test" <carol@example.test>');
  await dialog.getByLabel(ui('compose.subject')).fill('Plans\r\nBcc: dave@example.test');
  await dialog.getByLabel(ui('compose.body')).fill('Hello Bob,\n\nthe plans are attached.\n');
  await dialog.locator('input[type=file]').setInputFiles({ name: 'plans.bin', mimeType: 'application/octet-stream', buffer: ATTACHMENT });
  await dialog
    .getByRole('list', { name: ui('attachments.label') })
    .getByText('plans.bin')
    .waitFor();
  await env.screenshot(page, 'compose-large');
  const before = (await env.postfix.listDelivered()).length;
  await dialog.getByRole('button', { name: ui('compose.send'), exact: true }).click();

  const toast = page.getByRole('status').filter({ has: page.getByRole('button', { name: ui('undo.undo') }) });
  await toast.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await page.getByRole('dialog').count(), 0, 'compose closed');
  await toast.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });

  const [raw] = (await env.postfix.waitForDeliveries(before + 2)).slice(before);
  assert.ok(raw !== undefined);
  const header = raw.toString('latin1').split('\r\n\r\n')[0] ?? '';
  assert.doesNotMatch(header, /^bcc:/im, 'no Bcc header');
  const parsed = await simpleParser(raw);
  assert.match(parsed.subject ?? '', /^Plans ?Bcc: dave@example\.test$/);
  assert.deepEqual(addresses(parsed.from), ['alice@example.test']);
  assert.deepEqual(addresses(parsed.to), ['bob@example.test', REJECTED_RECIPIENT]);
  assert.deepEqual(addresses(parsed.cc), ['carol@example.test']);
  assert.match(parsed.text ?? '', /the plans are attached/);
  const [attachment] = parsed.attachments;
  assert.equal(attachment?.filename, 'plans.bin');
  assert.ok(attachment?.content.equals(ATTACHMENT), 'the attachment arrived byte for byte');
  const delivered = await env.postfix.listDelivered();
  assert.equal(delivered.length, before + 2, 'bob and carol got it; dave did not');

  await page
    .getByRole('tree', { name: ui('folder.pane') })
    .getByRole('treeitem', { name: ui('folder.special.outbox'), exact: true })
    .first()
    .click();
  const refused = page.getByText(uiPattern('outbox.recipient', { address: REJECTED_RECIPIENT, status: 'refused' }));
  await refused.waitFor({ timeout: UI_TIMEOUT_MS });
  await page
    .getByText(ui('outbox.partlySentRefused', { addresses: REJECTED_RECIPIENT }))
    .first()
    .waitFor();
  await env.screenshot(page, 'outbox-large');
  await page.setViewportSize(WINDOW_SIZES[0]);
  await env.screenshot(page, 'outbox-small');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Undo within the delay takes the message back and reopens it; nothing is delivered', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
  await openCompose(page);
  const dialog = page.getByRole('dialog', { name: NEW_MESSAGE });
  await dialog.getByLabel(ui('compose.fieldTo'), { exact: true }).fill('bob@example.test');
  await dialog.getByLabel(ui('compose.subject')).fill('Never mind');
  await dialog.getByLabel(ui('compose.body')).fill('Forget it.');
  await env.screenshot(page, 'compose-small');
  const before = (await env.postfix.listDelivered()).length;
  const listed = await env.client.call('listOutbox', { accountId });
  assert.ok(listed.ok);
  await dialog.getByLabel(ui('compose.body')).press('Control+Enter');
  await page.getByRole('button', { name: ui('undo.undo') }).click();
  const reopened = page.getByRole('dialog', { name: NEW_MESSAGE });
  await reopened.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await reopened.getByLabel(ui('compose.subject')).inputValue(), 'Never mind');
  const outbox = await env.client.call('listOutbox', { accountId });
  assert.ok(outbox.ok);
  assert.deepEqual(
    outbox.value.map((item) => item.id),
    listed.value.map((item) => item.id),
    'the held message was removed from the Outbox',
  );
  // Only an Outbox row can be sent, and there is none left for this message.
  assert.equal((await env.postfix.listDelivered()).length, before, 'nothing was delivered');
  await reopened.getByRole('button', { name: ui('compose.discard'), exact: true }).click();
  await reopened.getByRole('button', { name: ui('compose.discardMessage') }).click();
  await reopened.waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a draft is saved by itself and reopens', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
  await openCompose(page);
  const dialog = page.getByRole('dialog', { name: NEW_MESSAGE });
  await dialog.getByLabel(ui('compose.fieldTo'), { exact: true }).fill('carol@example.test,');
  await dialog.getByLabel(ui('compose.subject')).fill('Autosaved thoughts');
  await dialog.getByLabel(ui('compose.body')).fill('Half a sentence');
  await dialog.getByText(uiWithAny('compose.savedAt', {}, ['time'])).waitFor({ timeout: UI_TIMEOUT_MS });
  const drafts = await env.client.call('listDrafts', { accountId });
  assert.ok(drafts.ok);
  const saved = drafts.value.drafts.find((item) => item.subject === 'Autosaved thoughts');
  assert.ok(saved !== undefined, 'the draft is in Drafts');
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: ui('compose.keepAsDraft') }).click();
  await dialog.waitFor({ state: 'detached' });
  const after = await env.client.call('listDrafts', { accountId });
  assert.ok(after.ok);
  assert.equal(after.value.drafts.filter((item) => item.subject === 'Autosaved thoughts').length, 1, 'one version, the earlier one replaced');

  await page
    .getByRole('tree', { name: ui('folder.pane') })
    .getByRole('treeitem', { name: ui('folder.special.drafts'), exact: true })
    .first()
    .click();
  await page
    .getByRole('grid', { name: ui('mail.messages') })
    .getByRole('row', { name: /Autosaved thoughts/ })
    .dblclick();
  const reopened = page.getByRole('dialog', { name: uiStart('compose.title.draft') });
  await reopened.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await reopened.getByLabel(ui('compose.subject')).inputValue(), 'Autosaved thoughts');
  assert.match(await reopened.getByLabel(ui('compose.body')).inputValue(), /Half a sentence/);
  await reopened
    .getByRole('list', { name: ui('compose.fieldRecipients', { field: 'to' }) })
    .getByText('carol@example.test')
    .waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('an attachment over the server’s size limit is warned about before Send', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
  await openCompose(page);
  const dialog = page.getByRole('dialog', { name: NEW_MESSAGE });
  await dialog.getByLabel(ui('compose.fieldTo'), { exact: true }).fill('bob@example.test,');
  await dialog
    .locator('input[type=file]')
    .setInputFiles({ name: 'huge.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(SIZE_LIMIT + 100_000, 7) });
  const warning = dialog.getByRole('alert').filter({ hasText: uiWithAny('compose.sizeWarning', { limit: uiSize(SIZE_LIMIT) }, ['size']) });
  await warning.waitFor({ timeout: UI_TIMEOUT_MS });
  await dialog.getByRole('button', { name: ui('compose.send'), exact: true }).click();
  await dialog
    .getByRole('alert')
    .filter({ hasText: ui('compose.tooLarge', { limit: uiSize(SIZE_LIMIT) }) })
    .first()
    .waitFor();
  assert.equal(await page.getByRole('dialog').count(), 1, 'compose stays open');
  await dialog.getByRole('button', { name: ui('compose.discard'), exact: true }).click();
  await dialog.getByRole('button', { name: ui('compose.discardMessage') }).click();
  assert.deepEqual(problems, []);
  await page.close();
});
