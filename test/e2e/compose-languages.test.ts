/**
 * The compose window and the Outbox in the pseudo-locale, in Arabic and in a language other than the
 * system's, with mail delivered by a real Postfix into a real Dovecot. In the pseudo-locale every word
 * of compose (its questions, the formatting bar, the undo toast) and of the Outbox comes from the
 * catalogs and nothing is cut off at 1024×640; in Arabic the window mirrors while the subject and the
 * body take the direction of what is typed, and it passes axe; a reply written in French while the
 * system speaks another language quotes its original with a French attribution and date, in the
 * window's time zone.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import { createTranslator, type MessageValues } from '../../shared/i18n/catalogs';
import type { MessageId } from '../../shared/i18n/messages-en';
import { formatQuoteDate } from '../../shared/quote-date';
import { REJECTED_RECIPIENT, TEST_DOMAIN } from '../servers/postfix';
import { plainMessage } from './reader-fixtures';
import { assertAccessible } from './support/accessibility';
import { waitFor } from './support/answering';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { clippedText, unmarkedText } from './support/visible-text';

const UI_TIMEOUT_MS = 20_000;
const SMALL = WINDOW_SIZES[0];
const ALICE = `alice@${TEST_DOMAIN}`;
/** When Dora wrote: 09:00 GMT, 05:00 in New York (summer time). */
const SENT_AT = Date.UTC(2026, 5, 3, 9, 0);
const SUBJECT = 'Quarterly figures and the long way round to the meeting room';
/**
 * What compose shows that is not its own words: what the user wrote (the body, and the addresses typed
 * into the To, Cc and Bcc fields).
 */
const NOT_COMPOSE_WORDS = '.body-editor, .address-field';

const PSEUDO = createTranslator('en-XA');
const ARABIC = createTranslator('ar');

/** A message in the pseudo-locale. */
function pseudo(id: MessageId, values?: MessageValues): string {
  return PSEUDO.t(id, values);
}

let env: MailEnvironment;

before(async () => {
  env = await startMailEnvironment();
  const accountId = await env.addAccount('alice', { policy: { ...defaultPolicy(true), checkAtStartup: false } });
  const figures = Array.from({ length: 40 }, (_, index) => `Line ${index + 1} of the figures.`).join('\r\n');
  const message = plainMessage({
    from: 'Dora Example <dora@example.test>',
    to: `Alice Example <${ALICE}>`,
    subject: SUBJECT,
    date: new Date(SENT_AT).toUTCString(),
    body: figures,
  });
  await env.deliver(message, { from: 'dora@example.test', to: [ALICE] });
  const started = await env.client.call('startSendReceive', { accountId });
  assert.ok(started.ok && started.value.started.includes(accountId), 'Send/Receive did not start');
  await waitFor(async () => {
    const list = await env.client.call('listMessages', { source: { kind: 'unified-inbox' }, limit: 50 });
    return list.ok && list.value.total === 1 && list.value.messages.every((item) => item.indexed);
  }, 'the message received and indexed');
});

after(async () => {
  await env?.stop();
});

async function setLanguage(language: 'ar' | 'fr' | 'en-XA' | null): Promise<void> {
  const result = await env.client.call('updateSettings', { language });
  assert.equal(result.ok, true);
}

async function setUndoDelay(seconds: number): Promise<void> {
  assert.equal((await env.client.call('updateSettings', { undoSendSeconds: seconds })).ok, true);
}

/** Opens compose from the toolbar, whose words are in `words`' language. */
async function openCompose(page: Page, words: (id: MessageId, values?: MessageValues) => string): Promise<Locator> {
  await page
    .getByRole('toolbar', { name: words('toolbar.label') })
    .getByRole('button', { name: words('toolbar.new'), exact: true })
    .click({ timeout: UI_TIMEOUT_MS });
  const dialog = page.getByRole('dialog', { name: words('compose.title.new') });
  await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
  return dialog;
}

test(
  'in the pseudo-locale every visible word of compose and the Outbox comes from the catalogs, unclipped at 1024×640',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    await setLanguage('en-XA');
    await setUndoDelay(30);
    const { page, problems } = await env.openPage(SMALL);
    await page.waitForFunction(() => document.documentElement.lang === 'en-XA');
    const dialog = await openCompose(page, pseudo);
    await dialog.getByLabel(pseudo('compose.fieldTo'), { exact: true }).fill(`Bob Example <bob@${TEST_DOMAIN}>, ${REJECTED_RECIPIENT},`);
    await dialog.getByRole('button', { name: pseudo('compose.addCc'), exact: true }).click();
    await dialog.getByRole('button', { name: pseudo('compose.addBcc'), exact: true }).click();
    await dialog.getByLabel(pseudo('compose.subject')).fill('Figures');
    await dialog.getByLabel(pseudo('compose.body')).fill('The figures are attached.');
    await dialog.locator('input[type=file]').setInputFiles({ name: 'figures.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
    await dialog
      .getByRole('list', { name: pseudo('attachments.label') })
      .getByText('figures.csv')
      .waitFor();
    // The note that the draft was saved by itself.
    await dialog.locator('.compose-saved').waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await unmarkedText(page, '.compose', NOT_COMPOSE_WORDS), [], 'compose in plain text');
    await dialog.getByRole('button', { name: pseudo('compose.richText') }).click();
    const toolbar = dialog.getByRole('toolbar', { name: pseudo('compose.formatting') });
    await toolbar.getByRole('button', { name: pseudo('compose.link') }).click();
    await dialog.getByRole('button', { name: pseudo('compose.addLink') }).waitFor();
    assert.deepEqual(await unmarkedText(page, '.compose', NOT_COMPOSE_WORDS), [], 'compose in rich text, with the link row');
    assert.deepEqual(await clippedText(page), [], 'clipped text in compose');
    await env.screenshot(page, 'compose-pseudo-locale');
    await dialog.getByRole('button', { name: pseudo('compose.cancelLink') }).click();

    // The question before discarding.
    await dialog.getByRole('button', { name: pseudo('compose.discard'), exact: true }).click();
    const question = dialog.getByRole('alertdialog');
    await question.getByText(pseudo('compose.askDiscard')).waitFor();
    assert.deepEqual(await unmarkedText(page, '.compose-question'), [], 'the question');
    await question.getByRole('button', { name: pseudo('compose.keepWriting') }).click();

    // Sent with the undo delay: the toast speaks the catalogs' words, and Undo takes it back.
    await dialog.getByRole('button', { name: pseudo('compose.send'), exact: true }).click();
    const toast = page.getByRole('status').filter({ has: page.getByRole('button', { name: pseudo('undo.undo') }) });
    await toast.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await unmarkedText(page, '.undo-toast'), [], 'the undo toast');
    await env.screenshot(page, 'compose-undo-pseudo-locale');
    await setUndoDelay(0);
    await toast.getByRole('button', { name: pseudo('undo.undo') }).click();
    const reopened = page.getByRole('dialog', { name: pseudo('compose.title.new') });
    await reopened.waitFor({ timeout: UI_TIMEOUT_MS });
    await reopened.getByRole('button', { name: pseudo('compose.send'), exact: true }).click();
    await reopened.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });

    // The Outbox: the message the server refused for one recipient, its state and buttons.
    await page
      .getByRole('tree', { name: pseudo('folder.pane') })
      .getByRole('treeitem', { name: pseudo('folder.special.outbox'), exact: true })
      .first()
      .click();
    const outbox = page.getByRole('list', { name: pseudo('outbox.list') });
    const item = outbox.getByRole('listitem', { name: 'Figures' });
    await item.getByText(pseudo('outbox.partlySentRefused', { addresses: REJECTED_RECIPIENT })).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await unmarkedText(page, '.outbox-view'), [], 'the Outbox');
    assert.deepEqual(await clippedText(page), [], 'clipped text in the Outbox');
    await env.screenshot(page, 'outbox-pseudo-locale');
    assert.deepEqual(problems, []);
    await page.close();
    await setLanguage(null);
  },
);

test(
  'in Arabic compose and the Outbox mirror (labels and buttons from the right) while subject and body follow the typed direction, and pass axe',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    await setLanguage('ar');
    const { page, problems } = await env.openPage(SMALL);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    const dialog = await openCompose(page, ARABIC.t);
    await dialog.getByLabel(ARABIC.t('compose.fieldTo'), { exact: true }).fill(`Bob Example <bob@${TEST_DOMAIN}>, أحمد <ahmad@${TEST_DOMAIN}>,`);
    const subject = dialog.getByLabel(ARABIC.t('compose.subject'));
    await subject.fill('Quarterly figures');
    const body = dialog.getByLabel(ARABIC.t('compose.body'));
    await body.fill('مرحبا، الأرقام في المرفق.');

    // Labels sit right of their fields; Send (first in the row) is rightmost.
    const label = await dialog.locator('label[for="compose-subject"]').boundingBox();
    const field = await subject.boundingBox();
    assert.ok(label !== null && field !== null);
    assert.ok(label.x > field.x, `the Subject label (x=${label.x}) is right of its field (x=${field.x})`);
    const send = await dialog.getByRole('button', { name: ARABIC.t('compose.send'), exact: true }).boundingBox();
    const discard = await dialog.getByRole('button', { name: ARABIC.t('compose.discard'), exact: true }).boundingBox();
    assert.ok(send !== null && discard !== null);
    assert.ok(send.x > discard.x, `Send (x=${send.x}) is right of Discard (x=${discard.x})`);
    // The recipients' chips run from the right too: the first one typed is rightmost.
    const chips = dialog.getByRole('list', { name: ARABIC.t('compose.fieldRecipients', { field: 'to' }) }).getByRole('listitem');
    const first = await chips.nth(0).boundingBox();
    const second = await chips.nth(1).boundingBox();
    assert.ok(first !== null && second !== null);
    assert.ok(first.x > second.x, 'the chips run right to left');
    assert.equal(await dialog.evaluate((element) => getComputedStyle(element).direction), 'rtl');

    // What is typed keeps its own direction: a Latin subject reads left to right, the Arabic body right to left.
    assert.equal(await subject.getAttribute('dir'), 'auto');
    assert.equal(await subject.evaluate((element) => element.matches(':dir(ltr)')), true, 'the Latin subject is left to right');
    assert.equal(await body.evaluate((element) => element.matches(':dir(rtl)')), true, 'the Arabic body is right to left');
    await subject.fill('الأرقام الفصلية');
    assert.equal(await subject.evaluate((element) => element.matches(':dir(rtl)')), true, 'an Arabic subject is right to left');
    await body.fill('Hello Bob');
    assert.equal(await body.evaluate((element) => element.matches(':dir(ltr)')), true, 'a Latin body is left to right');

    // Rich text: the formatting bar is mirrored, the editor follows its text.
    await dialog.getByRole('button', { name: ARABIC.t('compose.richText') }).click();
    const bar = dialog.getByRole('toolbar', { name: ARABIC.t('compose.formatting') });
    const bold = await bar.getByRole('button', { name: ARABIC.t('compose.bold') }).boundingBox();
    const italic = await bar.getByRole('button', { name: ARABIC.t('compose.italic') }).boundingBox();
    assert.ok(bold !== null && italic !== null);
    assert.ok(bold.x > italic.x, 'Bold, the first of the bar, is rightmost');
    const editor = dialog.getByRole('textbox', { name: ARABIC.t('compose.body') });
    assert.equal(await editor.getAttribute('dir'), 'auto');
    assert.equal(await editor.evaluate((element) => element.matches(':dir(ltr)')), true, 'the Latin text written before stays left to right');
    await assertAccessible(page, 'compose in Arabic');
    await env.screenshot(page, 'compose-arabic');

    await dialog.getByRole('button', { name: ARABIC.t('compose.discard'), exact: true }).click();
    await dialog.getByRole('button', { name: ARABIC.t('compose.discardMessage') }).click();
    await dialog.waitFor({ state: 'detached' });

    // A message the server refused waits in the Outbox: its state in Arabic, its buttons from the right.
    await setUndoDelay(0);
    const refused = await openCompose(page, ARABIC.t);
    await refused.getByLabel(ARABIC.t('compose.fieldTo'), { exact: true }).fill(`${REJECTED_RECIPIENT},`);
    await refused.getByLabel(ARABIC.t('compose.subject')).fill('مرفوضة');
    await refused.getByRole('button', { name: ARABIC.t('compose.send'), exact: true }).click();
    await refused.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await page
      .getByRole('tree', { name: ARABIC.t('folder.pane') })
      .getByRole('treeitem', { name: ARABIC.t('folder.special.outbox'), exact: true })
      .first()
      .click();
    const item = page.getByRole('list', { name: ARABIC.t('outbox.list') }).getByRole('listitem', { name: 'مرفوضة' });
    await item
      .getByText(ARABIC.t('outbox.failedReason', { reason: ARABIC.t('outbox.notDeliveredTo', { addresses: REJECTED_RECIPIENT }) }))
      .waitFor({ timeout: UI_TIMEOUT_MS });
    const edit = await item.getByRole('button', { name: ARABIC.t('outbox.edit') }).boundingBox();
    const remove = await item.getByRole('button', { name: ARABIC.t('outbox.remove'), exact: true }).boundingBox();
    assert.ok(edit !== null && remove !== null);
    assert.ok(edit.x > remove.x, `Edit (x=${edit.x}), the first button, is right of Remove (x=${remove.x})`);
    // A recipient's line reads right to left: the address, isolated, comes first, at the right.
    const line = item.locator('.outbox-recipients li').first();
    const lineBox = await line.boundingBox();
    const addressBox = await line.locator('bdi').first().boundingBox();
    assert.ok(lineBox !== null && addressBox !== null);
    assert.ok(
      addressBox.x + addressBox.width > lineBox.x + lineBox.width - 4,
      `the address ends at the line's right edge (${JSON.stringify({ addressBox, lineBox })})`,
    );
    await assertAccessible(page, 'the Outbox in Arabic');
    await env.screenshot(page, 'outbox-arabic');
    assert.deepEqual(problems, []);
    await page.close();
    await setLanguage(null);
  },
);

test(
  'a reply and a forward written in French, whatever the system speaks, quote the original in French with a French date in the window’s time zone',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const french = createTranslator('fr');
    const zone = 'America/New_York';
    await setLanguage('fr');
    const { page, problems } = await env.openPage(SMALL);
    const devtools = await page.context().newCDPSession(page);
    await devtools.send('Emulation.setTimezoneOverride', { timezoneId: zone });
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page
      .getByRole('grid', { name: french.t('mail.messages') })
      .getByRole('row', { name: new RegExp(SUBJECT) })
      .click({ timeout: UI_TIMEOUT_MS });
    await page
      .getByRole('region', { name: french.t('reader.label') })
      .getByRole('heading', { name: SUBJECT })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    const date = formatQuoteDate(SENT_AT, { locale: 'fr', timeZone: zone });
    assert.match(date, /juin 2026.*05:00/, date);

    const commands = page.getByRole('toolbar', { name: french.t('toolbar.label') });
    await commands.getByRole('button', { name: french.t('toolbar.reply'), exact: true }).click();
    const reply = page.getByRole('dialog', { name: french.t('compose.heading', { title: french.t('compose.title.reply'), subject: `Re: ${SUBJECT}` }) });
    await reply.waitFor({ timeout: UI_TIMEOUT_MS });
    // The subject prefix is the standard's, in every language.
    assert.equal(await reply.getByLabel(french.t('compose.subject')).inputValue(), `Re: ${SUBJECT}`);
    const quoted = await reply.getByLabel(french.t('compose.body')).inputValue();
    assert.ok(quoted.includes(`\n${french.t('answer.attribution', { date, sender: 'Dora Example <dora@example.test>' })}\n> Line 1 of the figures.`), quoted);
    await env.screenshot(page, 'reply-french');
    await reply.getByRole('button', { name: french.t('compose.discard'), exact: true }).click();
    await reply.waitFor({ state: 'detached' });

    await commands.getByRole('button', { name: french.t('toolbar.forward'), exact: true }).click();
    const forward = page.getByRole('dialog', { name: new RegExp(`^${french.t('compose.title.forward')}`) });
    await forward.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await forward.getByLabel(french.t('compose.subject')).inputValue(), `Fwd: ${SUBJECT}`);
    const header = await forward.getByLabel(french.t('compose.body')).inputValue();
    for (const line of [
      french.t('answer.forwarded'),
      french.t('answer.forwardFrom', { value: 'Dora Example <dora@example.test>' }),
      french.t('answer.forwardDate', { value: date }),
      french.t('answer.forwardSubject', { value: SUBJECT }),
    ])
      assert.ok(header.includes(`${line}\n`), `${line} in\n${header}`);
    await forward.getByRole('button', { name: french.t('compose.discard'), exact: true }).click();
    await forward.waitFor({ state: 'detached' });
    assert.deepEqual(problems, []);
    await page.close();
    await setLanguage(null);
  },
);
