/**
 * The address book in Chromium against a real Postfix and Dovecot: suggestions in To/Cc/Bcc while
 * typing (an ARIA combobox walked with the keyboard: Down, Up, Escape, Enter and Tab; a group kept as
 * one entry through a saved draft and sent by Postfix to its members at the time of sending, or refused
 * with its name once deleted; accents ignored), addresses collected by sending and then ranked above those never
 * written to, the Contacts view with many bidi names, mail from a contact never judged junk, and the
 * senders whose remote content loads reviewed and removed in Settings.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Locator, Page } from 'playwright-core';
import type { ContactInput } from '../../shared/contacts';
import { DEFAULT_MAILBOXES } from '../servers/postfix';
import { assertAccessible } from './support/accessibility';
import { startCanary } from './reader-fixtures';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { ui, uiPattern } from './support/words';

const UI_TIMEOUT_MS = 20_000;
/** How often Postfix's log is read while waiting for a delivery to be logged. */
const LOG_POLL_MS = 100;

/** Contacts enough to need ranking and scrolling: Latin, Hebrew and Arabic names. */
const CONTACT_COUNT = 600;

let env: MailEnvironment;
let accountId: string;

function valueOf<T>(result: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: { readonly message: string } }): T {
  if (!result.ok) assert.fail(result.error.message);
  return result.value;
}

function contact(displayName: string, address: string, more: Partial<ContactInput> = {}): ContactInput {
  return { displayName, firstName: '', lastName: '', addresses: [address], phone: '', notes: '', ...more };
}

const HEBREW = ['שרה', 'דוד', 'רבקה', 'משה', 'לאה'];
const ARABIC = ['أحمد', 'فاطمة', 'محمد', 'ليلى', 'يوسف'];

/** Contacts the tests look for, among many generated ones. */
const IDS: Record<string, number> = {};

/** Opens the Contacts view from the toolbar's More menu, where it waits so the toolbar keeps to one line. */
async function openContacts(page: Page): Promise<void> {
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.moreLabel') })
    .click();
  await page
    .getByRole('menu', { name: ui('toolbar.moreLabel') })
    .getByRole('menuitem', { name: ui('toolbar.contacts') })
    .click();
}

before(async () => {
  env = await startMailEnvironment({ postfix: { mailboxes: [...DEFAULT_MAILBOXES, 'new.person', 'anna.baker', 'zoe', 'sara', 'anna.archer'] } });
  accountId = await env.addAccount('alice');
  const named = [
    contact('Zoë Ünal', 'zoe@example.test'),
    contact('Anna Archer', 'anna.archer@example.test'),
    contact('Anna Baker', 'anna.baker@example.test'),
    contact('שרה כהן', 'sara@example.test'),
    contact('أحمد علي', 'ahmad@example.test'),
  ];
  for (const input of named) IDS[input.displayName] = valueOf(await env.client.call('saveContact', { contact: input })).id;
  for (let index = 0; index < CONTACT_COUNT; index += 1) {
    const name = index % 3 === 0 ? `${HEBREW[index % 5] ?? ''} ${index}` : index % 3 === 1 ? `${ARABIC[index % 5] ?? ''} ${index}` : `Person ${index} Example`;
    valueOf(await env.client.call('saveContact', { contact: contact(name, `person${index}@example.test`) }));
  }
  valueOf(await env.client.call('saveContactGroup', { name: 'Team', memberIds: [IDS['Zoë Ünal'] ?? 0, IDS['שרה כהן'] ?? 0] }));
});

after(async () => {
  await env?.stop();
});

/**
 * Types into the Contacts view's search box and waits until the list answers that search: until then the
 * list still shows the one before, and a click on it could land on a row that is about to go.
 */
async function searchContacts(view: Locator, text: string): Promise<void> {
  await view.getByRole('searchbox', { name: ui('contacts.search') }).fill(text);
  await view
    .getByRole('list', { name: ui('toolbar.contacts') })
    .and(view.locator('[aria-busy="false"]'))
    .waitFor({ timeout: UI_TIMEOUT_MS });
}

async function openCompose(page: Page) {
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.new') })
    .click();
  const dialog = page.getByRole('dialog', { name: uiPattern('compose.title.new') });
  await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
  return dialog;
}

async function chipNames(page: Page, field: 'to' | 'cc' | 'bcc'): Promise<string[]> {
  const list = page.getByRole('list', { name: ui('compose.fieldRecipients', { field }) });
  if ((await list.count()) === 0) return [];
  return (await list.locator('li > span:first-child').allTextContents()).map((text) => text.trim());
}

test('To suggests contacts while typing; arrows, Escape, Enter and Tab work the list; a group stays one entry', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage(WINDOW_SIZES[1]);
  const dialog = await openCompose(page);
  const to = dialog.getByRole('combobox', { name: ui('compose.fieldTo'), exact: true });
  await to.pressSequentially('una');
  const list = dialog.getByRole('listbox', { name: ui('compose.suggestionsFor', { field: 'to' }) });
  await list.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await to.getAttribute('aria-expanded'), 'true');
  assert.deepEqual(
    await list.getByRole('option').allTextContents(),
    [`Zoë Ünal <zoe@example.test>${ui('compose.suggestionFromContact')}`],
    'accents are ignored',
  );
  assert.equal(await to.getAttribute('aria-activedescendant'), await list.getByRole('option').first().getAttribute('id'));
  await env.screenshot(page, 'compose-suggestions');
  await assertAccessible(page, 'compose with suggestions');

  await to.press('Escape');
  await list.waitFor({ state: 'detached' });
  assert.equal(await to.getAttribute('aria-expanded'), 'false');
  assert.equal(await dialog.count(), 1, 'Escape closed the list, not the message');
  await to.press('ArrowDown');
  await list.waitFor();
  await to.press('Enter');
  await list.waitFor({ state: 'detached' });
  assert.deepEqual(await chipNames(page, 'to'), ['Zoë Ünal']);
  assert.equal(await to.inputValue(), '');

  await to.pressSequentially('anna');
  await list.getByRole('option', { name: /Anna Baker/ }).waitFor();
  const options = list.getByRole('option');
  assert.deepEqual(await options.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-selected'))), ['true', 'false']);
  await to.press('ArrowDown');
  assert.equal(await to.getAttribute('aria-activedescendant'), await options.nth(1).getAttribute('id'));
  await to.press('ArrowDown');
  assert.equal(await to.getAttribute('aria-activedescendant'), await options.nth(0).getAttribute('id'), 'Down wraps to the top');
  await to.press('ArrowUp');
  const chosen = (await options.nth(1).textContent()) ?? '';
  await to.press('Tab');
  assert.deepEqual(await chipNames(page, 'to'), ['Zoë Ünal', chosen.replace(/ <.*$/u, '')]);

  await to.focus();
  await to.pressSequentially('tea');
  const teamOption = list.getByRole('option').filter({ hasText: ui('compose.groupSuggestion', { name: 'Team', count: 2 }) });
  assert.equal(
    await teamOption.textContent({ timeout: UI_TIMEOUT_MS }),
    `${ui('compose.groupSuggestion', { name: 'Team', count: 2 })}${ui('compose.suggestionFromGroup')}`,
  );
  await to.press('Enter');
  assert.deepEqual((await chipNames(page, 'to')).slice(2), [ui('compose.groupChip', { name: 'Team', count: 2 })], 'the group is one chip, not its members');
  const teamChip = dialog
    .getByRole('list', { name: ui('compose.fieldRecipients', { field: 'to' }) })
    .getByRole('listitem')
    .nth(2);
  assert.equal(await teamChip.getAttribute('title'), ui('compose.groupChipTitle', { name: 'Team', count: 2 }));
  await teamChip.getByRole('button', { name: ui('compose.removeRecipient', { name: 'Team' }) }).waitFor();

  await to.pressSequentially('أحمد ع');
  await list.getByRole('option', { name: /أحمد علي/ }).waitFor();
  await to.press('Enter');
  assert.equal((await chipNames(page, 'to')).at(-1), 'أحمد علي');

  await to.pressSequentially('nobody@nowhere.example,');
  assert.equal((await chipNames(page, 'to')).at(-1), 'nobody@nowhere.example', 'a typed address with no suggestion is kept as typed');
  assert.deepEqual(problems, []);
  await page.close();
});

test('sending collects the recipients, and the one written to comes first next time', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
  const dialog = await openCompose(page);
  await dialog.getByRole('combobox', { name: ui('compose.fieldTo'), exact: true }).fill('New Person <new.person@example.test>, anna.baker@example.test,');
  await dialog.getByLabel(ui('compose.subject')).fill('Hello');
  await dialog.getByLabel(ui('compose.body')).fill('Hi.');
  const before = (await env.postfix.listDelivered()).length;
  await dialog.getByRole('button', { name: ui('compose.send') }).click();
  await deliveriesAfter(before, 2);
  const collected = async () => valueOf(await env.client.call('listContacts', { book: 'collected' })).contacts;
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while ((await collected()).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.deepEqual(
    (await collected()).map((entry) => [entry.displayName, entry.addresses]),
    [['New Person', ['new.person@example.test']]],
    'the new address was collected; the contact already in the book was not copied',
  );

  const next = await openCompose(page);
  const to = next.getByRole('combobox', { name: ui('compose.fieldTo'), exact: true });
  await to.pressSequentially('anna');
  const list = next.getByRole('listbox', { name: ui('compose.suggestionsFor', { field: 'to' }) });
  await list.getByRole('option').nth(1).waitFor({ timeout: UI_TIMEOUT_MS });
  assert.match((await list.getByRole('option').first().textContent()) ?? '', /^Anna Baker/, 'the address written to ranks first');
  await to.fill('');
  await to.pressSequentially('new');
  await list.getByRole('option').first().waitFor({ timeout: UI_TIMEOUT_MS });
  assert.deepEqual(await list.getByRole('option').allTextContents(), [`New Person <new.person@example.test>${ui('compose.suggestionFromCollected')}`]);
  assert.deepEqual(problems, []);
  await page.close();
});

/** Who the draft of the group test reaches: bob, written directly, and the group's three members. */
const MEMBERS = ['anna.archer@example.test', 'bob@example.test', 'sara@example.test', 'zoe@example.test'];

/** Of `recipients`, those Postfix's log shows delivered (status=sent), waiting until all are or the time is up. */
async function deliveredTo(recipients: readonly string[]): Promise<string[]> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  for (;;) {
    const log = await env.postfix.readLogs();
    const sent = recipients.filter((address) => new RegExp(`to=<${address.replace(/[.]/g, '\\.')}>.*status=sent`).test(log));
    if (sent.length === recipients.length || Date.now() > deadline) return sent;
    await new Promise((resolve) => setTimeout(resolve, LOG_POLL_MS));
  }
}

/** The new deliveries' bytes once `count` more arrived after `before`. */
async function deliveriesAfter(before: number, count: number): Promise<Buffer[]> {
  return (await env.postfix.waitForDeliveries(before + count, UI_TIMEOUT_MS)).slice(before);
}

/** Saves the message of an open compose window as a draft and returns the draft's id, found by its subject. */
async function saveAsDraft(dialog: Locator, subject: string): Promise<number> {
  await dialog.getByRole('button', { name: ui('compose.saveDraft') }).click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  const drafts = valueOf(await env.client.call('listDrafts', { accountId }));
  const draft = drafts.drafts.find((item) => item.subject === subject);
  assert.ok(draft !== undefined, 'the draft is in Drafts');
  return draft.id;
}

/** Opens a draft from the Drafts folder by its subject. */
async function openDraft(page: Page, subject: string): Promise<Locator> {
  await page
    .getByRole('tree', { name: ui('folder.pane') })
    .getByRole('treeitem', { name: ui('folder.special.drafts'), exact: true })
    .first()
    .click();
  await page
    .getByRole('grid', { name: ui('mail.messages') })
    .getByRole('row', { name: new RegExp(subject) })
    .dblclick();
  const dialog = page.getByRole('dialog', { name: uiPattern('compose.title.draft') });
  await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
  return dialog;
}

/** Picks the group named `name` from the suggestions of a field. */
async function pickGroup(dialog: Locator, field: Locator, name: string, count: number): Promise<void> {
  await field.pressSequentially(name.slice(0, 3));
  const option = dialog
    .getByRole('listbox', { name: ui('compose.suggestionsFor', { field: 'to' }) })
    .getByRole('option')
    .filter({ hasText: ui('compose.groupSuggestion', { name, count }) });
  await option.waitFor({ timeout: UI_TIMEOUT_MS });
  await option.click();
}

test('a group stays one entry through a saved draft, and Send has Postfix deliver to every member it has then', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const crew = valueOf(await env.client.call('saveContactGroup', { name: 'Crew', memberIds: [IDS['Zoë Ünal'] ?? 0, IDS['שרה כהן'] ?? 0] }));
  const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
  const dialog = await openCompose(page);
  const to = dialog.getByRole('combobox', { name: ui('compose.fieldTo'), exact: true });
  await to.fill('bob@example.test,');
  await pickGroup(dialog, to, 'Crew', 2);
  assert.deepEqual(await chipNames(page, 'to'), ['bob@example.test', ui('compose.groupChip', { name: 'Crew', count: 2 })]);
  await dialog.getByLabel(ui('compose.subject')).fill('Crew news');
  await dialog.getByLabel(ui('compose.body')).fill('The boat leaves at nine.');
  const draftId = await saveAsDraft(dialog, 'Crew news');
  const opened = valueOf(await env.client.call('openDraft', { id: draftId }));
  assert.deepEqual(opened.groups, [{ field: 'to', groupId: crew.id, name: 'Crew' }], 'the draft keeps the group, not its members');
  assert.deepEqual(opened.to, [{ address: 'bob@example.test' }]);

  // A member joins after the draft was written: the message goes to them too.
  valueOf(
    await env.client.call('saveContactGroup', { id: crew.id, name: 'Crew', memberIds: [IDS['Zoë Ünal'] ?? 0, IDS['שרה כהן'] ?? 0, IDS['Anna Archer'] ?? 0] }),
  );
  const reopened = await openDraft(page, 'Crew news');
  await reopened
    .getByRole('list', { name: ui('compose.fieldRecipients', { field: 'to' }) })
    .getByText(ui('compose.groupChip', { name: 'Crew', count: 3 }))
    .waitFor();
  assert.deepEqual(await chipNames(page, 'to'), ['bob@example.test', ui('compose.groupChip', { name: 'Crew', count: 3 })]);
  await assertAccessible(page, 'a draft with a group');
  const before = (await env.postfix.listDelivered()).length;
  await reopened.getByRole('button', { name: ui('compose.send') }).click();
  const delivered = await deliveriesAfter(before, 4);
  const copies = await Promise.all(delivered.map((raw) => simpleParser(raw)));
  const toHeader = (copies[0]?.to as AddressObject | undefined)?.value.map((item) => item.address).sort();
  assert.deepEqual(toHeader, MEMBERS, 'the members are written into To');
  assert.equal(delivered.length, 4, 'one copy for each recipient');
  assert.deepEqual(await deliveredTo(MEMBERS), MEMBERS, 'Postfix delivered to bob and to each member');

  for (const copy of copies) assert.equal(copy.headers.get('x-mailbag-group'), undefined, 'the private field never leaves the machine');
  assert.equal(
    valueOf(await env.client.call('listDrafts', { accountId })).drafts.some((item) => item.subject === 'Crew news'),
    false,
    'the draft is gone once sent',
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('a group deleted after the draft was saved is refused at Send with its name, and the draft is kept', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const gone = valueOf(await env.client.call('saveContactGroup', { name: 'Gone soon', memberIds: [IDS['Zoë Ünal'] ?? 0] }));
  const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
  const dialog = await openCompose(page);
  const to = dialog.getByRole('combobox', { name: ui('compose.fieldTo'), exact: true });
  await to.fill('bob@example.test,');
  await pickGroup(dialog, to, 'Gone soon', 1);
  await dialog.getByLabel(ui('compose.subject')).fill('Lost group');
  await dialog.getByLabel(ui('compose.body')).fill('Anyone there?');
  const draftId = await saveAsDraft(dialog, 'Lost group');
  valueOf(await env.client.call('deleteContactGroup', { id: gone.id }));

  const reopened = await openDraft(page, 'Lost group');
  await reopened
    .getByRole('list', { name: ui('compose.fieldRecipients', { field: 'to' }) })
    .getByText('Gone soon')
    .waitFor({ timeout: UI_TIMEOUT_MS });
  assert.deepEqual(await chipNames(page, 'to'), ['bob@example.test', 'Gone soon'], 'the group is still one entry, with no count to show');
  const before = (await env.postfix.listDelivered()).length;
  await reopened.getByRole('button', { name: ui('compose.send') }).click();
  await reopened.getByRole('alert').filter({ hasText: '“Gone soon”' }).waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await reopened.count(), 1, 'the message stays open to change its recipients');
  assert.equal(valueOf(await env.client.call('openDraft', { id: draftId })).subject, 'Lost group', 'the draft is kept');
  assert.equal(valueOf(await env.client.call('listOutbox', undefined)).filter((item) => item.groups.length > 0).length, 0, 'nothing was queued');
  assert.equal((await env.postfix.listDelivered()).length, before, 'nothing was sent, not even to bob');
  assert.deepEqual(problems, []);
  await page.close();
});

test(
  'the Contacts view lists many contacts with bidi names, searches, edits, merges, deletes, imports and exports',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const { page, problems } = await env.openPage(WINDOW_SIZES[1]);
    await openContacts(page);
    const view = page.getByRole('main', { name: ui('toolbar.contacts') });
    const list = view.getByRole('list', { name: ui('toolbar.contacts') });
    await list.getByRole('listitem').nth(CONTACT_COUNT).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.ok((await list.getByRole('listitem').count()) > CONTACT_COUNT, 'every contact is listed');
    await env.screenshot(page, 'contacts-large');
    await assertAccessible(page, 'the Contacts view');

    await searchContacts(view, 'שרה');
    await list.getByRole('button', { name: /^שרה כהן/ }).waitFor();
    const hebrew = await list.locator('.contact-name').allTextContents();
    assert.ok(hebrew.length > 1 && hebrew.every((name) => name.startsWith('שרה')), `only Sara: ${hebrew.slice(0, 3).join(', ')}`);
    await list.getByRole('button', { name: /^שרה כהן/ }).click();
    const form = view.getByRole('form', { name: ui('contacts.editLabel', { name: 'שרה כהן' }) });
    await form.getByLabel(ui('contacts.phone')).fill('+972 50 123 4567');
    await form.getByRole('button', { name: ui('contacts.addAddress') }).click();
    await form.getByRole('textbox', { name: ui('contacts.addressNumber', { number: 2 }) }).fill('not an address');
    await form.getByText(ui('contacts.notAddress')).waitFor();
    await form.getByRole('textbox', { name: ui('contacts.addressNumber', { number: 2 }) }).fill('sara.cohen@example.test');
    await form.getByRole('button', { name: ui('attachments.save'), exact: true }).click();
    await view
      .getByRole('status')
      .getByText(ui('contacts.saved', { name: 'שרה כהן' }))
      .waitFor({ timeout: UI_TIMEOUT_MS });
    const saved = valueOf(await env.client.call('listContacts', { query: 'sara.cohen' })).contacts;
    assert.deepEqual(
      saved.map((entry) => [entry.phone, entry.addresses]),
      [['+972 50 123 4567', ['sara@example.test', 'sara.cohen@example.test']]],
    );

    await searchContacts(view, '');
    await view.getByRole('button', { name: ui('contacts.newContact') }).click();
    const fresh = view.getByRole('form', { name: ui('contacts.editLabel', { name: ui('contacts.newContact') }) });
    await fresh.getByLabel(ui('contacts.displayName')).fill('أحمد علي (home)');
    await fresh.getByRole('textbox', { name: ui('contacts.address'), exact: true }).fill('ahmad.home@example.test');
    await fresh.getByRole('button', { name: ui('attachments.save'), exact: true }).click();
    await view
      .getByRole('status')
      .getByText(ui('contacts.saved', { name: 'أحمد علي (home)' }))
      .waitFor({ timeout: UI_TIMEOUT_MS });

    await searchContacts(view, 'أحمد علي');
    await list.getByRole('listitem').nth(1).waitFor();
    await view.getByRole('button', { name: ui('contacts.findDuplicates') }).click();
    const duplicates = page.getByRole('dialog', { name: ui('contacts.duplicates') });
    await duplicates.waitFor();
    await duplicates.getByRole('button', { name: ui('common.close') }).click();
    await list.getByRole('checkbox', { name: ui('contacts.select', { name: 'أحمد علي' }), exact: true }).check();
    await list.getByRole('checkbox', { name: ui('contacts.select', { name: 'أحمد علي (home)' }) }).check();
    await view
      .getByRole('group', { name: ui('contacts.selected') })
      .getByRole('button', { name: ui('contacts.merge'), exact: true })
      .click();
    await page
      .getByRole('alertdialog', { name: ui('contacts.mergeTitle', { count: 2 }) })
      .getByRole('button', { name: ui('contacts.merge'), exact: true })
      .click();
    await view
      .getByRole('status')
      .getByText(ui('contacts.merged', { count: 2, name: 'أحمد علي' }))
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await list.getByRole('listitem').nth(1).waitFor({ state: 'detached' });
    const merged = valueOf(await env.client.call('listContacts', { query: 'ahmad' })).contacts;
    assert.deepEqual(
      merged.map((entry) => entry.addresses),
      [['ahmad@example.test', 'ahmad.home@example.test']],
    );

    await searchContacts(view, '');
    const card = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:רבקה לוי', 'N:לוי;רבקה;;;', 'EMAIL;TYPE=INTERNET:rivka@example.test', 'END:VCARD', ''].join('\r\n');
    await view.getByLabel(ui('contacts.importFile')).setInputFiles({ name: 'friends.vcf', mimeType: 'text/vcard', buffer: Buffer.from(card, 'utf8') });
    await view
      .getByRole('status')
      .getByText(ui('contacts.imported', { added: 1, merged: 0 }))
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await searchContacts(view, 'rivka');
    await list.getByRole('button', { name: /^רבקה לוי/ }).waitFor();
    await list.getByRole('checkbox', { name: ui('contacts.select', { name: 'רבקה לוי' }) }).check();
    const downloaded = page.waitForEvent('download');
    await view.getByRole('button', { name: ui('contacts.exportSelected') }).click();
    const file = await downloaded;
    assert.equal(file.suggestedFilename(), 'contacts.vcf');
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    assert.match(Buffer.concat(chunks).toString('utf8'), /FN:רבקה לוי\r\n/u);

    await view
      .getByRole('group', { name: ui('contacts.selected') })
      .getByRole('button', { name: ui('toolbar.delete'), exact: true })
      .click();
    await page
      .getByRole('alertdialog', { name: ui('contacts.deleteTitle', { count: 1 }) })
      .getByRole('button', { name: ui('toolbar.delete'), exact: true })
      .click();
    await view.getByText(ui('contacts.noMatch')).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.setViewportSize(WINDOW_SIZES[0]);
    await searchContacts(view, '');
    await list.getByRole('listitem').nth(CONTACT_COUNT).waitFor();
    await env.screenshot(page, 'contacts-small');
    await view.getByRole('button', { name: ui('contacts.backToMail') }).click();
    await page.getByRole('toolbar', { name: ui('toolbar.label') }).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  },
);

test('a group is renamed and its members removed and added in the Contacts view', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const choir = valueOf(await env.client.call('saveContactGroup', { name: 'Choir', memberIds: [IDS['Zoë Ünal'] ?? 0, IDS['Anna Archer'] ?? 0] }));
  const { page, problems } = await env.openPage(WINDOW_SIZES[1]);
  await openContacts(page);
  const view = page.getByRole('main', { name: ui('toolbar.contacts') });
  const groups = view.getByRole('list', { name: ui('contacts.groups') });
  await groups.getByRole('button', { name: ui('contacts.editGroup', { name: 'Choir' }) }).click({ timeout: UI_TIMEOUT_MS });
  const editor = page.getByRole('dialog', { name: ui('contacts.editGroupTitle') });
  const members = editor.getByRole('list', { name: ui('contacts.groupMembers') });
  assert.deepEqual(await members.locator('bdi').allTextContents(), ['Zoë Ünal', 'Anna Archer']);
  await assertAccessible(page, 'the group editor');

  await editor.getByLabel(ui('contacts.groupName')).fill('team');
  await editor.getByRole('button', { name: ui('contacts.saveGroup') }).click();
  await editor
    .getByRole('alert')
    .getByText(ui('contacts.groupNameTaken', { name: 'team' }))
    .waitFor({ timeout: UI_TIMEOUT_MS });

  await editor.getByLabel(ui('contacts.groupName')).fill('Choir · جوقة');
  await members.getByRole('button', { name: ui('contacts.removeMember', { name: 'Anna Archer' }) }).click();
  await members.getByRole('listitem').nth(1).waitFor({ state: 'detached' });
  await editor.getByLabel(ui('contacts.memberToAdd')).selectOption({ label: 'Anna Baker <anna.baker@example.test>' });
  await editor.getByRole('button', { name: ui('contacts.addMember') }).click();
  assert.deepEqual(await members.locator('bdi').allTextContents(), ['Zoë Ünal', 'Anna Baker']);
  await editor.getByRole('button', { name: ui('contacts.saveGroup') }).click();
  await view
    .getByRole('status')
    .getByText(ui('contacts.groupSaved', { name: 'Choir · جوقة' }))
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await editor.waitFor({ state: 'detached' });
  await groups
    .getByRole('listitem')
    .filter({ hasText: 'Choir · جوقة' })
    .getByText(ui('contacts.members', { count: 2 }))
    .waitFor();

  const stored = valueOf(await env.client.call('listContacts', undefined)).groups.find((group) => group.id === choir.id);
  assert.equal(stored?.name, 'Choir · جوقة');
  assert.deepEqual(
    stored?.memberIds,
    [IDS['Zoë Ünal'] ?? 0, IDS['Anna Baker'] ?? 0].sort((a, b) => a - b),
  );
  valueOf(await env.client.call('deleteContactGroup', { id: choir.id }));
  assert.deepEqual(problems, []);
  await page.close();
});

test(
  'mail from a contact is never junk; its remote content loads when the contact allows it, and Settings lists and removes the senders',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const canary = await startCanary();
    try {
      const html = (subject: string, from: string, spam: boolean) =>
        Buffer.from(
          [
            `From: ${from}`,
            'To: Alice <alice@example.test>',
            `Subject: ${subject}`,
            'Date: Tue, 10 Mar 2026 12:00:00 +0000',
            `Message-ID: <${subject.replace(/\W/gu, '')}@example.test>`,
            ...(spam ? ['X-Spam-Flag: YES', 'X-Spam-Status: Yes, score=9.9 required=5.0'] : []),
            'MIME-Version: 1.0',
            'Content-Type: text/html; charset=utf-8',
            '',
            `<p>Photos from the trip.</p><img src="${canary.origin}/contact-photo.png" alt="remote" width="1" height="1">`,
            '',
          ].join('\r\n'),
          'utf8',
        );
      await env.deliver(html('Trip photos', '=?UTF-8?B?' + Buffer.from('Zoë Ünal').toString('base64') + '?= <zoe@example.test>', true), {
        from: 'zoe@example.test',
        to: ['alice@example.test'],
      });
      await env.deliver(html('Cheap pills', 'Stranger <stranger@elsewhere.example>', true), { from: 'stranger@elsewhere.example', to: ['alice@example.test'] });
      valueOf(await env.client.call('updateSettings', { remoteContentSenders: ['news@lists.example.test'] }));

      const { page, problems } = await env.openPage(WINDOW_SIZES[1]);
      await openContacts(page);
      const view = page.getByRole('main', { name: ui('toolbar.contacts') });
      await searchContacts(view, 'zoe');
      await view
        .getByRole('list', { name: ui('toolbar.contacts') })
        .getByRole('button', { name: /^Zoë Ünal/ })
        .click();
      const form = view.getByRole('form', { name: ui('contacts.editLabel', { name: 'Zoë Ünal' }) });
      await form.getByRole('checkbox', { name: ui('contacts.allowRemote') }).check();
      await form.getByRole('button', { name: ui('attachments.save'), exact: true }).click();
      await view
        .getByRole('status')
        .getByText(ui('contacts.saved', { name: 'Zoë Ünal' }))
        .waitFor({ timeout: UI_TIMEOUT_MS });
      await view.getByRole('button', { name: ui('contacts.backToMail') }).click();

      await page
        .getByRole('toolbar', { name: ui('toolbar.label') })
        .getByRole('button', { name: ui('toolbar.sendReceive') })
        .click();
      const rows = page.getByRole('grid', { name: ui('mail.messages') });
      await rows.getByRole('row', { name: /Trip photos/ }).waitFor({ timeout: UI_TIMEOUT_MS });
      const junk = async () => {
        const tree = valueOf(await env.client.call('listFolderTree', undefined));
        return tree.accounts.flatMap((entry) => entry.folders).find((folder) => folder.role === 'junk')?.total ?? 0;
      };
      const deadline = Date.now() + UI_TIMEOUT_MS;
      while ((await junk()) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(await junk(), 1, 'only the stranger went to Junk');
      await rows.getByRole('row', { name: /Cheap pills/ }).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });

      await rows.getByRole('row', { name: /Trip photos/ }).click();
      const reader = page.getByRole('region', { name: ui('reader.label') });
      const body = page.frameLocator(`iframe[title="${ui('reader.body')}"]`);
      await body.getByText('Photos from the trip.').waitFor({ timeout: UI_TIMEOUT_MS });
      const loaded = Date.now() + UI_TIMEOUT_MS;
      while (!canary.requests.includes('/contact-photo.png') && Date.now() < loaded) await new Promise((resolve) => setTimeout(resolve, 100));
      if (!canary.requests.includes('/contact-photo.png')) {
        await env.screenshot(page, 'debug-remote');
        const allowedNow = JSON.stringify(await env.client.call('listRemoteContentContacts', undefined));
        const frameHtml = await page.locator(`iframe[title="${ui('reader.body')}"]`).evaluate((frame: HTMLIFrameElement) => frame.srcdoc.slice(0, 3000));
        assert.fail(`the contact’s remote image loaded without asking: ${allowedNow} ${frameHtml} ${await reader.innerText()}`);
      }
      assert.equal(await reader.getByRole('button', { name: ui('reader.loadRemote') }).count(), 0);

      await page
        .getByRole('toolbar', { name: ui('toolbar.label') })
        .getByRole('button', { name: ui('toolbar.settings') })
        .click();
      await page.getByRole('tab', { name: ui('settings.remoteContent') }).click();
      const senders = page.getByRole('list', { name: ui('remote.sendersLabel') });
      const contacts = page.getByRole('list', { name: ui('remote.contactsLabel') });
      await senders.getByText('news@lists.example.test').waitFor();
      await contacts.getByText('zoe@example.test').waitFor();
      await env.screenshot(page, 'settings-remote-content');
      await assertAccessible(page, 'Settings, remote content');
      await senders.getByRole('button', { name: ui('remote.remove', { name: 'news@lists.example.test' }) }).click();
      await page.getByText(ui('remote.noSender')).waitFor();
      await contacts.getByRole('button', { name: ui('remote.remove', { name: 'Zoë Ünal' }) }).click();
      await page.getByText(ui('remote.noContact')).waitFor();
      assert.deepEqual(valueOf(await env.client.call('getSettings', undefined)).remoteContentSenders, []);

      await page.getByRole('button', { name: ui('contacts.backToMail') }).click();
      await page
        .getByRole('grid', { name: ui('mail.messages') })
        .getByRole('row', { name: /Trip photos/ })
        .click();
      await page
        .getByRole('region', { name: ui('reader.label') })
        .getByText(ui('reader.remoteBlocked'))
        .waitFor({ timeout: UI_TIMEOUT_MS });
      assert.deepEqual(problems, []);
      await page.close();
    } finally {
      await canary.stop();
    }
  },
);

test('the Contacts view and its form speak the chosen language, with plurals by its rules', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  valueOf(await env.client.call('updateSettings', { language: 'de' }));
  try {
    const { page, problems } = await env.openPage(WINDOW_SIZES[1]);
    await page.getByRole('toolbar', { name: 'E-Mail-Befehle' }).getByRole('button', { name: 'Mehr Befehle' }).click();
    await page.getByRole('menu', { name: 'Mehr Befehle' }).getByRole('menuitem', { name: 'Kontakte' }).click();
    const view = page.getByRole('main', { name: 'Kontakte' });
    await view.getByRole('list', { name: 'Kontakte' }).getByRole('listitem').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await view.getByText('Wählen Sie Kontakte aus, um sie zusammenzuführen, zu löschen oder zu gruppieren.').waitFor();
    await view.getByRole('searchbox', { name: 'Kontakte durchsuchen' }).fill('Zoë');
    await view.getByRole('checkbox', { name: 'Zoë Ünal auswählen' }).check();
    await view.getByRole('group', { name: 'Ausgewählte Kontakte' }).getByText('1 Kontakt ausgewählt').waitFor();
    await view.getByRole('searchbox', { name: 'Kontakte durchsuchen' }).fill('');
    await view.getByRole('button', { name: 'Neuer Kontakt' }).click();
    const form = view.getByRole('form', { name: 'Neuer Kontakt bearbeiten' });
    await form.getByRole('textbox', { name: 'Adresse', exact: true }).fill('kein Adresse');
    await form.getByText('Das ist keine E-Mail-Adresse (name@example.com).').waitFor();
    await form.getByRole('button', { name: 'Adresse hinzufügen' }).click();
    await form.getByRole('textbox', { name: 'Adresse 2' }).waitFor();
    await form.getByRole('button', { name: 'Abbrechen' }).click();
    await assertAccessible(page, 'the Contacts view in German');
    const text = await view.innerText();
    for (const english of ['New contact', 'Find duplicates', 'Export all', 'Back to mail', 'selected'])
      assert.ok(!text.includes(english), `English left: ${english}`);
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    valueOf(await env.client.call('updateSettings', { language: null }));
  }
});
