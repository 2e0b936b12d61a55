/** Which accounts a Send/Receive covers: the rule the window and the command line share. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountSettingsSchema, defaultPolicy, type Account } from '../../../../shared/accounts';
import { sendReceiveAccounts } from '../../../../electron/services/send-receive';
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
