/**
 * The rule editor in Settings, walked as a person: mail delivered by a real Postfix into a real Dovecot
 * and fetched with Send/Receive (mailing-list mail with a right-to-left subject and a tall body among
 * it), a rule written as a search and tried first ("3 messages match"), its folder chosen with the
 * folder picker, a second rule moved above it and switched off, a server delete refused until it is
 * confirmed, and "Run now on folder…" that previews what it would do before it moves anything.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import type { MessageValues } from '../../shared/i18n/catalogs';
import type { MessageId } from '../../shared/i18n/messages-en';
import { assertAccessible } from './support/accessibility';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, type MailEnvironment } from './support/mail-environment';
import { ui } from './support/words';

const ALICE = 'alice@example.test';
/** Longest wait for something the window shows. */
const UI_TIMEOUT_MS = 20_000;
const HEBREW_SUBJECT = 'הודעה לרשימה: גרסה חדשה';

let env: MailEnvironment;
let accountId: string;
/** The folder the first rule moves to. */
let listsFolderId: number;

function message(subject: string, extra: readonly string[], body = 'Text.'): Buffer {
  return Buffer.from(
    [
      'From: Announcer <news@lists.example.test>',
      `To: Alice Example <${ALICE}>`,
      `Subject: =?UTF-8?B?${Buffer.from(subject, 'utf8').toString('base64')}?=`,
      'Date: Tue, 10 Mar 2026 12:00:00 +0000',
      `Message-ID: <${Buffer.from(subject).toString('hex').slice(0, 24)}@example.test>`,
      'MIME-Version: 1.0',
      ...extra,
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      '',
    ].join('\r\n'),
    'utf8',
  );
}

/** The value of a contract call, failing the test on an error. */
function valueOf<T>(result: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: { readonly message: string } }): T {
  if (!result.ok) assert.fail(result.error.message);
  return result.value;
}

async function messagesIn(folderName: string): Promise<number> {
  const tree = valueOf(await env.client.call('listFolderTree', undefined));
  const folder = tree.accounts.flatMap((entry) => entry.folders).find((candidate) => candidate.name === folderName);
  return folder?.total ?? -1;
}

/** A rule's actions as the Rules list joins them ("move to Lists, mark read, stop" in English). */
function actionWords(...actions: readonly (MessageId | readonly [MessageId, MessageValues])[]): string {
  return actions.map((action) => (typeof action === 'string' ? ui(action) : ui(action[0], action[1]))).join(ui('rules.listSeparator'));
}

async function ruleNames(page: Page): Promise<string[]> {
  return page
    .getByRole('list', { name: ui('settings.rules') })
    .locator('li strong')
    .allTextContents();
}

before(async () => {
  env = await startMailEnvironment();
  const list = ['List-Id: Announcements <announce.example.test>'];
  await env.deliver(message('Release 1.0', list), { from: 'news@lists.example.test', to: [ALICE] });
  await env.deliver(message(HEBREW_SUBJECT, list), { from: 'news@lists.example.test', to: [ALICE] });
  await env.deliver(message('Release notes in full', list, Array.from({ length: 400 }, (_, index) => `Line ${index + 1} of the notes.`).join('\r\n')), {
    from: 'news@lists.example.test',
    to: [ALICE],
  });
  await env.deliver(message('Lunch on Friday?', []), { from: 'news@lists.example.test', to: [ALICE] });
  accountId = await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
  listsFolderId = valueOf(await env.client.call('createFolder', { accountId, parentId: null, name: 'Lists' })).id;
  assert.ok(listsFolderId > 0);
});

after(async () => {
  await env?.stop();
});

test('rules are written, tried as a search, ordered, switched off and run on a folder after a preview', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage({ width: 1280, height: 800 });
  await page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('button', { name: ui('toolbar.sendReceive') }).click();
  await page
    .getByRole('grid', { name: ui('mail.messages') })
    .getByText('Lunch on Friday?')
    .waitFor({ timeout: UI_TIMEOUT_MS });

  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.settings') })
    .click();
  await page.getByRole('tab', { name: ui('settings.rules') }).click();
  await page.getByText(ui('rules.none')).waitFor({ timeout: UI_TIMEOUT_MS });

  await page.getByRole('button', { name: ui('rules.new') }).click();
  let editor = page.getByRole('dialog', { name: ui('rules.newTitle') });
  await editor.getByLabel(ui('rules.name')).fill('Announcements');
  await editor.getByLabel(ui('rules.for')).selectOption(accountId);
  // A condition with a mistake: main refuses it, and the window says where in its own language.
  await editor.getByLabel(ui('rules.when')).fill('subject:"Lunch');
  await editor.getByRole('button', { name: ui('rules.trySearch') }).click();
  const quote = ui('search.problemAt', { problem: ui('search.problem.missingQuote'), position: '9' });
  await editor
    .getByRole('alert')
    .getByText(ui('rules.conditionMistake', { description: quote }))
    .waitFor({ timeout: UI_TIMEOUT_MS });
  // A pattern the search cannot run: main's refusal, in the window's language.
  await editor.getByLabel(ui('rules.when')).fill('header:subject:"/(Lunch/"');
  await editor.getByRole('button', { name: ui('rules.trySearch') }).click();
  await editor
    .getByRole('alert')
    .getByText(ui('refusal.ruleBadPattern', { pattern: '(Lunch' }))
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await editor.getByLabel(ui('rules.when')).fill('header:list-id:announce.example.test');
  await editor.getByRole('button', { name: ui('rules.trySearch') }).click();
  await editor
    .getByRole('status')
    .getByText(ui('rules.matchCount', { count: 3 }))
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await editor.getByRole('button', { name: ui('rules.save') }).click();
  await editor.getByRole('alert').getByText(ui('rules.needFolder')).waitFor();
  await editor.getByRole('button', { name: ui('rules.folderOfAction', { folder: ui('rules.chooseFolder'), number: 1 }) }).click();
  const picker = page.getByRole('dialog', { name: ui('move.moveTitle', { count: 1 }) });
  await picker.getByRole('combobox').fill('lists');
  await picker.getByRole('option', { name: 'Lists' }).click();
  await editor
    .getByRole('button', { name: ui('rules.folderOfAction', { folder: 'Lists', number: 1 }) })
    .getByText('Lists')
    .waitFor();
  await editor.getByRole('button', { name: ui('rules.addAction') }).click();
  await editor.getByLabel(ui('rules.actionNumber', { number: 2 }), { exact: true }).selectOption({ label: ui('rules.action.markRead') });
  await env.screenshot(page, 'rule-editor');
  await assertAccessible(page, 'the rule editor');
  // The folder is renamed in another window while the editor is open: main refuses the rule, and says why.
  valueOf(await env.client.call('renameFolder', { folderId: listsFolderId, name: 'Lists (old)' }));
  await editor.getByRole('button', { name: ui('rules.save') }).click();
  await editor
    .getByRole('alert')
    .getByText(ui('rules.folderMissing', { folder: 'Lists', kind: 'move', scope: 'account' }))
    .waitFor({ timeout: UI_TIMEOUT_MS });
  valueOf(await env.client.call('renameFolder', { folderId: listsFolderId, name: 'Lists' }));
  await editor.getByRole('button', { name: ui('rules.save') }).click();
  await editor.waitFor({ state: 'detached' });
  await page
    .getByRole('list', { name: ui('settings.rules') })
    .getByText(actionWords(['rules.describe.move', { folder: 'Lists' }], 'rules.describe.markRead'))
    .waitFor({ timeout: UI_TIMEOUT_MS });

  await page.getByRole('button', { name: ui('rules.new') }).click();
  editor = page.getByRole('dialog', { name: ui('rules.newTitle') });
  await editor.getByLabel(ui('rules.name')).fill('Drop lottery');
  await editor.getByLabel(ui('rules.when')).fill('subject:lottery');
  await editor.getByLabel(ui('rules.actionNumber', { number: 1 }), { exact: true }).selectOption({ label: ui('rules.action.serverDelete') });
  await editor.getByRole('button', { name: ui('rules.save') }).click();
  await editor.getByRole('alert').getByText(ui('rules.needConfirm')).waitFor();
  await editor.getByRole('checkbox', { name: ui('rules.confirmServerDelete') }).check();
  await editor.getByRole('button', { name: ui('rules.save') }).click();
  await editor.waitFor({ state: 'detached' });
  assert.deepEqual(await ruleNames(page), ['Announcements', 'Drop lottery']);

  await page.getByRole('button', { name: ui('rules.moveUpNamed', { name: 'Drop lottery' }) }).click();
  await page.waitForFunction((list) => document.querySelector(`[aria-label="${list}"] li strong`)?.textContent === 'Drop lottery', ui('settings.rules'));
  assert.deepEqual(await ruleNames(page), ['Drop lottery', 'Announcements']);
  await page.getByRole('checkbox', { name: ui('rules.use', { name: 'Drop lottery' }) }).uncheck();
  await page
    .getByRole('checkbox', { name: ui('rules.use', { name: 'Drop lottery' }) })
    .and(page.locator(':not(:checked)'))
    .waitFor();
  const saved = valueOf(await env.client.call('listRules', undefined));
  assert.deepEqual(
    saved.map((rule) => [rule.name, rule.enabled, rule.accountId]),
    [
      ['Drop lottery', false, null],
      ['Announcements', true, accountId],
    ],
  );

  await page
    .getByRole('listitem', { name: 'Announcements' })
    .getByRole('button', { name: ui('rules.runNow') })
    .click();
  const run = page.getByRole('dialog', { name: ui('rules.runTitle', { name: 'Announcements' }) });
  assert.equal(await run.getByRole('button', { name: ui('rules.run'), exact: true }).isDisabled(), true, 'nothing runs before a preview');
  await run.getByRole('button', { name: ui('rules.preview') }).click();
  await run.getByText(ui('rules.ran.move', { count: 3, preview: 'yes', folder: 'Lists' })).waitFor({ timeout: UI_TIMEOUT_MS });
  await run.getByText(ui('rules.ran.markRead', { count: 3, preview: 'yes' })).waitFor();
  await env.screenshot(page, 'rule-run-preview');
  await assertAccessible(page, 'the preview of a rule run');
  assert.equal(await messagesIn('Lists'), 0, 'a preview moves nothing');
  await run.getByRole('button', { name: ui('rules.run'), exact: true }).click();
  await run.getByText(ui('rules.ran.move', { count: 3, preview: 'no', folder: 'Lists' })).waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await messagesIn('Lists'), 3);
  await run.getByRole('button', { name: ui('common.close') }).click();

  await page
    .getByRole('listitem', { name: 'Announcements' })
    .getByRole('button', { name: ui('settings.edit') })
    .click();
  editor = page.getByRole('dialog', { name: ui('rules.editTitle', { name: 'Announcements' }) });
  await editor.getByRole('checkbox', { name: ui('rules.stopProcessing') }).check();
  await editor.getByRole('button', { name: ui('rules.save') }).click();
  await editor.waitFor({ state: 'detached' });
  await page
    .getByRole('list', { name: ui('settings.rules') })
    .getByText(actionWords(['rules.describe.move', { folder: 'Lists' }], 'rules.describe.markRead', 'rules.describe.stop'))
    .waitFor({ timeout: UI_TIMEOUT_MS });

  await page
    .getByRole('listitem', { name: 'Drop lottery' })
    .getByRole('button', { name: ui('rules.delete') })
    .click();
  await page
    .getByRole('alertdialog')
    .getByRole('button', { name: ui('rules.deleteRule') })
    .click();
  await page.waitForFunction((list) => document.querySelectorAll(`[aria-label="${list}"] li`).length === 1, ui('settings.rules'));
  assert.deepEqual(await ruleNames(page), ['Announcements']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a rule is created from a message in its menu, with its sender, subject and mailing list to choose from', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage({ width: 1280, height: 800 });
  const folders = page.getByRole('tree', { name: ui('folder.pane') });
  await folders.waitFor({ timeout: UI_TIMEOUT_MS });
  await folders
    .getByRole('treeitem', { name: /^Lists/ })
    .first()
    .click();
  const grid = page.getByRole('grid', { name: ui('mail.messages') });
  await grid.getByText(HEBREW_SUBJECT).click({ button: 'right' });
  await page
    .getByRole('menu', { name: ui('mail.messageActions') })
    .getByRole('menuitem', { name: ui('menu.createRule') })
    .click();

  const editor = page.getByRole('dialog', { name: ui('rules.newTitle') });
  await editor.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await editor.getByLabel(ui('rules.name')).inputValue(), 'announce.example.test');
  assert.equal(await editor.getByLabel(ui('rules.for')).inputValue(), accountId);
  const condition = editor.getByLabel(ui('rules.when'));
  assert.equal(await condition.inputValue(), 'from:news@lists.example.test');
  await editor.getByRole('checkbox', { name: ui('rules.suggestList', { list: 'announce.example.test' }) }).check();
  await editor.getByRole('checkbox', { name: ui('rules.suggestFrom', { address: 'news@lists.example.test' }) }).uncheck();
  assert.equal(await condition.inputValue(), 'header:list-id:announce.example.test');
  await editor.getByRole('button', { name: ui('rules.trySearch') }).click();
  await editor
    .getByRole('status')
    .getByText(ui('rules.matchCount', { count: 3 }))
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await editor.getByRole('checkbox', { name: ui('rules.suggestSubject', { subject: HEBREW_SUBJECT }) }).check();
  assert.equal(await condition.inputValue(), `subject:"${HEBREW_SUBJECT}" header:list-id:announce.example.test`);
  await editor.getByRole('button', { name: ui('rules.trySearch') }).click();
  await editor
    .getByRole('status')
    .getByText(ui('rules.matchCount', { count: 1 }))
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await env.screenshot(page, 'rule-from-message');
  await assertAccessible(page, 'a rule created from a message');
  await editor.getByLabel(ui('rules.actionNumber', { number: 1 }), { exact: true }).selectOption({ label: ui('rules.action.flag') });
  await editor.getByRole('button', { name: ui('rules.save') }).click();
  await editor.waitFor({ state: 'detached' });
  const saved = valueOf(await env.client.call('listRules', undefined)).find((rule) => rule.name === 'announce.example.test');
  assert.deepEqual(
    [saved?.query, saved?.actions, saved?.accountId],
    [`subject:"${HEBREW_SUBJECT}" header:list-id:announce.example.test`, [{ kind: 'flag' }], accountId],
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test(
  'a rule that answers: the editor asks for the reply text and the forward address, and keeps them with the tag chosen',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const { page, problems } = await env.openPage();
    await page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page
      .getByRole('toolbar', { name: ui('toolbar.label') })
      .getByRole('button', { name: ui('toolbar.settings') })
      .click();
    await page.getByRole('tab', { name: ui('settings.rules') }).click();
    await page.getByRole('button', { name: ui('rules.new') }).click();
    const editor = page.getByRole('dialog', { name: ui('rules.newTitle') });
    await editor.getByLabel(ui('rules.name')).fill('Away');
    await editor.getByLabel(ui('rules.when')).fill('to:alice');
    await editor.getByLabel(ui('rules.actionNumber', { number: 1 }), { exact: true }).selectOption({ label: ui('rules.action.reply') });
    await editor.getByRole('button', { name: ui('rules.save') }).click();
    await editor.getByRole('alert').getByText(ui('rules.needReplyText')).waitFor();
    await editor.getByLabel(ui('rules.replyText')).fill('Hello {sender},\nI read “{subject}” on Monday. שלום!');
    await editor.getByRole('button', { name: ui('rules.addAction') }).click();
    await editor.getByLabel(ui('rules.actionNumber', { number: 2 }), { exact: true }).selectOption({ label: ui('rules.action.forward') });
    await editor.getByRole('button', { name: ui('rules.save') }).click();
    await editor.getByRole('alert').getByText(ui('rules.needAddress')).waitFor();
    await editor.getByLabel(ui('rules.forwardAddress', { number: 2 })).fill('carol@example.test');
    await editor.getByRole('button', { name: ui('rules.addAction') }).click();
    await editor.getByLabel(ui('rules.actionNumber', { number: 3 }), { exact: true }).selectOption({ label: ui('rules.action.tag') });
    await editor.getByLabel(ui('rules.tagOfAction', { number: 3 })).selectOption({ label: ui('tag.todo') });
    await assertAccessible(page, 'a rule that answers');
    await env.screenshot(page, 'rule-editor-answers');
    await editor.getByRole('button', { name: ui('rules.save') }).click();
    await editor.waitFor({ state: 'detached' });
    await page
      .getByRole('list', { name: ui('settings.rules') })
      .getByText(
        actionWords('rules.describe.reply', ['rules.describe.forward', { address: 'carol@example.test' }], ['rules.describe.tag', { tag: ui('tag.todo') }]),
      )
      .waitFor({ timeout: UI_TIMEOUT_MS });
    const saved = valueOf(await env.client.call('listRules', undefined)).find((rule) => rule.name === 'Away');
    assert.deepEqual(saved?.actions, [
      { kind: 'reply', template: 'Hello {sender},\nI read “{subject}” on Monday. שלום!' },
      { kind: 'forward', to: 'carol@example.test', template: '' },
      { kind: 'tag', tag: 'todo' },
    ]);
    assert.deepEqual(problems, []);
    await page.close();
  },
);
