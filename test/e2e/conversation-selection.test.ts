/**
 * Several rows of the Conversations view selected as a person does it, with tall mail (right-to-left
 * senders in direction marks) delivered by a real Postfix into a real Dovecot and fetched with
 * Send/Receive: Ctrl-click, Shift-click and Shift+arrows; a closed conversation acts with all of its
 * messages for Mark as read, Flag (and Ctrl+Z), dragging onto a folder (and Ctrl+Z), and an open one's
 * message lines are selected and deleted one by one.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import { plainMessage } from './reader-fixtures';
import { assertAccessible } from './support/accessibility';
import { waitFor } from './support/answering';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, type MailEnvironment } from './support/mail-environment';
import { ANY_NUMBER, ANY_TEXT, ui, uiPattern } from './support/words';

const ALICE = 'alice@example.test';
/** Longest wait for something the window shows. */
const UI_TIMEOUT_MS = 20_000;
/** A Hebrew name inside a right-to-left mark, and an Arabic one inside an embedding, as mail programs send them. */
const SARA = '\u200Fשרה כהן';
const AHMAD = '\u202Bأحمد علي\u202C';

let env: MailEnvironment;
let accountId: string;

/** A header value in an RFC 2047 encoded word (UTF-8, base64). */
function encoded(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** A tall message of a conversation. */
function tall(fields: { from: string; subject: string; day: number; id: string; references?: readonly string[] }): Buffer {
  const lines = Array.from({ length: 300 }, (_, index) => `Line ${index + 1} of ${fields.subject} on day ${fields.day}.`);
  const references = fields.references === undefined ? [] : [`References: ${fields.references.map((id) => `<${id}@example.test>`).join(' ')}`];
  return plainMessage({
    from: fields.from,
    to: `Alice Example <${ALICE}>`,
    subject: fields.subject,
    date: `${fields.day} Mar 2026 10:00:00 +0000`,
    id: `${fields.id}@example.test`,
    headers: references,
    body: lines.join('\r\n'),
  });
}

const SARA_FROM = `${encoded(SARA)} <sara@example.test>`;
const AHMAD_FROM = `${encoded(AHMAD)} <ahmad@example.test>`;
/** Four conversations; the list shows them newest first: Trip, Lunch, Budget, Plan. */
const MAIL = [
  { from: SARA_FROM, subject: 'Plan', day: 1, id: 'plan' },
  { from: AHMAD_FROM, subject: 'Re: Plan', day: 2, id: 'plan-2', references: ['plan'] },
  { from: 'Bob <bob@example.test>', subject: 'Re: Plan', day: 3, id: 'plan-3', references: ['plan', 'plan-2'] },
  { from: 'Carol <carol@example.test>', subject: 'Budget', day: 4, id: 'budget' },
  { from: SARA_FROM, subject: 'Re: Budget', day: 5, id: 'budget-2', references: ['budget'] },
  { from: 'Gus <gus@example.test>', subject: 'Lunch', day: 6, id: 'lunch' },
  { from: AHMAD_FROM, subject: 'Trip', day: 7, id: 'trip' },
  { from: 'Frank <frank@example.test>', subject: 'Re: Trip', day: 8, id: 'trip-2', references: ['trip'] },
] as const;

interface Stored {
  readonly id: number;
  readonly subject: string;
  readonly seen: boolean;
  readonly flagged: boolean;
  readonly folderId: number;
}

/** Every message of the account, as the store has it. */
async function stored(): Promise<Stored[]> {
  const tree = await env.client.call('listFolders', { accountId });
  assert.ok(tree.ok);
  const all: Stored[] = [];
  for (const folder of tree.value.accounts[0]?.folders ?? []) {
    const list = await env.client.call('listMessages', { source: { kind: 'folder', folderId: folder.id }, limit: 500 });
    assert.ok(list.ok);
    for (const message of list.value.messages) all.push({ ...message, subject: message.subject ?? '', folderId: folder.id });
  }
  return all;
}

async function folderId(role: string | null, name?: string): Promise<number> {
  const tree = await env.client.call('listFolders', { accountId });
  assert.ok(tree.ok);
  const folder = tree.value.accounts[0]?.folders.find((entry) => (role === null ? entry.name === name : entry.role === role));
  assert.ok(folder !== undefined, `no ${role ?? name}`);
  return folder.id;
}

/** Waits until the store's messages of these subjects pass a check. */
async function waitForStored(subjects: readonly string[], check: (message: Stored) => boolean, what: string): Promise<void> {
  let last: Stored[] = [];
  await waitFor(async () => {
    last = (await stored()).filter((message) => subjects.includes(message.subject));
    return last.length > 0 && last.every(check);
  }, what).catch(() => assert.fail(`${what}: ${JSON.stringify(last)}`));
}

before(async () => {
  env = await startMailEnvironment();
  accountId = await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
  for (const message of MAIL) await env.deliver(tall(message), { from: 'sender@example.test', to: [ALICE] });
  const started = await env.client.call('startSendReceive', { accountId });
  assert.ok(started.ok && started.value.started.includes(accountId), 'Send/Receive did not start');
  await waitFor(async () => {
    const list = await env.client.call('listMessages', { source: { kind: 'unified-inbox' }, limit: 500 });
    return list.ok && list.value.total >= MAIL.length && list.value.messages.every((message) => message.indexed);
  }, 'every message received and indexed');
  const created = await env.client.call('createFolder', { accountId, name: 'Archive' });
  assert.ok(created.ok);
  const settings = await env.client.call('updateSettings', { conversations: true });
  assert.ok(settings.ok);
});

after(async () => {
  await env?.stop();
});

function tree(page: Page): Locator {
  return page.getByRole('treegrid', { name: ui('conversations.toggle') });
}

function conversation(page: Page, subject: string): Locator {
  return tree(page)
    .locator('[role="row"][aria-level="1"]')
    .filter({ has: page.locator('.col-subject', { hasText: new RegExp(`^${subject} \\(`) }) });
}

/** The message lines of an open conversation, in reply order. */
function lines(page: Page): Locator {
  return tree(page).locator('[role="row"].conversation-line');
}

async function selectedCount(page: Page): Promise<number> {
  return tree(page).locator('[role="row"][aria-selected="true"]').count();
}

/** The status line's summary of the Inbox's eight messages with this many selected. */
function selectedMessages(selected: number): RegExp {
  return uiPattern('mail.summarySelected', { list: ANY_TEXT, total: MAIL.length, unread: ANY_NUMBER, selected });
}

async function waitForSelected(page: Page, count: number, messages: number | null): Promise<void> {
  await waitFor(async () => (await selectedCount(page)) === count, `${count} rows selected`);
  if (messages !== null) await page.getByText(selectedMessages(messages)).first().waitFor({ timeout: UI_TIMEOUT_MS });
}

function toolbarButton(page: Page, name: string): Locator {
  return page.getByRole('toolbar', { name: ui('toolbar.label') }).getByRole('button', { name, exact: true });
}

test(
  'rows of the Conversations view are selected with Ctrl, Shift and Shift+arrows, and closed conversations act with all their messages',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const { page, problems } = await env.openPage({ width: 1280, height: 800 });
    await conversation(page, 'Plan').waitFor({ timeout: UI_TIMEOUT_MS });
    const reader = page.getByRole('region', { name: ui('reader.label') });

    // A click: one conversation, shown in the reader. Ctrl-click adds another: the reader empties.
    await conversation(page, 'Trip').click();
    await reader.getByRole('heading', { name: 'Trip', exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await conversation(page, 'Budget').click({ modifiers: ['Control'] });
    await waitForSelected(page, 2, 4);
    await reader.getByRole('heading', { name: 'Trip', exact: true }).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await assertAccessible(page, 'two conversations selected');
    await env.screenshot(page, 'conversations-two-selected');

    // Mark as read and Flag act on all four messages of the two closed conversations; Ctrl+Z takes the flag back.
    await toolbarButton(page, ui('toolbar.markRead')).click();
    await waitForStored(['Trip', 'Re: Trip', 'Budget', 'Re: Budget'], (message) => message.seen, 'both conversations read');
    await toolbarButton(page, ui('toolbar.flag')).click();
    await waitForStored(['Trip', 'Re: Trip', 'Budget', 'Re: Budget'], (message) => message.flagged, 'both conversations flagged');
    await waitForStored(['Plan', 'Lunch'], (message) => !message.flagged && !message.seen, 'the others untouched');
    await tree(page).press('Control+z');
    await waitForStored(['Trip', 'Re: Trip', 'Budget', 'Re: Budget'], (message) => !message.flagged, 'the flags undone');

    // Ctrl-click takes one out again; Shift-click selects a range from the anchor; Shift+arrows extend it.
    await conversation(page, 'Budget').click({ modifiers: ['Control'] });
    await waitForSelected(page, 1, null);
    assert.equal(await conversation(page, 'Trip').getAttribute('aria-selected'), 'true');
    await conversation(page, 'Trip').click();
    await conversation(page, 'Budget').click({ modifiers: ['Shift'] });
    await waitForSelected(page, 3, 5);
    await tree(page).press('Shift+ArrowDown');
    await waitForSelected(page, 4, 8);
    await tree(page).press('Shift+ArrowUp');
    await tree(page).press('Shift+ArrowUp');
    await waitForSelected(page, 2, 3);
    assert.equal(await conversation(page, 'Trip').getAttribute('aria-selected'), 'true');
    assert.equal(await conversation(page, 'Lunch').getAttribute('aria-selected'), 'true');
    await tree(page).press('Shift+ArrowDown');
    await waitForSelected(page, 3, 5);

    // Dragged onto Archive: Trip, Lunch and Budget go with all five messages; Ctrl+Z brings them back.
    const archive = page.getByRole('tree', { name: ui('folder.pane') }).getByRole('treeitem', { name: 'Archive', exact: true });
    await conversation(page, 'Lunch').dragTo(archive);
    const archiveId = await folderId(null, 'Archive');
    await waitForStored(['Trip', 'Re: Trip', 'Lunch', 'Budget', 'Re: Budget'], (message) => message.folderId === archiveId, 'five messages in Archive');
    await conversation(page, 'Trip').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await waitForStored(['Plan', 'Re: Plan'], (message) => message.folderId !== archiveId, 'Plan stays');
    await page.keyboard.press('Control+z');
    const inbox = await folderId('inbox');
    await waitForStored(['Trip', 'Re: Trip', 'Lunch', 'Budget', 'Re: Budget'], (message) => message.folderId === inbox, 'moved back by Undo');
    await conversation(page, 'Trip').waitFor({ timeout: UI_TIMEOUT_MS });

    // An open conversation: its lines are selected one by one (Ctrl), and only they are deleted.
    await conversation(page, 'Plan').click();
    await tree(page).press('ArrowRight');
    await waitFor(async () => (await lines(page).count()) === 3, 'the three lines of Plan');
    await lines(page).nth(1).click();
    await lines(page)
      .nth(2)
      .click({ modifiers: ['Control'] });
    await waitForSelected(page, 2, 2);
    await toolbarButton(page, ui('toolbar.delete')).click();
    const trash = await folderId('trash');
    await waitForStored(['Re: Plan'], (message) => message.folderId === trash, 'both replies in Trash');
    await waitForStored(['Plan'], (message) => message.folderId === inbox, 'the first message stays');
    const oneMessage = [uiPattern('conversations.count', { count: 1 }), uiPattern('conversations.countUnread', { count: 1, unread: ANY_NUMBER })];
    await waitFor(async () => {
      const text = await conversation(page, 'Plan').innerText();
      return oneMessage.some((pattern) => pattern.test(text));
    }, 'Plan is one message now');
    assert.deepEqual(problems, []);
    await page.close();
  },
);
