/**
 * Signatures per identity in Chromium against a real Postfix: changing From replaces only the
 * signature block, in plain text and in rich text, and keeps everything typed; a rich signature with
 * an image goes out with the image as an inline part. The account's own address has a signature too.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Locator, Page } from 'playwright-core';
import { TEST_DOMAIN } from '../servers/postfix';
import { deliveredNames, freshDeliveries } from './support/answering';
import { uiStart } from './support/compose-window';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { ui } from './support/words';

const UI_TIMEOUT_MS = 20_000;
/** The logo of the work signature: a 2×1 PNG. */
const LOGO_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGP4z8DAwPAfAAcAAf9+CLHQAAAAAElFTkSuQmCC';
const HOME = `Alice Example <alice@${TEST_DOMAIN}>`;
const WORK = `Alice at Work <alice.work@${TEST_DOMAIN}>`;

let env: MailEnvironment;
let page: Page;
let problems: string[];

before(async () => {
  env = await startMailEnvironment();
  await env.addAccount('alice', {
    identities: [
      { name: 'Alice Example', address: `alice@${TEST_DOMAIN}`, signature: 'Alice at home\nשלום, bye' },
      {
        name: 'Alice at Work',
        address: `alice.work@${TEST_DOMAIN}`,
        signature: '',
        signatureHtml: `<p><b>Alice</b>, Example Org</p><p><img src="data:image/png;base64,${LOGO_PNG}" alt="logo"></p>`,
      },
    ],
  });
  const settings = await env.client.call('updateSettings', { undoSendSeconds: 0 });
  assert.ok(settings.ok);
  ({ page, problems } = await env.openPage(WINDOW_SIZES[1]));
});

after(async () => {
  await env?.stop();
});

/** Chooses the From identity whose option starts with `label`. */
async function chooseFrom(dialog: Locator, label: string): Promise<void> {
  const select = dialog.getByLabel(ui('compose.from'), { exact: true });
  const options = await select.locator('option').allTextContents();
  // Names and accounts are isolated from the words around them (U+2068…U+2069), as a right-to-left window needs.
  const wanted = options.find((option) => option.replace(/[\u2068\u2069]/g, '').startsWith(label));
  assert.ok(wanted !== undefined, `no From choice ${label} among ${options.join(' | ')}`);
  await select.selectOption({ label: wanted });
}

test('changing From swaps the signature in plain and rich text and keeps what was typed', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.new'), exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: uiStart('compose.title.new') });
  await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
  const plain = dialog.getByLabel(ui('compose.body'));
  assert.equal(await plain.inputValue(), '\n\n-- \nAlice at home\nשלום, bye\n', 'the home signature of a new message');

  await plain.focus();
  await plain.press('Control+Home');
  await page.keyboard.type('Dear Bob,');
  await chooseFrom(dialog, WORK);
  assert.equal(await plain.inputValue(), 'Dear Bob,\n\n-- \nAlice, Example Org\n', 'the work signature as text, the greeting kept');

  await dialog.getByRole('button', { name: ui('compose.richText') }).click();
  const rich = dialog.getByRole('textbox', { name: ui('compose.body') });
  await rich.locator('img[alt="logo"]').waitFor({ timeout: UI_TIMEOUT_MS });
  assert.match(await rich.innerText(), /^Dear Bob,\s+--\s+Alice, Example Org/);
  await rich.focus();
  await rich.press('Control+Home');
  await page.keyboard.type('Hello again. ');

  await chooseFrom(dialog, HOME);
  await rich.getByText('Alice at home').waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await rich.locator('img').count(), 0, 'the work logo left with the work signature');
  const homeText = await rich.innerText();
  assert.match(homeText, /^Hello again\. Dear Bob,/, 'typed text kept');
  assert.doesNotMatch(homeText, /Example Org/);
  assert.match(homeText, /שלום, bye/);

  await chooseFrom(dialog, WORK);
  await rich.locator('img[alt="logo"]').waitFor({ timeout: UI_TIMEOUT_MS });
  assert.match(await rich.innerText(), /^Hello again\. Dear Bob,/);
  assert.doesNotMatch(await rich.innerText(), /Alice at home/);
  await env.screenshot(page, 'compose-signature-work');

  await dialog.getByLabel(ui('compose.fieldTo'), { exact: true }).fill(`Bob Example <bob@${TEST_DOMAIN}>,`);
  await dialog.getByLabel(ui('compose.subject')).fill('From work');
  const before = await deliveredNames(env);
  await dialog.getByRole('button', { name: ui('compose.send'), exact: true }).click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  const [path] = await freshDeliveries(env, before, 1);
  assert.ok(path !== undefined);
  const sent = await simpleParser(await readFile(path), { keepCidLinks: true });
  assert.equal(sent.from?.value[0]?.address, `alice.work@${TEST_DOMAIN}`);
  assert.match(sent.text ?? '', /^Hello again\. Dear Bob,/);
  assert.match(sent.text ?? '', /Alice, Example Org/);
  assert.doesNotMatch(sent.text ?? '', /Alice at home/);
  const [logo] = sent.attachments;
  assert.equal(sent.attachments.length, 1);
  assert.equal(logo?.content.toString('base64'), LOGO_PNG, 'the signature’s image went as an inline part');
  assert.ok(String(sent.html).includes(`cid:${logo?.cid ?? '?'}`));
  assert.deepEqual(problems, []);
});

test('a rich signature with a pasted image is edited in the account settings and used by the next message', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.settings') })
    .click();
  await page.getByRole('heading', { name: ui('toolbar.settings') }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('tab', { name: ui('settings.accounts') }).click();
  await page.getByRole('button', { name: ui('settings.editNamed', { name: 'Alice' }) }).click();
  await page.getByRole('heading', { name: ui('setup.editTitle') }).waitFor({ timeout: UI_TIMEOUT_MS });
  const editor = page.getByRole('textbox', { name: ui('setup.identityRichSignature', { number: 1 }) });
  await editor.click();
  await page.keyboard.type('Alice ');
  await page
    .getByRole('toolbar', { name: ui('compose.formattingOf', { label: ui('setup.identityRichSignature', { number: 1 }) }) })
    .getByRole('button', { name: ui('compose.bold') })
    .click();
  await page.keyboard.type('in bold');
  await editor.evaluate((element, base64) => {
    const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'logo.png', { type: 'image/png' }));
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, LOGO_PNG);
  await editor.locator('img').waitFor({ timeout: UI_TIMEOUT_MS });
  await env.screenshot(page, 'settings-rich-signature');
  await page.getByRole('button', { name: ui('setup.save') }).click();
  await page.getByRole('heading', { name: ui('setup.editTitle') }).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });

  const accounts = await env.client.call('listAccounts', undefined);
  assert.ok(accounts.ok);
  const saved = accounts.value[0]?.settings?.identities[0]?.signatureHtml ?? '';
  assert.match(saved, /Alice <b>in bold<\/b>/);
  assert.ok(saved.includes(`src="data:image/png;base64,${LOGO_PNG}"`), saved);

  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.new'), exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: uiStart('compose.title.new') });
  await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
  const rich = dialog.getByRole('textbox', { name: ui('compose.body') });
  await rich.locator('b', { hasText: 'in bold' }).waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await rich.locator('img').count(), 1, 'the message opens in rich text with the signature’s image');
  assert.deepEqual(problems, []);
});
