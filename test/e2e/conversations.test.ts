/**
 * Conversations in the window, as a person uses them: mail delivered by a real Postfix into a real
 * Dovecot and fetched with Send/Receive, and a reply sent through Postfix that lands in Sent. The list
 * switched to Conversations shows a reply chain across Inbox and Sent (right-to-left senders inside
 * direction marks), two replies to a message that is not here under a placeholder, "Re: AW: Topic"
 * joined to "Topic" by its subject alone, unread counts, Thunderbird's keys (Right, Left, `*`, `\`),
 * the reader's Show conversation, the switch kept after a reload, and the accessibility check.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import { plainMessage } from './reader-fixtures';
import { assertAccessible } from './support/accessibility';
import { waitFor } from './support/answering';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, type MailEnvironment } from './support/mail-environment';
import { ANY_NUMBER, ui, uiPattern } from './support/words';

const ALICE = 'alice@example.test';
/** Longest wait for something the window shows. */
const UI_TIMEOUT_MS = 20_000;
/** A Hebrew name inside a right-to-left mark, and an Arabic one inside an embedding, as mail programs send them. */
const SARA = '\u200Fשרה כהן';
const AHMAD = '\u202Bأحمد علي\u202C';

/** The people of the Picnic conversation, in the order they write: more than the list names. */
const PICNIC_SENDERS = ['Hana', 'Ivan', 'Jo', 'Kim', 'Lee', 'Max', 'Ned'] as const;
/** How many senders a conversation's row names before "and N more". */
const NAMED_PARTICIPANTS = 5;

let env: MailEnvironment;
let accountId: string;

/** A header value in an RFC 2047 encoded word (UTF-8, base64). */
function encoded(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function build(fields: { from: string; subject: string; day: number; id?: string; references?: readonly string[] }): Buffer {
  return plainMessage({
    from: fields.from,
    to: `Alice Example <${ALICE}>`,
    subject: fields.subject,
    date: `${fields.day} Mar 2026 10:00:00 +0000`,
    ...(fields.id === undefined ? {} : { id: `${fields.id}@example.test` }),
    headers: fields.references === undefined ? [] : [`References: ${fields.references.join(' ')}`],
    body: `Text of ${fields.subject} on day ${fields.day}.`,
  });
}

async function deliver(raw: Buffer): Promise<void> {
  await env.deliver(raw, { from: 'sender@example.test', to: [ALICE] });
}

async function receive(count: number): Promise<void> {
  const started = await env.client.call('startSendReceive', { accountId });
  assert.ok(started.ok && started.value.started.includes(accountId), 'Send/Receive did not start');
  await waitFor(async () => {
    const list = await env.client.call('listMessages', { source: { kind: 'unified-inbox' } });
    return list.ok && list.value.total >= count && list.value.messages.every((message) => message.indexed);
  }, `${count} messages received and indexed`);
}

async function folderId(role: string): Promise<number> {
  const tree = await env.client.call('listFolders', { accountId });
  assert.ok(tree.ok);
  const folder = tree.value.accounts[0]?.folders.find((entry) => entry.role === role);
  assert.ok(folder !== undefined, `no ${role}`);
  return folder.id;
}

/** How many messages of the Inbox have this subject (the shared test maildir also brings back what Alice sends). */
async function inboxCount(subject: string): Promise<number> {
  const list = await env.client.call('listMessages', { source: { kind: 'unified-inbox' }, limit: 500 });
  assert.ok(list.ok);
  return list.value.messages.filter((message) => message.subject === subject).length;
}

before(async () => {
  env = await startMailEnvironment();
  accountId = await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
  await env.client.call('updateSettings', { undoSendSeconds: 0, sendImmediately: true });
  await deliver(build({ from: `${encoded(SARA)} <sara@example.test>`, subject: 'Plan', day: 1, id: 'plan' }));
  await receive(1);
  // Alice answers: the reply goes out through Postfix and is kept in Sent.
  const queued = await env.client.call('queueMessage', {
    accountId,
    message: {
      to: [{ address: 'bob@example.test' }],
      cc: [],
      bcc: [],
      subject: 'Re: Plan',
      text: 'Sounds good.',
      inReplyTo: '<plan@example.test>',
      references: ['<plan@example.test>'],
    },
    attachments: [],
    forwardedAttachments: [],
  });
  assert.ok(queued.ok, JSON.stringify(queued));
  const sent = await folderId('sent');
  let replyId = '';
  await waitFor(async () => {
    const outbox = await env.client.call('listOutbox', { accountId });
    if (outbox.ok && outbox.value.some((item) => item.state === 'failed')) assert.fail(`sending failed: ${JSON.stringify(outbox.value)}`);
    const list = await env.client.call('listMessages', { source: { kind: 'folder', folderId: sent } });
    const first = list.ok ? list.value.messages[0] : undefined;
    if (first === undefined) return false;
    const message = await env.client.call('getMessage', { id: first.id });
    replyId = message.ok ? (message.value.messageId ?? '') : '';
    return replyId !== '';
  }, 'the reply in Sent');
  await deliver(
    build({ from: `${encoded(AHMAD)} <ahmad@example.test>`, subject: 'Re: Plan', day: 3, id: 'again', references: ['<plan@example.test>', replyId] }),
  );
  await deliver(build({ from: 'Carol <carol@example.test>', subject: 'Re: Budget', day: 4, id: 'budget-1', references: ['<gone@example.test>'] }));
  await deliver(build({ from: 'Dan <dan@example.test>', subject: 'Re: Budget', day: 5, id: 'budget-2', references: ['<gone@example.test>'] }));
  await deliver(build({ from: 'Erin <erin@example.test>', subject: 'Topic', day: 6 }));
  await deliver(build({ from: 'Frank <frank@example.test>', subject: 'Re: AW: Topic', day: 7 }));
  await deliver(build({ from: 'Gus <gus@example.test>', subject: 'Lunch', day: 8, id: 'lunch' }));
  // A conversation of more people than the list names, in February so it stays last in the list.
  for (const [index, name] of PICNIC_SENDERS.entries()) {
    const subject = index === 0 ? 'Picnic' : 'Re: Picnic';
    const date = `${index + 1} Feb 2026 10:00:00 +0000`;
    await deliver(
      plainMessage({ from: `${name} <${name.toLowerCase()}@example.test>`, to: `Alice Example <${ALICE}>`, subject, date, body: `${name} brings food.` }),
    );
  }
  await receive(7 + PICNIC_SENDERS.length);
});

after(async () => {
  await env?.stop();
});

function tree(page: Page) {
  return page.getByRole('treegrid', { name: ui('conversations.toggle') });
}

/** The level-1 row of the conversation whose first message has this subject. */
function conversation(page: Page, subject: string) {
  const escaped = subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return tree(page)
    .locator('[role="row"][aria-level="1"]')
    .filter({ has: page.locator('.col-subject', { hasText: new RegExp(`^${escaped} \\(`) }) });
}

async function levels(page: Page): Promise<Array<{ level: string | null; text: string }>> {
  return tree(page)
    .locator('[role="row"]')
    .evaluateAll((rows) => rows.map((row) => ({ level: row.getAttribute('aria-level'), text: row.textContent ?? '' })));
}

async function expandedStates(page: Page): Promise<Array<string | null>> {
  return tree(page)
    .locator('[role="row"][aria-level="1"][aria-expanded]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-expanded')));
}

test('the Conversations view threads Inbox and Sent, holds missing parents and joins by subject, by keyboard', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const copies = await inboxCount('Re: Plan');
  const { page, problems } = await env.openPage({ width: 1280, height: 800 });
  await page
    .getByRole('grid', { name: ui('mail.messages') })
    .getByRole('row', { name: /Lunch/ })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  const toggle = page.getByRole('button', { name: ui('conversations.toggle'), exact: true });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.click();
  await tree(page).waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');

  // Sara's message, Alice's reply from Sent (and its copy delivered back, when the maildir brought one) and Ahmad's answer.
  const plan = conversation(page, 'Plan');
  await plan.waitFor({ timeout: UI_TIMEOUT_MS });
  const planCount = 3 + (copies - 1);
  assert.match(await plan.innerText(), uiPattern('conversations.countUnread', { count: planCount, unread: ANY_NUMBER }));
  assert.ok((await plan.innerText()).includes(SARA.replace('\u200F', '')), 'the Hebrew sender is listed');
  await conversation(page, 'Topic').waitFor();
  assert.match(await conversation(page, 'Topic').innerText(), uiPattern('conversations.countUnread', { count: 2, unread: 2 }));
  assert.match(await conversation(page, 'Lunch').innerText(), uiPattern('conversations.countUnread', { count: 1, unread: 1 }));
  assert.equal(await conversation(page, 'Lunch').getAttribute('aria-expanded'), null, 'a conversation of one message does not open');
  // A conversation of seven people names the first five and says how many more, in the window's language.
  const picnicSenders = await conversation(page, 'Picnic').locator('.col-sender').innerText();
  const named = PICNIC_SENDERS.slice(0, NAMED_PARTICIPANTS).join(', ');
  assert.equal(picnicSenders, ui('list.recipientsAndMore', { names: named, count: PICNIC_SENDERS.length - NAMED_PARTICIPANTS }));
  const budget = await conversation(page, 'Re: Budget').innerText();
  assert.ok(
    [uiPattern('conversations.count', { count: 2 }), uiPattern('conversations.countUnread', { count: 2, unread: ANY_NUMBER })].some((pattern) =>
      pattern.test(budget),
    ),
  );
  await assertAccessible(page, 'the conversation list');

  // Right opens the focused conversation, Right again goes to its first message, Left goes back up, Left closes.
  await plan.click();
  assert.equal(await plan.getAttribute('aria-expanded'), 'false');
  await tree(page).press('ArrowRight');
  await waitFor(async () => (await plan.getAttribute('aria-expanded')) === 'true', 'Right opens the conversation');
  await waitFor(async () => (await levels(page)).some((row) => row.level === '3'), 'the reply chain below it');
  const rows = await levels(page);
  const start = rows.findIndex((row) => row.level === '1' && row.text.includes('Plan ('));
  const chain = rows.slice(start + 1, start + 1 + planCount);
  assert.equal(chain[0]?.level, '2', 'Sara’s message is the root of the chain');
  assert.ok(
    chain.some((row) => row.text.includes('Alice') && row.level === '3'),
    `Alice’s reply from Sent below it: ${JSON.stringify(chain)}`,
  );
  assert.ok(
    chain.some((row) => row.text.includes(AHMAD.replace(/[\u202B\u202C]/g, '')) && row.level === '4'),
    `Ahmad’s answer to Alice below hers: ${JSON.stringify(chain)}`,
  );
  await tree(page).press('ArrowRight');
  const firstLine = tree(page).locator('[role="row"][aria-level="2"][aria-selected="true"]');
  await firstLine.waitFor({ timeout: UI_TIMEOUT_MS });
  await page
    .getByRole('region', { name: ui('reader.label') })
    .getByRole('heading', { name: 'Plan', exact: true })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await tree(page).press('ArrowLeft');
  await waitFor(async () => (await plan.getAttribute('aria-selected')) === 'true', 'Left goes up to the conversation');
  await tree(page).press('ArrowLeft');
  await waitFor(async () => (await plan.getAttribute('aria-expanded')) === 'false', 'Left closes it');

  // * opens every conversation, \ closes them all.
  await tree(page).press('*');
  await waitFor(async () => {
    const states = await expandedStates(page);
    return states.length >= 3 && states.every((state) => state === 'true');
  }, '* opens all');
  await waitFor(async () => (await levels(page)).some((row) => row.text.includes(ui('conversations.missing'))), 'the placeholder of the missing parent');
  const all = await levels(page);
  const placeholder = all.findIndex((row) => row.text.includes(ui('conversations.missing')));
  assert.equal(all[placeholder]?.level, '2');
  assert.deepEqual(
    all.slice(placeholder + 1, placeholder + 3).map((row) => [row.level, /Carol|Dan/.test(row.text)]),
    [
      ['3', true],
      ['3', true],
    ],
    'both replies below the message that is not here',
  );
  const topic = all.findIndex((row) => row.level === '1' && row.text.includes('Topic ('));
  assert.deepEqual(
    all.slice(topic + 1, topic + 3).map((row) => [row.level, row.text.includes('Re: AW: Topic')]),
    [
      ['2', false],
      ['3', true],
    ],
    '“Re: AW: Topic” joined “Topic” by its subject',
  );
  await assertAccessible(page, 'the open conversations');
  await env.screenshot(page, 'conversations-open');
  await tree(page).press('\\');
  await waitFor(async () => (await expandedStates(page)).every((state) => state === 'false'), '\\ closes all');

  // The reader shows the whole conversation and goes to any message of it.
  await plan.click();
  const reader = page.getByRole('region', { name: ui('reader.label') });
  await reader.getByRole('heading', { name: 'Plan', exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
  await reader.getByRole('button', { name: ui('conversations.show') }).click();
  const panel = reader.getByRole('region', { name: ui('conversations.title'), exact: true });
  await panel.getByText(ui('conversations.titleCount', { count: planCount })).waitFor({ timeout: UI_TIMEOUT_MS });
  await panel.getByRole('button', { name: /Alice/ }).first().click();
  await reader.getByRole('heading', { name: 'Re: Plan', exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });

  // The choice is kept: after a reload the list shows conversations again.
  await page.reload();
  await tree(page).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('button', { name: ui('conversations.toggle'), exact: true }).click();
  await page.getByRole('grid', { name: ui('mail.messages') }).waitFor({ timeout: UI_TIMEOUT_MS });
  assert.deepEqual(problems, []);
  await page.close();
});
