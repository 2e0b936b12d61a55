/**
 * Which accounts a Send/Receive covers and whose Outboxes it sends: the rule the window and the
 * command line share.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountSettingsSchema, defaultPolicy, type Account } from '../../../../shared/accounts';
import { sendOutboxesOf, sendReceiveAccounts } from '../../../../electron/services/send-receive';
import { sampleSettings } from '../../../fakes/account-settings';

function account(id: string, includeInSendReceive: boolean): Account {
  return {
    id,
    name: id,
    address: `${id}@example.com`,
    settings: accountSettingsSchema.parse(sampleSettings({ name: id, policy: { ...defaultPolicy(true), includeInSendReceive } })),
    messageCount: 0,
    createdAt: 1,
    updatedAt: 1,
  };
}

const home = account('home', true);
const work = account('work', false);
const club = account('club', true);

test('without a named account, Send/Receive covers only the accounts taking part', () => {
  assert.deepEqual(sendReceiveAccounts([home, work, club], undefined).map((chosen) => chosen.id), ['home', 'club']);
});

test('a named account is covered even when it does not take part', () => {
  assert.deepEqual(sendReceiveAccounts([home, work, club], work).map((chosen) => chosen.id), ['work']);
});

test('the Outboxes sent are those of the covered accounts, one after another, results in order', async () => {
  const flushed: string[] = [];
  let running = 0;
  const results = await sendOutboxesOf(sendReceiveAccounts([home, work, club], undefined), async (accountId) => {
    running += 1;
    assert.equal(running, 1, 'one Outbox at a time');
    flushed.push(accountId);
    await Promise.resolve();
    running -= 1;
    return [`${accountId}-1`, `${accountId}-2`];
  });
  assert.deepEqual(flushed, ['home', 'club']);
  assert.deepEqual(results, ['home-1', 'home-2', 'club-1', 'club-2']);
});
