/**
 * Spelling in Chromium against a real Postfix: the editor underlines as the browser's spell checker
 * does unless spell checking is switched off; with "check spelling before sending" on, Send asks when
 * the app's spell checker (here the preload's part played by a stand-in the page is given) marks
 * words of what was typed, not of the quote, and sends only when told to; a browser without the app's
 * checker sends without asking.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Locator, Page } from 'playwright-core';
import { TEST_DOMAIN } from '../servers/postfix';
import { deliveredNames, freshDeliveries } from './support/answering';
import { watchForProblems } from './support/browser';
import { uiStart } from './support/compose-window';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { ui, uiPattern } from './support/words';

const UI_TIMEOUT_MS = 20_000;
/** The words the stand-in spell checker marks. */
const MISSPELLED = ['teh', 'recieve', 'definately'];

let env: MailEnvironment;

before(async () => {
  env = await startMailEnvironment();
  await env.addAccount('alice');
  const settings = await env.client.call('updateSettings', { undoSendSeconds: 0, checkSpellingBeforeSend: true });
  assert.ok(settings.ok);
});

after(async () => {
  await env?.stop();
});

/** A page whose window has the app's spell checker as the preload exposes it, marking {@link MISSPELLED}. */
async function pageWithSpellChecker(): Promise<{ page: Page; problems: string[] }> {
  const size = WINDOW_SIZES[1];
  const page = await env.browser.newPage({ viewport: { width: size.width, height: size.height } });
  const problems = watchForProblems(page);
  // A script's text, not a function: the page gets exactly this, before any of the app's code runs.
  await page.addInitScript({
    content: `Object.defineProperty(window, 'mailbagSpelling', { value: Object.freeze({ misspelled: (asked) => asked.filter((word) => ${JSON.stringify(MISSPELLED)}.includes(word.toLowerCase())) }) });`,
  });
  await page.goto(env.app.url);
  return { page, problems };
}

async function newMessage(page: Page, subject: string): Promise<Locator> {
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.new'), exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: uiStart('compose.title.new') });
  await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
  await dialog.getByLabel(ui('compose.fieldTo'), { exact: true }).fill(`Bob Example <bob@${TEST_DOMAIN}>,`);
  await dialog.getByLabel(ui('compose.subject')).fill(subject);
  return dialog;
}

test('Send asks about misspelled words and sends only when told to', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await pageWithSpellChecker();
  const dialog = await newMessage(page, 'Spelling');
  const body = dialog.getByLabel(ui('compose.body'));
  assert.equal(await body.getAttribute('spellcheck'), 'true');
  await body.fill('I will recieve teh plans.\n> Quoted lines like definately are not mine.\nTeh end, bob@example.test.');
  await dialog.getByRole('button', { name: ui('compose.send'), exact: true }).click();
  const question = dialog.getByRole('alertdialog');
  await question.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(
    await question.innerText().then((text) => text.includes(ui('compose.misspelled', { words: 'recieve, teh, Teh' }))),
    true,
    await question.innerText(),
  );
  await env.screenshot(page, 'compose-spelling-question');
  // Keep writing: nothing is sent, the message stays as it was.
  await question.getByRole('button', { name: ui('compose.keepWriting') }).click();
  await question.waitFor({ state: 'detached' });
  assert.match(await body.inputValue(), /recieve teh/);

  await body.fill('I will receive the plans.\nTeh end.');
  const before = await deliveredNames(env);
  await dialog.getByRole('button', { name: ui('compose.send'), exact: true }).click();
  await question.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.match(await question.innerText(), uiPattern('compose.misspelled', { words: 'Teh' }));
  await question.getByRole('button', { name: ui('compose.sendAnyway') }).click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  const [path] = await freshDeliveries(env, before, 1);
  assert.ok(path !== undefined);
  const sent = await simpleParser(await readFile(path));
  assert.match(sent.text ?? '', /^I will receive the plans\.\nTeh end\./);
  assert.deepEqual(problems, []);
});

test(
  'without misspelled words, or in a browser without the app’s checker, Send does not ask; switched off, nothing is underlined',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const withChecker = await pageWithSpellChecker();
    let dialog = await newMessage(withChecker.page, 'Clean');
    await dialog.getByLabel(ui('compose.body')).fill('Everything is spelled right here.');
    let before = await deliveredNames(env);
    await dialog.getByRole('button', { name: ui('compose.send'), exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await freshDeliveries(env, before, 1);

    const plain = await env.openPage(WINDOW_SIZES[1]);
    dialog = await newMessage(plain.page, 'Browser');
    await dialog.getByLabel(ui('compose.body')).fill('teh browser underlines this itself');
    before = await deliveredNames(env);
    await dialog.getByRole('button', { name: ui('compose.send'), exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await freshDeliveries(env, before, 1);

    const off = await env.client.call('updateSettings', { spellCheck: false });
    assert.ok(off.ok);
    await plain.page.reload();
    dialog = await newMessage(plain.page, 'Off');
    assert.equal(await dialog.getByLabel(ui('compose.body')).getAttribute('spellcheck'), 'false');
    await dialog.getByRole('button', { name: ui('compose.richText') }).click();
    assert.equal(await dialog.getByRole('textbox', { name: ui('compose.body') }).getAttribute('spellcheck'), 'false');
    assert.deepEqual([...withChecker.problems, ...plain.problems], []);
  },
);

test('the spelling settings are in Settings → General; languages are checked before they are saved', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await pageWithSpellChecker();
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.settings') })
    .click();
  await page.getByRole('heading', { name: ui('toolbar.settings') }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('tab', { name: ui('settings.general') }).click();
  const languages = page.getByLabel(ui('spelling.languages'));
  await languages.fill('en-US, Deutsch!');
  await languages.blur();
  await page.getByText(ui('spelling.invalid', { max: 8 })).waitFor({ timeout: UI_TIMEOUT_MS });
  await languages.fill('en-US, de-DE');
  await languages.blur();
  const deadline = Date.now() + UI_TIMEOUT_MS;
  let saved: readonly string[] = [];
  while (Date.now() < deadline) {
    const settings = await env.client.call('getSettings', undefined);
    saved = settings.ok ? settings.value.spellCheckLanguages : [];
    if (saved.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.deepEqual(saved, ['en-US', 'de-DE']);
  await page.getByLabel(ui('spelling.beforeSend')).uncheck();
  for (let settled = false; !settled; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const settings = await env.client.call('getSettings', undefined);
    settled = settings.ok && !settings.value.checkSpellingBeforeSend;
    assert.ok(Date.now() < deadline + UI_TIMEOUT_MS, 'the setting was not saved');
  }
  await env.screenshot(page, 'settings-spelling');
  assert.deepEqual(problems, []);
});
