/**
 * Settings and account setup in the pseudo-locale and in Arabic, against a real Postfix and Dovecot.
 * In the pseudo-locale every word of the catalogs is accented and bracketed: visible text without the
 * accents bypassed the catalogs, and a box that cuts its text shows clipping, at the small window size
 * (1024×640). In Arabic the forms and the rule editor mirror (labels on the right), server names,
 * ports and addresses stay left to right, and axe finds nothing serious.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import { catalogOf, createTranslator, type MessageValues } from '../../shared/i18n/catalogs';
import type { MessageId } from '../../shared/i18n/messages-en';
import { pseudoLocalize } from '../../shared/i18n/pseudo-locale';
import { assertAccessible } from './support/accessibility';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { clippedText, unmarkedNames, unmarkedText } from './support/visible-text';

const UI_TIMEOUT_MS = 30_000;
const SMALL = WINDOW_SIZES[0];
/** A rule with a right-to-left name, a long condition and several actions, for the Rules section. */
const RULE_NAME = 'قائمة الإعلانات';

let env: MailEnvironment;

before(async () => {
  env = await startMailEnvironment();
  const accountId = await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
  const folder = await env.client.call('createFolder', { accountId, parentId: null, name: 'Lists' });
  assert.ok(folder.ok, JSON.stringify(folder));
  const saved = await env.client.call('saveRule', {
    rule: {
      name: RULE_NAME,
      query: 'header:list-id:announce.example.test from:news@lists.example.test',
      accountId: null,
      actions: [{ kind: 'move', folder: 'Lists' }, { kind: 'mark-read' }, { kind: 'tag', tag: 'todo' }],
      stop: true,
    },
  });
  assert.ok(saved.ok, JSON.stringify(saved));
});

after(async () => {
  await env?.stop();
});

async function setLanguage(language: 'ar' | 'en-XA' | null): Promise<void> {
  const result = await env.client.call('updateSettings', { language });
  assert.equal(result.ok, true);
}

/** A message of the English catalog as the pseudo-locale shows it. */
function pseudo(id: MessageId, values?: MessageValues): string {
  return values === undefined ? pseudoLocalize(catalogOf('en')[id]) : createTranslator('en-XA').t(id, values);
}

/** Every visible word and control name under `root` comes from the catalogs, and nothing on the page is clipped. */
async function assertFromCatalogs(page: Page, root: string, what: string): Promise<void> {
  const text = await unmarkedText(page, root);
  assert.deepEqual(text, [], `${what}: text outside the catalogs`);
  assert.deepEqual(await unmarkedNames(page, root), [], `${what}: control names outside the catalogs`);
  assert.deepEqual(await clippedText(page), [], `${what}: clipped text`);
}

/** Opens Settings from the toolbar and waits for its sections. */
async function openSettings(page: Page, words: (id: MessageId) => string): Promise<void> {
  await page
    .getByRole('toolbar', { name: words('toolbar.label') })
    .getByRole('button', { name: words('toolbar.settings') })
    .click({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('tab').first().waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Whether the element sits in the right half of `container` (where a right-to-left form starts). */
async function startsOnTheRight(element: Locator, container: Locator): Promise<boolean> {
  const [box, outer] = await Promise.all([element.boundingBox(), container.boundingBox()]);
  assert.ok(box !== null && outer !== null);
  return box.x + box.width > outer.x + outer.width / 2;
}

/** Whether the element's box ends at the right of `other`'s (it sits to the right of it). */
async function isRightOf(element: Locator, other: Locator): Promise<boolean> {
  const [box, otherBox] = await Promise.all([element.boundingBox(), other.boundingBox()]);
  assert.ok(box !== null && otherBox !== null);
  return box.x + box.width > otherBox.x + otherBox.width;
}

test(
  'in the pseudo-locale every Settings section, the rule editor and the run dialog come from the catalogs, unclipped at 1024×640',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    await setLanguage('en-XA');
    const { page, problems } = await env.openPage(SMALL);
    await page.waitForFunction(() => document.documentElement.lang === 'en-XA');
    await openSettings(page, pseudo);
    const sections = [
      ['settings.accounts', '.settings-accounts'],
      ['settings.general', '.settings-fields'],
      ['settings.appearance', '.settings-fields'],
      ['settings.keyboard', '.settings-shortcuts'],
      ['settings.notifications', '.settings-fields'],
      ['settings.rules', '.settings-rule-list'],
    ] as const;
    for (const [id, ready] of sections) {
      await page.getByRole('tab', { name: pseudo(id) }).click();
      await page.locator(`.settings-panel ${ready}`).first().waitFor({ timeout: UI_TIMEOUT_MS });
      await assertFromCatalogs(page, '.settings-panel', id);
    }
    await env.screenshot(page, 'settings-pseudo-rules');

    await page.getByRole('button', { name: pseudo('rules.new') }).click();
    const editor = page.getByRole('dialog', { name: pseudo('rules.newTitle') });
    await editor.waitFor();
    const action = editor.getByLabel(pseudo('rules.actionNumber', { number: 1 }), { exact: true });
    for (const kind of ['forward', 'server:delete'] as const) {
      await action.selectOption(kind);
      await assertFromCatalogs(page, '.rule-editor', `the rule editor with ${kind}`);
    }
    await editor.getByRole('button', { name: pseudo('rules.save') }).click();
    await editor.getByRole('alert').getByText(pseudo('rules.needName')).waitFor();
    await assertFromCatalogs(page, '.rule-editor', 'the rule editor with a problem');
    await env.screenshot(page, 'settings-pseudo-rule-editor');
    await editor.getByRole('button', { name: pseudo('common.cancel') }).click();

    await page
      .getByRole('listitem', { name: RULE_NAME })
      .getByRole('button', { name: pseudo('rules.runNow') })
      .click();
    const run = page.getByRole('dialog', { name: pseudo('rules.runTitle', { name: RULE_NAME }) });
    await run.getByRole('button', { name: pseudo('rules.preview') }).click();
    await run.getByRole('status').locator('p').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await assertFromCatalogs(page, '.rule-run-dialog', 'the preview of a rule run');
    await run.getByRole('button', { name: pseudo('common.cancel') }).click();

    await page.getByRole('tab', { name: pseudo('settings.accounts') }).click();
    await page.getByRole('button', { name: pseudo('settings.removeNamed', { name: 'Alice' }) }).click();
    await assertFromCatalogs(page, '[role="alertdialog"]', 'the remove confirmation');
    await page
      .getByRole('alertdialog')
      .getByRole('button', { name: pseudo('common.cancel') })
      .click();
    assert.deepEqual(problems, []);
    await page.close();
    await setLanguage(null);
  },
);

test(
  'in the pseudo-locale every page of account setup and the certificate question come from the catalogs, unclipped at 1024×640',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    await setLanguage('en-XA');
    const { page, problems } = await env.openPage(SMALL);
    await page.waitForFunction(() => document.documentElement.lang === 'en-XA');
    await openSettings(page, pseudo);
    await page.getByRole('button', { name: pseudo('folder.addAccount') }).click();
    await page.getByRole('heading', { name: pseudo('setup.addTitle') }).waitFor();
    await page.getByRole('button', { name: pseudo('common.continue') }).click();
    await page.locator('.field-error').first().waitFor();
    await assertFromCatalogs(page, '.account-setup', 'the first page with its problems');

    await page.getByLabel(pseudo('setup.yourName')).fill('Bob Example');
    await page.getByLabel(pseudo('setup.address')).fill('bob@example.test');
    await page.getByLabel(pseudo('password.label'), { exact: true }).fill(env.postfix.password);
    await page.getByRole('button', { name: pseudo('setup.manual') }).click();
    await page.getByLabel(pseudo('setup.incomingServer')).fill(env.postfix.host);
    await page.getByLabel(pseudo('setup.incomingPort')).fill(String(env.postfix.dovecot.tlsPort));
    await page.getByLabel(pseudo('setup.outgoingServer')).fill(env.postfix.host);
    await page.getByLabel(pseudo('setup.outgoingPort')).fill(String(env.postfix.submissionPort));
    await page.getByLabel(pseudo('setup.outgoingSecurity')).selectOption('none');
    await page.getByLabel(pseudo('setup.outgoingSignIn')).selectOption('separate');
    await page.getByRole('button', { name: pseudo('setup.addIdentity') }).click();
    await page.locator('.insecure-warning').waitFor();
    await assertFromCatalogs(page, '.account-setup', 'the manual settings with every part shown');
    await env.screenshot(page, 'account-setup-pseudo-manual');
    await page.getByLabel(pseudo('setup.outgoingSecurity')).selectOption('starttls');
    await page.getByLabel(pseudo('setup.outgoingSignIn')).selectOption('same');
    await page.getByRole('button', { name: pseudo('setup.removeIdentity', { number: 1 }) }).click();
    await page.getByLabel(pseudo('setup.incomingUser')).fill(env.postfix.user);

    // The test servers' CA is not given: the certificate is untrusted and Mailbag asks about it.
    await page.getByRole('button', { name: pseudo('setup.test') }).click();
    const prompt = page.getByRole('dialog', { name: pseudo('setup.certTitle') });
    await prompt.waitFor({ timeout: UI_TIMEOUT_MS });
    await assertFromCatalogs(page, '.certificate-prompt', 'the certificate question');
    await env.screenshot(page, 'account-setup-pseudo-certificate');
    await prompt.getByRole('button', { name: pseudo('common.cancel') }).click();
    await page
      .getByRole('region', { name: pseudo('setup.testResults') })
      .getByRole('status')
      .waitFor();
    await assertFromCatalogs(page, '.doctor', 'the test results');
    assert.deepEqual(problems, []);
    await page.close();
    await setLanguage(null);
  },
);

test(
  'in Arabic Settings, the rule editor and account setup mirror, keep server names and ports left to right, and pass axe',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    await setLanguage('ar');
    const ar = createTranslator('ar').t;
    const { page, problems } = await env.openPage(SMALL);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await openSettings(page, (id) => ar(id));
    for (const id of ['settings.accounts', 'settings.general', 'settings.keyboard', 'settings.rules'] as const) {
      await page.getByRole('tab', { name: ar(id) }).click();
      await page
        .getByRole('tabpanel')
        .getByRole('heading', { name: ar(id) })
        .waitFor();
      await assertAccessible(page, `Settings, ${id}, in Arabic`);
    }
    const tabs = page.getByRole('tablist', { name: ar('settings.sections') });
    assert.ok(await isRightOf(tabs, page.getByRole('tabpanel')), 'the section list is on the right');
    await env.screenshot(page, 'settings-arabic-rules');

    await page.getByRole('button', { name: ar('rules.new') }).click();
    const editor = page.getByRole('dialog', { name: ar('rules.newTitle') });
    const name = editor.getByLabel(ar('rules.name'));
    await name.fill(RULE_NAME);
    assert.equal(await name.evaluate((element) => getComputedStyle(element).direction), 'rtl');
    const action = editor.getByLabel(ar('rules.actionNumber', { number: 1 }), { exact: true });
    await action.selectOption('forward');
    const address = editor.getByLabel(ar('rules.forwardAddress', { number: 1 }));
    assert.equal(await address.evaluate((element) => getComputedStyle(element).direction), 'ltr', 'an address is typed left to right');
    assert.ok(await startsOnTheRight(action, editor), 'the action list starts on the right');
    await assertAccessible(page, 'the rule editor in Arabic');
    await env.screenshot(page, 'settings-arabic-rule-editor');
    await editor.getByRole('button', { name: ar('common.cancel') }).click();

    await page.getByRole('tab', { name: ar('settings.accounts') }).click();
    await page.getByRole('button', { name: ar('settings.editNamed', { name: 'Alice' }) }).click();
    await page.getByRole('heading', { name: ar('setup.editTitle') }).waitFor({ timeout: UI_TIMEOUT_MS });
    const host = page.getByLabel(ar('setup.incomingServer'));
    assert.equal(await host.inputValue(), env.postfix.host);
    for (const field of [host, page.getByLabel(ar('setup.incomingUser')), page.getByLabel(ar('setup.address'))]) {
      assert.equal(await field.evaluate((element) => getComputedStyle(element).direction), 'ltr', 'server names, user names and addresses read left to right');
    }
    assert.ok(
      await startsOnTheRight(page.getByText(ar('setup.incomingMail'), { exact: true }), page.locator('.setup-card')),
      'the group titles start on the right',
    );
    await assertAccessible(page, 'account setup in Arabic');
    await env.screenshot(page, 'account-setup-arabic');

    await page.getByRole('button', { name: ar('setup.test') }).click();
    await page
      .getByRole('region', { name: ar('setup.testResults') })
      .getByRole('status')
      .filter({ hasText: ar('setup.allPassed') })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await assertAccessible(page, 'the test results in Arabic');
    await env.screenshot(page, 'account-setup-arabic-doctor');
    assert.deepEqual(problems, []);
    await page.close();
    await setLanguage(null);
  },
);
