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
import { assertAccessible } from './support/accessibility';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, type MailEnvironment } from './support/mail-environment';

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

async function ruleNames(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Rules' }).locator('li strong').allTextContents();
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
  await page.getByRole('tree', { name: 'Folders' }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('button', { name: 'Send/Receive' }).click();
  await page.getByRole('grid', { name: 'Messages' }).getByText('Lunch on Friday?').waitFor({ timeout: UI_TIMEOUT_MS });

  await page.getByRole('toolbar', { name: 'Mail commands' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByText('No rules yet.').waitFor({ timeout: UI_TIMEOUT_MS });

  await page.getByRole('button', { name: 'New rule…' }).click();
  let editor = page.getByRole('dialog', { name: 'New rule' });
  await editor.getByLabel('Name').fill('Announcements');
  await editor.getByLabel('For').selectOption(accountId);
  await editor.getByLabel('When (a search)').fill('header:list-id:announce.example.test');
  await editor.getByRole('button', { name: 'Try as search' }).click();
  await editor.getByRole('status').getByText('3 messages match now.').waitFor({ timeout: UI_TIMEOUT_MS });
  await editor.getByRole('button', { name: 'Save rule' }).click();
  await editor.getByRole('alert').getByText('Choose the folder to move or copy to.').waitFor();
  await editor.getByRole('button', { name: /folder of action 1$/ }).click();
  const picker = page.getByRole('dialog', { name: 'Move the message to…' });
  await picker.getByRole('combobox').fill('lists');
  await picker.getByRole('option', { name: 'Lists' }).click();
  await editor
    .getByRole('button', { name: /folder of action 1$/ })
    .getByText('Lists')
    .waitFor();
  await editor.getByRole('button', { name: 'Add action' }).click();
  await editor.getByLabel('Action 2', { exact: true }).selectOption({ label: 'Mark read' });
  await env.screenshot(page, 'rule-editor');
  await assertAccessible(page, 'the rule editor');
  // The folder is renamed in another window while the editor is open: main refuses the rule, and says why.
  valueOf(await env.client.call('renameFolder', { folderId: listsFolderId, name: 'Lists (old)' }));
  await editor.getByRole('button', { name: 'Save rule' }).click();
  await editor
    .getByRole('alert')
    .getByText('There is no folder “Lists” in the rule’s account or in Local Folders to move to. Choose a folder that exists.')
    .waitFor({ timeout: UI_TIMEOUT_MS });
  valueOf(await env.client.call('renameFolder', { folderId: listsFolderId, name: 'Lists' }));
  await editor.getByRole('button', { name: 'Save rule' }).click();
  await editor.waitFor({ state: 'detached' });
  await page.getByRole('list', { name: 'Rules' }).getByText('move to Lists, mark read').waitFor({ timeout: UI_TIMEOUT_MS });

  await page.getByRole('button', { name: 'New rule…' }).click();
  editor = page.getByRole('dialog', { name: 'New rule' });
  await editor.getByLabel('Name').fill('Drop lottery');
  await editor.getByLabel('When (a search)').fill('subject:lottery');
  await editor.getByLabel('Action 1', { exact: true }).selectOption({ label: 'Server: delete from the server without downloading' });
  await editor.getByRole('button', { name: 'Save rule' }).click();
  await editor.getByRole('alert').getByText('Confirm that the rule deletes mail on the server.').waitFor();
  await editor.getByRole('checkbox', { name: /deleted on the server without ever being downloaded/ }).check();
  await editor.getByRole('button', { name: 'Save rule' }).click();
  await editor.waitFor({ state: 'detached' });
  assert.deepEqual(await ruleNames(page), ['Announcements', 'Drop lottery']);

  await page.getByRole('button', { name: 'Move Drop lottery up' }).click();
  await page.waitForFunction(() => document.querySelector('[aria-label="Rules"] li strong')?.textContent === 'Drop lottery');
  assert.deepEqual(await ruleNames(page), ['Drop lottery', 'Announcements']);
  await page.getByRole('checkbox', { name: 'Use rule Drop lottery' }).uncheck();
  await page.getByRole('checkbox', { name: 'Use rule Drop lottery' }).and(page.locator(':not(:checked)')).waitFor();
  const saved = valueOf(await env.client.call('listRules', undefined));
  assert.deepEqual(
    saved.map((rule) => [rule.name, rule.enabled, rule.accountId]),
    [
      ['Drop lottery', false, null],
      ['Announcements', true, accountId],
    ],
  );

  await page.getByRole('listitem', { name: 'Announcements' }).getByRole('button', { name: 'Run now on folder…' }).click();
  const run = page.getByRole('dialog', { name: 'Run “Announcements” on a folder' });
  assert.equal(await run.getByRole('button', { name: 'Run', exact: true }).isDisabled(), true, 'nothing runs before a preview');
  await run.getByRole('button', { name: 'Preview' }).click();
  await run.getByText('3 messages would be moved to Lists.').waitFor({ timeout: UI_TIMEOUT_MS });
  await run.getByText('3 messages would be marked read.').waitFor();
  await env.screenshot(page, 'rule-run-preview');
  await assertAccessible(page, 'the preview of a rule run');
  assert.equal(await messagesIn('Lists'), 0, 'a preview moves nothing');
  await run.getByRole('button', { name: 'Run', exact: true }).click();
  await run.getByText('3 messages were moved to Lists.').waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await messagesIn('Lists'), 3);
  await run.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('listitem', { name: 'Announcements' }).getByRole('button', { name: 'Edit' }).click();
  editor = page.getByRole('dialog', { name: 'Edit rule “Announcements”' });
  await editor.getByRole('checkbox', { name: 'Stop processing more rules' }).check();
  await editor.getByRole('button', { name: 'Save rule' }).click();
  await editor.waitFor({ state: 'detached' });
  await page.getByRole('list', { name: 'Rules' }).getByText('move to Lists, mark read, stop').waitFor({ timeout: UI_TIMEOUT_MS });

  await page.getByRole('listitem', { name: 'Drop lottery' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete rule' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[aria-label="Rules"] li').length === 1);
  assert.deepEqual(await ruleNames(page), ['Announcements']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a rule is created from a message in its menu, with its sender, subject and mailing list to choose from', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage({ width: 1280, height: 800 });
  const folders = page.getByRole('tree', { name: 'Folders' });
  await folders.waitFor({ timeout: UI_TIMEOUT_MS });
  await folders
    .getByRole('treeitem', { name: /^Lists/ })
    .first()
    .click();
  const grid = page.getByRole('grid', { name: 'Messages' });
  await grid.getByText(HEBREW_SUBJECT).click({ button: 'right' });
  await page.getByRole('menu', { name: 'Message actions' }).getByRole('menuitem', { name: 'Create rule from this message…' }).click();

  const editor = page.getByRole('dialog', { name: 'New rule' });
  await editor.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await editor.getByLabel('Name').inputValue(), 'announce.example.test');
  assert.equal(await editor.getByLabel('For').inputValue(), accountId);
  const condition = editor.getByLabel('When (a search)');
  assert.equal(await condition.inputValue(), 'from:news@lists.example.test');
  await editor.getByRole('checkbox', { name: 'Mailing list announce.example.test' }).check();
  await editor.getByRole('checkbox', { name: 'From news@lists.example.test' }).uncheck();
  assert.equal(await condition.inputValue(), 'header:list-id:announce.example.test');
  await editor.getByRole('button', { name: 'Try as search' }).click();
  await editor.getByRole('status').getByText('3 messages match now.').waitFor({ timeout: UI_TIMEOUT_MS });
  await editor.getByRole('checkbox', { name: `Subject “${HEBREW_SUBJECT}”` }).check();
  assert.equal(await condition.inputValue(), `subject:"${HEBREW_SUBJECT}" header:list-id:announce.example.test`);
  await editor.getByRole('button', { name: 'Try as search' }).click();
  await editor.getByRole('status').getByText('1 message matches now.').waitFor({ timeout: UI_TIMEOUT_MS });
  await env.screenshot(page, 'rule-from-message');
  await assertAccessible(page, 'a rule created from a message');
  await editor.getByLabel('Action 1', { exact: true }).selectOption({ label: 'Flag' });
  await editor.getByRole('button', { name: 'Save rule' }).click();
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
    await page.getByRole('tree', { name: 'Folders' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('toolbar', { name: 'Mail commands' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Rules' }).click();
    await page.getByRole('button', { name: 'New rule…' }).click();
    const editor = page.getByRole('dialog', { name: 'New rule' });
    await editor.getByLabel('Name').fill('Away');
    await editor.getByLabel('When (a search)').fill('to:alice');
    await editor.getByLabel('Action 1', { exact: true }).selectOption({ label: 'Reply with a template' });
    await editor.getByRole('button', { name: 'Save rule' }).click();
    await editor.getByRole('alert').getByText('Write the text of the reply.').waitFor();
    await editor.getByLabel('Reply text').fill('Hello {sender},\nI read “{subject}” on Monday. שלום!');
    await editor.getByRole('button', { name: 'Add action' }).click();
    await editor.getByLabel('Action 2', { exact: true }).selectOption({ label: 'Forward to…' });
    await editor.getByRole('button', { name: 'Save rule' }).click();
    await editor.getByRole('alert').getByText('Write the address to forward to.').waitFor();
    await editor.getByLabel('Address to forward to, action 2').fill('carol@example.test');
    await editor.getByRole('button', { name: 'Add action' }).click();
    await editor.getByLabel('Action 3', { exact: true }).selectOption({ label: 'Tag' });
    await editor.getByLabel('Tag of action 3').selectOption({ label: 'To Do' });
    await assertAccessible(page, 'a rule that answers');
    await env.screenshot(page, 'rule-editor-answers');
    await editor.getByRole('button', { name: 'Save rule' }).click();
    await editor.waitFor({ state: 'detached' });
    await page
      .getByRole('list', { name: 'Rules' })
      .getByText('reply with a template, forward to carol@example.test, tag To Do')
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
