/**
 * Sending fills the address book only with what the server accepted: recipients it accepted are
 * counted and collected with the names the message gave them, a refused recipient is not, and a
 * message that stays in the Outbox collects nobody.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { listAddressUsage, listContacts, recordSentMessage } from '../../../../electron/storage/contacts';
import { ACCOUNT_ID, startOutboxFixture, type OutboxFixture } from './outbox-fixture';

let fixture: OutboxFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

test('the recipients the server accepted are collected with their names; a refused one and an unsent message are not', async () => {
  fixture = await startOutboxFixture(
    {
      handlers: {
        RCPT: (connection, args) => {
          if (/nobody@/i.test(args)) return connection.reply('550 5.1.1 No such user');
          const match = /^TO:<([^>]*)>/i.exec(args);
          connection.transaction?.recipients.push(match?.[1] ?? '');
          return connection.reply('250 2.1.5 Ok');
        },
      },
    },
    undefined,
    (database, id, recipients) => recordSentMessage(database, id, recipients, { collect: true }),
  );
  await fixture.outbox.queue(
    ACCOUNT_ID,
    { to: [{ name: 'שרה כהן', address: 'sara@example.org' }], subject: 'Waiting', text: 'Later.\n' },
    { notBefore: fixture.now + 60_000 },
  );
  const [waiting] = await fixture.outbox.flush();
  assert.equal(waiting, undefined, 'a held message is not sent');
  assert.deepEqual(listContacts(fixture.database), []);
  await fixture.outbox.queue(ACCOUNT_ID, {
    to: [{ name: 'Zoë Ünal', address: 'zoe@example.com' }, { address: 'nobody@example.com' }],
    cc: [{ name: 'Bob', address: 'bob@example.com' }],
    subject: 'Hello',
    text: 'Hi.\n',
  });
  const results = await fixture.outbox.flush();
  assert.ok(results.some((result) => result.result === 'partial'));
  assert.deepEqual(
    listContacts(fixture.database, 'collected').map((contact) => [contact.displayName, contact.addresses[0]]),
    [
      ['Bob', 'bob@example.com'],
      ['Zoë Ünal', 'zoe@example.com'],
    ],
  );
  assert.deepEqual(
    listAddressUsage(fixture.database)
      .map((use) => use.address)
      .sort(),
    ['bob@example.com', 'zoe@example.com'],
  );
});
