/**
 * A message to a contact group waits in the Outbox as one entry and is sent to the group's members as
 * they are when it is sent: a member added after it was queued gets it, a member who is also written
 * directly gets it once, a Bcc group stays out of the header, and a group deleted or emptied meanwhile
 * stops the send before anything reaches the server — the message stays in the Outbox, nothing lost.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { addContact, deleteContactGroup, saveContactGroup } from '../../../../electron/storage/contacts';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { firstHeaderValue } from '../../../../shared/mail/header-section';
import { outboxReasonText } from '../../../../shared/outbox-reason';
import { ACCOUNT_ID, startOutboxFixture, type OutboxFixture } from './outbox-fixture';

let fixture: OutboxFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

function person(database: OutboxFixture['database'], displayName: string, address: string): number {
  return addContact(database, { displayName, firstName: '', lastName: '', addresses: [address], phone: '', notes: '' }).id;
}

function headerOf(data: Buffer | undefined): string {
  const text = data?.toString('utf8') ?? '';
  return text.slice(0, text.indexOf('\r\n\r\n') + 2);
}

test('a group stays one entry in the Outbox and is sent to its members at sending time, once each', async () => {
  fixture = await startOutboxFixture();
  const { database } = fixture;
  const zoe = person(database, 'Zoë Ünal', 'zoe@example.com');
  const sara = person(database, 'שרה כהן', 'Sara@Example.org');
  const team = saveContactGroup(database, { name: 'Team', memberIds: [zoe, sara] });
  const board = saveContactGroup(database, { name: 'Board', memberIds: [sara] });

  const entry = await fixture.outbox.queue(ACCOUNT_ID, {
    to: [{ name: 'Sara', address: 'sara@example.org' }],
    groups: [
      { field: 'to', groupId: team.id, name: 'Team' },
      { field: 'bcc', groupId: board.id, name: 'Board' },
    ],
    subject: 'Plans',
    text: 'Hi all.\n',
  });
  assert.deepEqual(entry.groups, [
    { field: 'to', groupId: team.id, name: 'Team' },
    { field: 'bcc', groupId: board.id, name: 'Board' },
  ]);
  assert.deepEqual(
    entry.recipients.map((recipient) => recipient.address),
    ['sara@example.org'],
    'the members are not written in before sending',
  );

  // Joins the group after the message was queued: still gets it.
  const late = person(database, 'Late Comer', 'late@example.net');
  saveContactGroup(database, { id: team.id, name: 'Team', memberIds: [zoe, sara, late] });
  const [result] = await fixture.outbox.flush();
  assert.equal(result?.state, 'sent', result?.reason ?? '');

  const [sent] = fixture.server.transactions;
  assert.deepEqual(sent?.recipients, ['sara@example.org', 'zoe@example.com', 'late@example.net'], 'each member once, case-insensitively');
  const header = headerOf(sent?.data);
  assert.equal(firstHeaderValue(header, 'to'), 'Sara <sara@example.org>, =?UTF-8?Q?Zo=C3=AB_=C3=9Cnal?= <zoe@example.com>, "Late Comer" <late@example.net>');
  assert.doesNotMatch(header, /^(bcc|x-mailbag-group):/im, 'no Bcc and no private field leaves the machine');
  const after = fixture.outbox.get(entry.id);
  assert.deepEqual(after.groups, []);
  assert.equal(after.state, 'sent');
  assert.equal(Buffer.from(await fixture.store.readRawMessage(after.storedMessageId)).equals(sent?.data ?? Buffer.alloc(0)), true, 'Sent keeps what was sent');
});

test('a group in Cc is written into a Cc field the message did not have, and a message to groups only is queued', async () => {
  fixture = await startOutboxFixture();
  const { database } = fixture;
  const choir = saveContactGroup(database, {
    name: 'Choir',
    memberIds: [person(database, '', 'alto@example.com'), person(database, 'Bass', 'bass@example.com')],
  });
  await fixture.outbox.queue(ACCOUNT_ID, { groups: [{ field: 'cc', groupId: choir.id, name: 'Choir' }], subject: 'Practice', text: 'Tonight.\n' });
  const [result] = await fixture.outbox.flush();
  assert.equal(result?.state, 'sent', result?.reason ?? '');
  const header = headerOf(fixture.server.transactions[0]?.data);
  assert.equal(firstHeaderValue(header, 'cc'), '<alto@example.com>, "Bass" <bass@example.com>');
  assert.equal(firstHeaderValue(header, 'to'), undefined);
});

test('a group deleted or emptied before sending stops the send with an error naming it; the message stays, and goes once fixed', async () => {
  fixture = await startOutboxFixture();
  const { database } = fixture;
  const zoe = person(database, 'Zoë', 'zoe@example.com');
  const team = saveContactGroup(database, { name: 'Team', memberIds: [zoe] });
  const empty = saveContactGroup(database, { name: 'Nobody yet', memberIds: [] });
  const entry = await fixture.outbox.queue(ACCOUNT_ID, {
    to: [{ address: 'bob@example.com' }],
    groups: [
      { field: 'to', groupId: team.id, name: 'Team' },
      { field: 'cc', groupId: empty.id, name: 'Nobody yet' },
    ],
    subject: 'Plans',
    text: 'Hi.\n',
  });
  deleteContactGroup(database, team.id);
  const [result] = await fixture.outbox.flush();
  assert.equal(result?.state, 'failed');
  assert.equal(result?.reasonCode, 'GROUP_UNAVAILABLE');
  assert.match(result?.reason ?? '', /“Team”, “Nobody yet”/);
  // Said in the reader's language: Mailbag's sentence translated, the groups' names as they are.
  const german = outboxReasonText(createTranslator('de').t, fixture.outbox.get(entry.id)) ?? '';
  assert.ok(german.startsWith('Die Kontaktgruppe “Team”, “Nobody yet” existiert nicht mehr'), german);
  assert.equal(fixture.server.transactions.length, 0, 'nothing reached the server, not even the direct recipient');
  const kept = fixture.outbox.get(entry.id);
  assert.equal(kept.state, 'failed');
  assert.deepEqual(
    kept.groups.map((group) => group.name),
    ['Team', 'Nobody yet'],
    'the groups are kept as they were',
  );
  assert.ok((await fixture.store.readRawMessage(kept.storedMessageId)).byteLength > 0);

  // The user fills the one group, sends again, and it goes to the group's members now.
  saveContactGroup(database, { id: empty.id, name: 'Nobody yet', memberIds: [zoe] });
  await fixture.outbox.edit(entry.id, {
    to: [{ address: 'bob@example.com' }],
    groups: [{ field: 'cc', groupId: empty.id, name: 'Nobody yet' }],
    subject: 'Plans',
    text: 'Hi.\n',
  });
  const [again] = await fixture.outbox.flush();
  assert.equal(again?.state, 'sent', again?.reason ?? '');
  assert.deepEqual(fixture.server.transactions[0]?.recipients, ['bob@example.com', 'zoe@example.com']);
});
