/**
 * Replies and forwards in Chromium against a real Postfix delivering into a real Dovecot: Carol's
 * message (Cc to Dave, with an attachment) is received, and Reply, Reply all and Forward open compose
 * prefilled; what arrives threads onto the original (In-Reply-To, References), carries one "Re:" or
 * "Fwd:", the typed line and the quote, goes to the right people (Reply-To honoured, never Alice
 * herself) and, forwarded, the original's attachment byte for byte.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Locator, Page } from 'playwright-core';
import { formatQuoteDate } from '../../shared/quote-date';
import { TEST_DOMAIN } from '../servers/postfix';
import { deliveredNames, freshDeliveries, openAnsweringWindow } from './support/answering';
import { DEFAULT_BROWSER_LOCALE } from './support/browser';
import { uiStart } from './support/compose-window';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { ui } from './support/words';

const UI_TIMEOUT_MS = 20_000;
const ATTACHMENT = Buffer.from(randomBytes(12_000));
const KICKOFF_ID = `<kickoff-${Date.now()}@${TEST_DOMAIN}>`;
const BUDGET_ID = `<budget-${Date.now()}@${TEST_DOMAIN}>`;
const BUDGET_PARENT_ID = `<budget-parent-${Date.now()}@${TEST_DOMAIN}>`;
/** When Carol wrote the kickoff message: 09:00 GMT, 18:00 in the window's time zone. */
const KICKOFF_DATE = Date.UTC(2024, 5, 3, 9, 0);
/** The window's time zone (not GMT, not the machine's): quoted dates are written in it. */
const WINDOW_TIME_ZONE = 'Asia/Tokyo';
/** The dialog's name of a reply: its title before the subject. */
const REPLY = uiStart('compose.heading', { title: ui('compose.title.reply'), subject: '' });

let env: MailEnvironment;
let page: Page;
let problems: string[];

/** Carol's message to Alice, Cc Dave, with a binary attachment and no Reply-To. */
function kickoffMessage(): string {
  const boundary = 'kickoff-boundary';
  return [
    `From: Carol Example <carol@${TEST_DOMAIN}>`,
    `To: Alice Example <alice@${TEST_DOMAIN}>`,
    `Cc: Dave Example <dave@${TEST_DOMAIN}>`,
    'Subject: Project kickoff',
    `Date: ${new Date(KICKOFF_DATE).toUTCString()}`,
    `Message-ID: ${KICKOFF_ID}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hi Alice,',
    '',
    'the kickoff agenda is attached.',
    `--${boundary}`,
    'Content-Type: application/octet-stream',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="agenda.bin"',
    '',
    ATTACHMENT.toString('base64').replace(/.{76}/g, '$&\r\n'),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** A message already answering another ("Re:"), whose replies are asked to go elsewhere. */
function budgetMessage(): string {
  return [
    `From: Carol Example <carol@${TEST_DOMAIN}>`,
    `To: Alice Example <alice@${TEST_DOMAIN}>`,
    `Reply-To: Bob the Treasurer <bob@${TEST_DOMAIN}>`,
    'Subject: Re: Budget',
    `Date: ${new Date(Date.UTC(2024, 5, 3, 10, 0)).toUTCString()}`,
    `Message-ID: ${BUDGET_ID}`,
    `In-Reply-To: ${BUDGET_PARENT_ID}`,
    `References: ${BUDGET_PARENT_ID}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The budget is approved.',
    '',
  ].join('\r\n');
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((item) => item.value.map((entry) => entry.address ?? ''));
}

/**
 * Waits until `copies` messages arrived that were not there before (one per recipient), and returns
 * the first parsed: every @example.test mailbox is delivered into the one maildir.
 */
async function sentMessage(before: Set<string>, copies: number): Promise<ParsedMail> {
  const [first] = await freshDeliveries(env, before, copies);
  assert.ok(first !== undefined);
  // Let a late extra copy show up, so a recipient too many is caught.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const all = (await env.postfix.listDelivered()).filter((entry) => !before.has(entry.baseName));
  assert.equal(all.length, copies, 'one copy per intended recipient, no more');
  return simpleParser(await readFile(first));
}

async function openAnswer(subject: string, command: 'toolbar.reply' | 'toolbar.replyAll' | 'toolbar.forward', dialogName: RegExp): Promise<Locator> {
  await page
    .getByRole('grid', { name: ui('mail.messages') })
    .getByRole('row', { name: new RegExp(subject) })
    .click();
  await page
    .getByRole('region', { name: ui('reader.label') })
    .getByRole('heading', { name: subject })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui(command), exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
  return dialog;
}

/** Types a line at the very start of the body, above the quote. */
async function typeAtStart(dialog: Locator, line: string): Promise<void> {
  const body = dialog.getByLabel(ui('compose.body'));
  await body.focus();
  await body.press('Control+Home');
  await page.keyboard.type(line);
}

async function send(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: ui('compose.send'), exact: true }).click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
}

/** The kickoff's date as the window's locale and time zone write it (the product's own formatter). */
function quotedDate(): string {
  return formatQuoteDate(KICKOFF_DATE, { locale: DEFAULT_BROWSER_LOCALE, timeZone: WINDOW_TIME_ZONE });
}

async function screenshots(name: string): Promise<void> {
  for (const size of WINDOW_SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await env.screenshot(page, `${name}-${size.name}`);
  }
  await page.setViewportSize({ width: WINDOW_SIZES[1].width, height: WINDOW_SIZES[1].height });
}

before(async () => {
  env = await startMailEnvironment();
  const envelope = { from: `carol@${TEST_DOMAIN}`, to: [`alice@${TEST_DOMAIN}`] };
  await env.deliver(kickoffMessage(), envelope);
  await env.deliver(budgetMessage(), envelope);
  ({ page, problems } = await openAnsweringWindow(env, WINDOW_SIZES[1], 2));
  const devtools = await page.context().newCDPSession(page);
  await devtools.send('Emulation.setTimezoneOverride', { timezoneId: WINDOW_TIME_ZONE });
  await page
    .getByRole('grid', { name: ui('mail.messages') })
    .getByRole('row', { name: /Project kickoff/ })
    .waitFor({ timeout: UI_TIMEOUT_MS });
});

after(async () => {
  await env?.stop();
});

test('Reply goes to the sender, threads onto the original and quotes it', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const dialog = await openAnswer('Project kickoff', 'toolbar.reply', REPLY);
  assert.equal(await dialog.getByLabel(ui('compose.subject')).inputValue(), 'Re: Project kickoff');
  await dialog
    .getByRole('list', { name: ui('compose.fieldRecipients', { field: 'to' }) })
    .getByText('carol@example.test')
    .waitFor();
  const body = dialog.getByLabel(ui('compose.body'));
  assert.match(await body.inputValue(), /^> the kickoff agenda is attached\.$/m, 'the original is quoted');
  // The attribution in the window's language, its date in the window's locale and time zone.
  const attribution = ui('answer.attribution', { date: quotedDate(), sender: `Carol Example <carol@${TEST_DOMAIN}>` });
  assert.ok((await body.inputValue()).includes(`\n${attribution}\n> Hi Alice,`), await body.inputValue());
  await typeAtStart(dialog, 'Count me in.');
  await screenshots('reply-compose');
  const before = await deliveredNames(env);
  await send(dialog);

  const sent = await sentMessage(before, 1);
  assert.equal(sent.subject, 'Re: Project kickoff');
  assert.deepEqual(addresses(sent.from), [`alice@${TEST_DOMAIN}`]);
  assert.deepEqual(addresses(sent.to), [`carol@${TEST_DOMAIN}`]);
  assert.deepEqual(addresses(sent.cc), []);
  assert.equal(sent.inReplyTo, KICKOFF_ID);
  const references = Array.isArray(sent.references) ? sent.references : [sent.references ?? ''];
  assert.ok(references.includes(KICKOFF_ID), `References ${references.join(' ')} lacks the original`);
  assert.match(sent.text ?? '', /^Count me in\./);
  assert.match(sent.text ?? '', /^> the kickoff agenda is attached\.$/m);
  assert.ok((sent.text ?? '').includes(attribution), 'the attribution goes out as written');
  assert.equal(sent.attachments.length, 0, 'a reply does not carry the original’s attachment');
  assert.deepEqual(problems, []);
});

test('Reply all adds the other recipients but never Alice herself', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const dialog = await openAnswer('Project kickoff', 'toolbar.replyAll', uiStart('compose.title.replyAll'));
  await dialog
    .getByRole('list', { name: ui('compose.fieldRecipients', { field: 'to' }) })
    .getByText('carol@example.test')
    .waitFor();
  await dialog
    .getByRole('list', { name: ui('compose.fieldRecipients', { field: 'cc' }) })
    .getByText('dave@example.test')
    .waitFor();
  assert.equal(await dialog.getByText('alice@example.test', { exact: true }).count(), 0, 'Alice is not among the recipients');
  await typeAtStart(dialog, 'Thanks, both of you.');
  const before = await deliveredNames(env);
  await send(dialog);

  const sent = await sentMessage(before, 2);
  assert.equal(sent.subject, 'Re: Project kickoff');
  assert.deepEqual(addresses(sent.to), [`carol@${TEST_DOMAIN}`]);
  assert.deepEqual(addresses(sent.cc), [`dave@${TEST_DOMAIN}`]);
  assert.equal(sent.inReplyTo, KICKOFF_ID);
  assert.match(sent.text ?? '', /^Thanks, both of you\./);
  assert.deepEqual(problems, []);
});

test('Forward carries the original’s attachment byte for byte', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const dialog = await openAnswer('Project kickoff', 'toolbar.forward', uiStart('compose.title.forward'));
  assert.equal(await dialog.getByLabel(ui('compose.subject')).inputValue(), 'Fwd: Project kickoff');
  await dialog
    .getByRole('list', { name: ui('attachments.label') })
    .getByText('agenda.bin')
    .waitFor();
  await dialog.getByLabel(ui('compose.fieldTo'), { exact: true }).fill(`Bob Example <bob@${TEST_DOMAIN}>,`);
  await dialog
    .getByRole('list', { name: ui('compose.fieldRecipients', { field: 'to' }) })
    .getByText('bob@example.test')
    .waitFor();
  await typeAtStart(dialog, 'See below, Bob.');
  await screenshots('forward-compose');
  const before = await deliveredNames(env);
  await send(dialog);

  const sent = await sentMessage(before, 1);
  assert.equal(sent.subject, 'Fwd: Project kickoff');
  assert.deepEqual(addresses(sent.from), [`alice@${TEST_DOMAIN}`]);
  assert.deepEqual(addresses(sent.to), [`bob@${TEST_DOMAIN}`]);
  assert.match(sent.text ?? '', /^See below, Bob\./);
  assert.ok((sent.text ?? '').includes(ui('answer.forwarded')), sent.text);
  assert.ok((sent.text ?? '').includes(ui('answer.forwardDate', { value: quotedDate() })), 'the forwarded date in the window’s locale and zone');
  assert.match(sent.text ?? '', /the kickoff agenda is attached\./);
  const [attachment] = sent.attachments;
  assert.equal(attachment?.filename, 'agenda.bin');
  assert.ok(attachment?.content.equals(ATTACHMENT), 'the forwarded attachment is byte-equal to the original’s');
  assert.deepEqual(problems, []);
});

test('replying to a "Re:" message adds no second "Re:" and honours Reply-To', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const dialog = await openAnswer('Re: Budget', 'toolbar.reply', REPLY);
  assert.equal(await dialog.getByLabel(ui('compose.subject')).inputValue(), 'Re: Budget');
  await dialog
    .getByRole('list', { name: ui('compose.fieldRecipients', { field: 'to' }) })
    .getByText('bob@example.test')
    .waitFor();
  await dialog.getByText(ui('compose.replyToNote', { addresses: `bob@${TEST_DOMAIN}` })).waitFor();
  await typeAtStart(dialog, 'Great news.');
  const before = await deliveredNames(env);
  await send(dialog);

  const sent = await sentMessage(before, 1);
  assert.equal(sent.subject, 'Re: Budget');
  assert.deepEqual(addresses(sent.to), [`bob@${TEST_DOMAIN}`]);
  assert.equal(sent.inReplyTo, BUDGET_ID);
  const references = Array.isArray(sent.references) ? sent.references : [sent.references ?? ''];
  assert.deepEqual(references, [BUDGET_PARENT_ID, BUDGET_ID]);
  assert.match(sent.text ?? '', /^> The budget is approved\.$/m);
  assert.deepEqual(problems, []);
});
