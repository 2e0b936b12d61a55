/**
 * The mail window in the pseudo-locale and in Arabic, with mail delivered by a real Postfix into a real
 * Dovecot and fetched with Send/Receive. In the pseudo-locale every word of the window is accented and
 * bracketed: a text node without the marks is a string that bypassed the catalogs, and a cut bracket is
 * clipped text, at the small window size. In Arabic the window mirrors: the folder pane on the right.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPolicy } from '../../shared/accounts';
import { catalogOf } from '../../shared/i18n/catalogs';
import type { MessageId } from '../../shared/i18n/messages-en';
import { pseudoLocalize } from '../../shared/i18n/pseudo-locale';
import { plainMessage } from './reader-fixtures';
import { assertAccessible } from './support/accessibility';
import { waitFor } from './support/answering';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { clippedText, unmarkedText } from './support/visible-text';

const ALICE = 'alice@example.test';
const UI_TIMEOUT_MS = 20_000;
const SMALL = WINDOW_SIZES[0];
const SUBJECT = 'Quarterly figures and the long way round to the meeting room';

let env: MailEnvironment;

/** A message to Alice, copied to Bob and Carol. */
function message(subject: string, from: string, body: string): Buffer {
  return plainMessage({
    from,
    to: `Alice Example <${ALICE}>`,
    headers: ['Cc: Bob <bob@example.test>, Carol <carol@example.test>'],
    subject,
    date: '3 Mar 2026 10:00:00 +0000',
    body,
  });
}

before(async () => {
  env = await startMailEnvironment();
  const accountId = await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
  await env.deliver(message(SUBJECT, 'Dora Example <dora@example.test>', Array.from({ length: 60 }, (_, i) => `Line ${i + 1}.`).join('\n')), {
    from: 'dora@example.test',
    to: [ALICE],
  });
  await env.deliver(message('مرحبا بالعالم', '\u202Bأحمد علي\u202C <ahmad@example.test>', 'نص الرسالة'), { from: 'ahmad@example.test', to: [ALICE] });
  const started = await env.client.call('startSendReceive', { accountId });
  assert.ok(started.ok && started.value.started.includes(accountId), 'Send/Receive did not start');
  await waitFor(async () => {
    const list = await env.client.call('listMessages', { source: { kind: 'unified-inbox' }, limit: 50 });
    return list.ok && list.value.total >= 2 && list.value.messages.every((item) => item.indexed);
  }, 'both messages received and indexed');
});

after(async () => {
  await env?.stop();
});

async function setLanguage(language: 'ar' | 'de' | 'en-XA' | null): Promise<void> {
  const result = await env.client.call('updateSettings', { language });
  assert.equal(result.ok, true);
}

test(
  'in the pseudo-locale every visible word of the mail window and the reader comes from the catalogs, unclipped at 1024×640',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    await setLanguage('en-XA');
    const { page, problems } = await env.openPage(SMALL);
    await page.waitForFunction(() => document.documentElement.lang === 'en-XA');
    await page.getByRole('tree').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator('.grid-body [role="row"][aria-selected]').first().waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await unmarkedText(page), [], 'the mail list');
    await page.locator('.grid-body [role="row"][aria-selected]', { hasText: SUBJECT }).click();
    await page.getByRole('heading', { name: SUBJECT }).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await unmarkedText(page), [], 'the reader');
    assert.deepEqual(await clippedText(page), [], 'clipped text');
    await env.screenshot(page, 'window-pseudo-locale');
    assert.deepEqual(problems, []);
    await page.close();
    await setLanguage(null);
  },
);

test(
  'in the pseudo-locale the Settings page, its Language, Desktop and Remote content sections and Spelling come from the catalogs',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    await setLanguage('en-XA');
    const { page, problems } = await env.openPage(SMALL);
    await page.waitForFunction(() => document.documentElement.lang === 'en-XA');
    const pseudo = (id: MessageId) => pseudoLocalize(catalogOf('en')[id]);
    const toolbar = page.getByRole('toolbar', { name: pseudo('toolbar.label') });
    await toolbar.getByRole('button', { name: pseudo('toolbar.settings') }).click({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('tab').first().waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await unmarkedText(page, '.settings-tabs'), [], 'the section names');
    assert.deepEqual(await unmarkedText(page, '.settings-header'), [], 'the header');
    await page.getByRole('tab', { name: pseudo('settings.general') }).click();
    await page.locator('.settings-spelling').waitFor();
    assert.deepEqual(await unmarkedText(page, '.settings-spelling'), [], 'Spelling');
    for (const id of ['language.title', 'settings.desktop', 'settings.remoteContent'] as const) {
      await page.getByRole('tab', { name: pseudo(id) }).click();
      await page
        .getByRole('tabpanel')
        .getByRole('heading', { name: pseudo(id) })
        .waitFor();
      assert.deepEqual(await unmarkedText(page, '.settings-panel'), [], id);
    }
    assert.deepEqual(await clippedText(page), [], 'clipped text');
    assert.deepEqual(problems, []);
    await page.close();
    await setLanguage(null);
  },
);

test('in Arabic the window mirrors (the folder pane on the right), reads right to left and passes axe', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  await setLanguage('ar');
  const { page, problems } = await env.openPage(SMALL);
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  const folders = page.getByRole('navigation', { name: 'المجلدات' });
  await folders.waitFor({ timeout: UI_TIMEOUT_MS });
  await page.locator('.grid-body [role="row"][aria-selected]').first().waitFor({ timeout: UI_TIMEOUT_MS });
  const folderBox = await folders.boundingBox();
  const listBox = await page.getByRole('grid', { name: 'الرسائل' }).boundingBox();
  assert.ok(folderBox !== null && listBox !== null);
  assert.ok(folderBox.x > listBox.x, `the folder pane (x=${folderBox.x}) is right of the list (x=${listBox.x})`);
  assert.ok(folderBox.x + folderBox.width > SMALL.width - 40, 'the folder pane sits at the right edge');
  await page.getByRole('button', { name: 'إرسال/استلام' }).first().waitFor();
  await page.locator('.grid-body [role="row"][aria-selected]', { hasText: 'مرحبا بالعالم' }).click();
  await page.getByRole('region', { name: 'القارئ' }).getByRole('heading', { name: 'مرحبا بالعالم' }).waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.mail-toolbar') ?? document.body).direction), 'rtl');
  await assertAccessible(page, 'the mail window in Arabic');
  await env.screenshot(page, 'window-arabic');
  assert.deepEqual(problems, []);
  await page.close();
  await setLanguage(null);
});

test(
  'in German the window, its dates and sizes are German, and switching back to the system language needs no reload',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    // The system speaks English here, whatever the other tests' language, so the switch is from English to German and back.
    const { page, problems } = await env.openPage(SMALL, 'light', 'en-US');
    await page.getByRole('toolbar', { name: 'Mail commands' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await setLanguage('de');
    const toolbar = page.getByRole('toolbar', { name: 'E-Mail-Befehle' });
    await toolbar.getByRole('button', { name: 'Senden/Empfangen', exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('heading', { name: 'Posteingang (alle Konten)' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /2 Nachrichten, \d+ ungelesen\./ })
      .first()
      .waitFor({ timeout: UI_TIMEOUT_MS });
    const sizes = await page.locator('.grid-body .col-size').allTextContents();
    assert.ok(sizes.length >= 2 && sizes.every((size) => /^\d+(,\d)? (B|KB)$/.test(size)), sizes.join(' | '));
    await page.locator('.grid-body [role="row"][aria-selected]', { hasText: SUBJECT }).click();
    const reader = page.getByRole('region', { name: 'Lesebereich' });
    await reader.getByRole('heading', { name: SUBJECT }).waitFor({ timeout: UI_TIMEOUT_MS });
    // The full date in German: "Dienstag, 3. März 2026 um …".
    assert.match((await reader.locator('time').first().textContent()) ?? '', /März 2026/);
    await env.screenshot(page, 'window-german');
    await setLanguage(null);
    await page.getByRole('toolbar', { name: 'Mail commands' }).getByRole('button', { name: 'Send/Receive', exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(problems, []);
    await page.close();
  },
);
