/**
 * Folders in the window against real servers (Postfix delivers into Dovecot, Send/Receive fetches over
 * POP3), walked the way a person does: nested folders made, collapsed and renamed from the pane's menus
 * and keys, the Inbox refused, tall mail with right-to-left sender names dragged into a sub-folder and
 * copied with Ctrl held, Move to… with the filter typed, Ctrl+Z and the toast's Undo for a move, a flag
 * and a delete, and a folder with mail deleted after a question whose count is what Trash receives.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import { plainMessage } from './reader-fixtures';
import { assertAccessible } from './support/accessibility';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, type MailEnvironment } from './support/mail-environment';
import { ui, uiPattern } from './support/words';

const ALICE = 'alice@example.test';
/** Longest wait for something the window shows. */
const UI_TIMEOUT_MS = 20_000;
/** Lines of body in each tall message. */
const TALL_LINES = 600;

let env: MailEnvironment;

/** The built-in folders as the window names them, in the tests' language. */
const INBOX = ui('folder.special.inbox');
const TRASH = ui('folder.special.trash');

/** A header word in RFC 2047 form, so a right-to-left name travels in plain ASCII. */
function encodedWord(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** The three messages dragged around: tall, from senders whose names are written right to left (one with an override mark). */
const BIDI = [
  { subject: 'Bidi one', from: `${encodedWord('דנה כהן')} <dana@example.test>`, date: 'Mon, 2 Mar 2026 09:00:00 +0000' },
  { subject: 'Bidi two', from: `${encodedWord('محمد علي')} <mohammed@example.test>`, date: 'Tue, 3 Mar 2026 09:00:00 +0000' },
  { subject: 'Bidi three', from: `${encodedWord('Eve \u202Egnp.exe\u202C')} <eve@example.test>`, date: 'Wed, 4 Mar 2026 09:00:00 +0000' },
] as const;
/** Two messages that stay in the Inbox. */
const KEEP = [
  { subject: 'Keep one', from: 'Bob Example <bob@example.test>', date: 'Thu, 5 Mar 2026 09:00:00 +0000' },
  { subject: 'Keep two', from: 'Bob Example <bob@example.test>', date: 'Fri, 6 Mar 2026 09:00:00 +0000' },
] as const;

function build(message: { subject: string; from: string; date: string }, tall: boolean): Buffer {
  const body = tall ? Array.from({ length: TALL_LINES }, (_, line) => `Line ${line + 1} of a tall message.`).join('\r\n') : 'Short.';
  const id = `${message.subject.replace(/\W+/g, '.')}.folders@example.test`;
  return plainMessage({ from: message.from, to: `Alice Example <${ALICE}>`, subject: message.subject, date: message.date, id, body });
}

function grid(page: Page): Locator {
  return page.getByRole('grid', { name: ui('mail.messages') });
}

function row(page: Page, subject: string): Locator {
  return grid(page).locator('.grid-body [role="row"][aria-selected]').filter({ hasText: subject });
}

function tree(page: Page): Locator {
  return page.getByRole('tree', { name: ui('folder.pane') });
}

function folder(page: Page, name: string): Locator {
  return tree(page).getByRole('treeitem', { name, exact: true });
}

/** The unread count a folder shows (0 when it shows none). */
async function unreadOf(page: Page, name: string): Promise<number> {
  const badge = folder(page, name).locator('.tree-count');
  return (await badge.count()) === 0 ? 0 : Number(await badge.innerText());
}

async function waitForUnread(page: Page, name: string, expected: number): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  let seen = -1;
  while (Date.now() < deadline) {
    seen = await unreadOf(page, name).catch(() => -1);
    if (seen === expected) return;
    await page.waitForTimeout(50);
  }
  assert.fail(`${name}: expected ${expected} unread, the pane shows ${seen}`);
}

/** Waits until the list shows exactly these subjects (in any order). */
async function waitForList(page: Page, subjects: readonly string[]): Promise<void> {
  const expected = [...subjects].sort().join('\n');
  await page.waitForFunction(
    (wanted) =>
      [...document.querySelectorAll('.grid-body [role="row"][aria-selected] .col-subject')]
        .map((cell) => cell.textContent ?? '')
        .sort()
        .join('\n') === wanted,
    expected,
    { timeout: UI_TIMEOUT_MS },
  );
}

function toast(page: Page, text: string | RegExp): Locator {
  return page.locator('.action-toast').filter({ hasText: text });
}

/** Selects these rows as a person does: a click, then Ctrl+click for each of the others. */
async function selectRows(page: Page, subjects: readonly string[]): Promise<void> {
  for (const [index, subject] of subjects.entries()) await row(page, subject).click(index === 0 ? {} : { modifiers: ['Control'] });
  await page.waitForFunction((count) => document.querySelectorAll('.grid-body [role="row"][aria-selected="true"]').length === count, subjects.length);
}

/** Drags a row onto a folder with the mouse, holding a key while over it; checks the folder shows the drop. */
async function dragRowTo(page: Page, subject: string, target: Locator, hold: 'Control' | null): Promise<void> {
  const drop = hold === null ? 'move' : 'copy';
  const expectedLabel = ui(hold === null ? 'folder.moveHere' : 'folder.copyHere');
  const from = await row(page, subject).boundingBox();
  const to = await target.boundingBox();
  assert.ok(from !== null && to !== null);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  if (hold !== null) await page.keyboard.down(hold);
  await page.mouse.move(to.x + to.width / 2 + 2, to.y + to.height / 2, { steps: 2 });
  await target.and(page.locator(`.drop-target[data-drop="${expectedLabel}"]`)).waitFor({ timeout: UI_TIMEOUT_MS });
  await env.screenshot(page, `folders-drop-${drop}`);
  await page.mouse.up();
  if (hold !== null) await page.keyboard.up(hold);
}

async function openMailWindow(): Promise<{ page: Page; problems: string[] }> {
  const opened = await env.openPage({ width: 1280, height: 800 });
  await tree(opened.page).waitFor({ timeout: UI_TIMEOUT_MS });
  return opened;
}

/** Names a folder in the pane's dialog and creates it. */
async function createFolder(page: Page, dialogName: string, name: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.getByRole('textbox', { name: ui('folder.nameLabel') }).fill(name);
  await dialog.getByRole('button', { name: ui('folder.create') }).click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  await folder(page, name).waitFor({ timeout: UI_TIMEOUT_MS });
}

before(async () => {
  env = await startMailEnvironment();
  for (const message of BIDI) await env.deliver(build(message, true), { from: 'sender@example.test', to: [ALICE] });
  for (const message of KEEP) await env.deliver(build(message, false), { from: 'sender@example.test', to: [ALICE] });
  await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
});

after(async () => {
  await env?.stop();
});

test('nested folders are made, collapsed and renamed from the pane; the Inbox cannot be renamed or deleted', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await openMailWindow();
  await page.getByRole('button', { name: uiPattern('toolbar.sendReceive') }).click();
  await folder(page, INBOX).click();
  await waitForList(
    page,
    [...BIDI, ...KEEP].map((message) => message.subject),
  );
  await waitForUnread(page, INBOX, 5);

  // A folder of the account, from its heading's menu.
  await page.getByRole('button', { name: ui('folder.accountActions', { account: 'Alice' }) }).click();
  await page.getByRole('menuitem', { name: ui('folder.new') }).click();
  await createFolder(page, ui('folder.newTitle'), 'Projects');
  // A sub-folder, from the folder's context menu.
  await folder(page, 'Projects').click({ button: 'right' });
  await page
    .getByRole('menu', { name: ui('mail.folderActions', { folder: 'Projects' }) })
    .getByRole('menuitem', { name: ui('menu.newSubfolder') })
    .click();
  await createFolder(page, ui('folder.newSubTitle'), 'Alpha');
  assert.equal(await folder(page, 'Alpha').getAttribute('aria-level'), '3');
  assert.equal(await folder(page, 'Projects').getAttribute('aria-expanded'), 'true');
  // A Local Folder, from the Local Folders heading's menu.
  await page.getByRole('button', { name: ui('folder.localActions') }).click();
  await page.getByRole('menuitem', { name: ui('folder.new') }).click();
  await createFolder(page, ui('folder.newTitle'), 'Archive');
  assert.equal(await folder(page, 'Archive').getAttribute('aria-level'), '2');

  // Left closes the branch, Right opens it again (keys of an ARIA tree).
  await folder(page, 'Projects').click();
  await page.keyboard.press('ArrowLeft');
  await folder(page, 'Alpha').waitFor({ state: 'detached' });
  assert.equal(await folder(page, 'Projects').getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('ArrowRight');
  await folder(page, 'Alpha').waitFor();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Alpha');

  // F2 renames.
  await page.keyboard.press('F2');
  const rename = page.getByRole('dialog', { name: ui('folder.renameTitle', { name: 'Alpha' }) });
  await rename.getByRole('textbox', { name: ui('folder.nameLabel') }).fill('Alpha team');
  await rename.getByRole('button', { name: ui('folder.rename') }).click();
  await rename.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  await folder(page, 'Alpha team').waitFor({ timeout: UI_TIMEOUT_MS });

  // A name already used beside it (case aside) is refused in the dialog, which stays open to correct it.
  await page.getByRole('button', { name: ui('folder.accountActions', { account: 'Alice' }) }).click();
  await page.getByRole('menuitem', { name: ui('folder.new') }).click();
  const again = page.getByRole('dialog', { name: ui('folder.newTitle') });
  await again.getByRole('textbox', { name: ui('folder.nameLabel') }).fill('projects');
  await again.getByRole('button', { name: ui('folder.create') }).click();
  await again.getByRole('alert').waitFor({ timeout: UI_TIMEOUT_MS });
  await again.getByRole('button', { name: ui('common.cancel') }).click();
  await again.waitFor({ state: 'detached' });

  // The Inbox: Rename and Delete are offered disabled, the Delete key is refused, and main refuses too.
  await folder(page, INBOX).click({ button: 'right' });
  const inboxMenu = page.getByRole('menu', { name: ui('mail.folderActions', { folder: INBOX }) });
  assert.equal(await inboxMenu.getByRole('menuitem', { name: ui('menu.rename') }).isDisabled(), true);
  assert.equal(await inboxMenu.getByRole('menuitem', { name: ui('menu.deleteFolder') }).isDisabled(), true);
  await env.screenshot(page, 'folders-inbox-menu');
  await page.keyboard.press('Escape');
  await folder(page, INBOX).focus();
  await page.keyboard.press('Delete');
  await page
    .getByRole('status')
    .filter({ hasText: ui('folder.builtInDelete', { name: INBOX }) })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  await page.keyboard.press('F2');
  await page
    .getByRole('status')
    .filter({ hasText: ui('folder.builtInRename', { name: INBOX }) })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  const listed = await env.client.call('listFolderTree', undefined);
  assert.ok(listed.ok);
  const inboxId = listed.value.accounts[0]?.folders.find((candidate) => candidate.role === 'inbox')?.id ?? 0;
  const refused = await env.client.call('deleteFolder', { folderId: inboxId });
  assert.equal(refused.ok, false);
  await folder(page, INBOX).click();
  await waitForList(
    page,
    [...BIDI, ...KEEP].map((message) => message.subject),
  );
  await assertAccessible(page, 'the folder tree with nested folders');
  await env.screenshot(page, 'folders-nested-tree');
  assert.deepEqual(problems, []);
  await page.close();
});

test(
  'messages dragged into a sub-folder move together (Ctrl copies), Move to… filters as you type, and Ctrl+Z undoes',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const { page, problems } = await openMailWindow();
    await folder(page, INBOX).click();
    await waitForList(
      page,
      [...BIDI, ...KEEP].map((message) => message.subject),
    );
    const bidiSubjects = BIDI.map((message) => message.subject);

    // The first click shows (and reads) one message; Ctrl+clicks add the others.
    await selectRows(page, bidiSubjects);
    await waitForUnread(page, INBOX, 4);
    await dragRowTo(page, 'Bidi two', folder(page, 'Alpha team'), null);
    await waitForList(page, ['Keep one', 'Keep two']);
    await toast(page, ui('undo.moved', { count: 3, folder: 'Alpha team' })).waitFor({ timeout: UI_TIMEOUT_MS });
    // Two unread went; the row that took their place is shown, so it is read too.
    await waitForUnread(page, 'Alpha team', 2);
    await waitForUnread(page, INBOX, 1);

    // Ctrl+Z puts them back where they were.
    await grid(page).focus();
    await page.keyboard.press('Control+z');
    await waitForList(
      page,
      [...BIDI, ...KEEP].map((message) => message.subject),
    );
    await toast(page, ui('undo.undone', { action: ui('undo.moved', { count: 3, folder: 'Alpha team' }) })).waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForUnread(page, 'Alpha team', 0);
    await waitForUnread(page, INBOX, 3);

    // Ctrl held while dropping copies: the message stays, a copy is in the Local Folder.
    await row(page, 'Keep one').click();
    await dragRowTo(page, 'Keep one', folder(page, 'Archive'), 'Control');
    await toast(page, ui('undo.copied', { count: 1, folder: 'Archive' })).waitFor({ timeout: UI_TIMEOUT_MS });
    await row(page, 'Keep one').waitFor();

    // Move to… (Ctrl+Shift+V): the filter narrows the paths, arrows and Enter choose.
    await selectRows(page, bidiSubjects);
    await page.keyboard.press('Control+Shift+V');
    const move = page.getByRole('dialog', { name: ui('move.moveTitle', { count: 3 }) });
    await move.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(await move.getByRole('option').allInnerTexts(), [
      ui('folder.special.sent'),
      TRASH,
      ui('folder.special.junk'),
      'Projects',
      'Projects/Alpha team',
      `${ui('folder.localFolders')}/Archive`,
    ]);
    await move.getByRole('combobox', { name: ui('move.folder') }).pressSequentially('proj');
    assert.deepEqual(await move.getByRole('option').allInnerTexts(), ['Projects', 'Projects/Alpha team']);
    await page.keyboard.press('ArrowDown');
    assert.equal(await move.getByRole('option', { selected: true }).innerText(), 'Projects/Alpha team');
    await assertAccessible(page, 'the Move to… dialog');
    await env.screenshot(page, 'folders-move-dialog');
    await page.keyboard.press('Enter');
    await waitForList(page, ['Keep one', 'Keep two']);
    await toast(page, ui('undo.moved', { count: 3, folder: 'Projects/Alpha team' })).waitFor({ timeout: UI_TIMEOUT_MS });
    await waitForUnread(page, 'Alpha team', 2);
    await waitForUnread(page, INBOX, 1);
    await folder(page, 'Alpha team').click();
    await waitForList(page, bidiSubjects);
    await folder(page, 'Archive').click();
    await waitForList(page, ['Keep one']);

    // A flag, undone with Ctrl+Z.
    await folder(page, INBOX).click();
    await waitForList(page, ['Keep one', 'Keep two']);
    await row(page, 'Keep two').click();
    await page.keyboard.press('Insert');
    await toast(page, ui('undo.flags', { count: 1, read: 'none', flag: 'flagged' })).waitFor({ timeout: UI_TIMEOUT_MS });
    await row(page, 'Keep two')
      .filter({ hasText: ui('list.flagged') })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Control+z');
    await toast(page, ui('undo.undone', { action: ui('undo.flags', { count: 1, read: 'none', flag: 'flagged' }) })).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.waitForFunction(
      (flagged) =>
        ![...document.querySelectorAll('.grid-body [role="row"]')].some(
          (element) => element.textContent?.includes('Keep two') === true && element.textContent.includes(flagged),
        ),
      ui('list.flagged'),
      { timeout: UI_TIMEOUT_MS },
    );

    // A delete, undone with the toast's Undo button.
    await row(page, 'Keep two').click();
    await page.keyboard.press('Delete');
    await waitForList(page, ['Keep one']);
    await toast(page, ui('undo.movedToTrash', { count: 1 }))
      .getByRole('button', { name: ui('undo.undo') })
      .click();
    await waitForList(page, ['Keep one', 'Keep two']);
    // And the same with Ctrl+Z.
    await row(page, 'Keep two').click();
    await page.keyboard.press('Delete');
    await waitForList(page, ['Keep one']);
    await toast(page, new RegExp(`^${uiPattern('undo.movedToTrash', { count: 1 }).source}`)).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Control+z');
    await waitForList(page, ['Keep one', 'Keep two']);
    await folder(page, TRASH).click();
    await waitForList(page, []);
    assert.deepEqual(problems, []);
    await page.close();
  },
);

test('deleting a folder with mail names the count, and Trash receives exactly those messages', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await openMailWindow();
  await folder(page, 'Projects').click({ button: 'right' });
  await page
    .getByRole('menu', { name: ui('mail.folderActions', { folder: 'Projects' }) })
    .getByRole('menuitem', { name: ui('menu.deleteFolder') })
    .click();
  const question = page.getByRole('alertdialog', { name: ui('delete.folderTitle', { name: 'Projects' }) });
  await question.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.match(await question.innerText(), uiPattern('delete.folderText', { subFolders: 1, count: 3 }));
  await env.screenshot(page, 'folders-delete-question');
  await question.getByRole('button', { name: ui('delete.folderConfirmMove', { count: 3 }) }).click();
  await folder(page, 'Projects').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  assert.equal(await folder(page, 'Alpha team').count(), 0);
  await page
    .getByRole('status')
    .filter({ hasText: ui('folder.deleted', { name: 'Projects', moved: 3 }) })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await folder(page, TRASH).click();
  await waitForList(
    page,
    BIDI.map((message) => message.subject),
  );
  await waitForUnread(page, TRASH, 2);
  assert.deepEqual(problems, []);
  await page.close();
});
