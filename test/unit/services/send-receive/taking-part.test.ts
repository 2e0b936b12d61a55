/** Which accounts a Send/Receive covers: the rule the window and the command line share. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sendReceiveAccounts } from '../../../../electron/services/send-receive';
import { sampleAccount as account } from '../../../fakes/account-settings';

const home = account('home', true);
const work = account('work', false);
const club = account('club', true);

test('without a named account, Send/Receive covers only the accounts taking part', () => {
  assert.deepEqual(
    sendReceiveAccounts([home, work, club], undefined).map((chosen) => chosen.id),
    ['home', 'club'],
  );
});

test('a named account is covered even when it does not take part', () => {
  assert.deepEqual(
    sendReceiveAccounts([home, work, club], work).map((chosen) => chosen.id),
    ['work'],
  );
});
