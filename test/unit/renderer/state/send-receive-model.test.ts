import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SendReceiveFinishedEvent } from '../../../../shared/mail';
import { INITIAL_SEND_RECEIVE, isRunning, passwordRequestsOf, sendReceiveReducer } from '../../../../renderer/state/send-receive-model';
import { nextOrder, sortItems } from '../../../../renderer/state/list-order';
import { messageListItem } from '../../../support/message-list-item';

function finished(accountId: string, status: SendReceiveFinishedEvent['status'] = 'completed'): SendReceiveFinishedEvent {
  return {
    accountId,
    status,
    newMessages: 2,
    partialMessages: 0,
    completedMessages: 0,
    skippedDuplicates: 0,
    deletedOnServer: { 'delete-after-download': 0, 'keep-days-expired': 0, 'deleted-locally': 0 },
    errors: [],
    busy: null,
  };
}

test('an account runs from its start or first progress until it finishes', () => {
  let state = sendReceiveReducer(INITIAL_SEND_RECEIVE, {
    type: 'started',
    accountIds: ['a'],
    notStarted: [{ accountId: 'b', error: { code: 'PASSWORD_NEEDED', message: 'No password.' } }],
    since: 10,
  });
  assert.equal(isRunning(state), true);
  assert.equal(state.notStarted['b']?.code, 'PASSWORD_NEEDED');
  state = sendReceiveReducer(state, {
    type: 'progress',
    event: { accountId: 'a', phase: 'downloading', messagesDone: 1, messagesTotal: 3, bytesDone: 10, bytesTotal: 30 },
  });
  assert.equal(state.running['a']?.messagesDone, 1);
  state = sendReceiveReducer(state, { type: 'finished', event: finished('a'), at: 20 });
  assert.equal(isRunning(state), false);
  assert.equal(state.last['a']?.at, 20);
});

test('a run that finished before its start was answered is not shown as running', () => {
  let state = sendReceiveReducer(INITIAL_SEND_RECEIVE, { type: 'finished', event: finished('a'), at: 15 });
  state = sendReceiveReducer(state, { type: 'started', accountIds: ['a'], notStarted: [], since: 10 });
  assert.equal(isRunning(state), false);
});

test('a sign-in found revoked while an earlier check runs stays shown through that check, until a later check starts', () => {
  const progress = (phase: 'listing' | 'downloading') => ({
    type: 'progress' as const,
    event: { accountId: 'a', phase, messagesDone: 0, messagesTotal: 1, bytesDone: 0, bytesTotal: 10 },
  });
  const revoked = { code: 'AUTH_FAILED' as const, message: 'The sign-in with the provider is no longer valid. Sign in again to continue.' };
  let state = sendReceiveReducer(INITIAL_SEND_RECEIVE, progress('listing'));
  state = sendReceiveReducer(state, { type: 'started', accountIds: [], notStarted: [{ accountId: 'a', error: revoked }], since: 10 });
  assert.deepEqual(
    passwordRequestsOf(state).map((request) => request.reason),
    ['refused'],
  );
  // The check under way signed in before the revocation: its progress and its end answer nothing.
  state = sendReceiveReducer(state, progress('downloading'));
  assert.equal(state.notStarted['a']?.code, 'AUTH_FAILED');
  state = sendReceiveReducer(state, { type: 'finished', event: finished('a'), at: 20 });
  assert.equal(state.notStarted['a']?.code, 'AUTH_FAILED');
  assert.equal(state.last['a']?.event.status, 'completed');
  // A check that starts later (the user signed in again elsewhere) does.
  state = sendReceiveReducer(state, progress('listing'));
  assert.equal(state.notStarted['a'], undefined);
});

test('a check that starts after an account could not start clears its problem', () => {
  let state = sendReceiveReducer(INITIAL_SEND_RECEIVE, {
    type: 'started',
    accountIds: [],
    notStarted: [{ accountId: 'a', error: { code: 'PASSWORD_NEEDED', message: 'No password.' } }],
    since: 10,
  });
  state = sendReceiveReducer(state, {
    type: 'progress',
    event: { accountId: 'a', phase: 'connecting', messagesDone: 0, messagesTotal: 0, bytesDone: 0, bytesTotal: 0 },
  });
  assert.equal(state.notStarted['a'], undefined);
});

test('column headers choose a sort, and the same header again reverses it', () => {
  assert.deepEqual(nextOrder({ sort: 'date', direction: 'desc' }, 'sender'), { sort: 'sender', direction: 'asc' });
  assert.deepEqual(nextOrder({ sort: 'sender', direction: 'asc' }, 'sender'), { sort: 'sender', direction: 'desc' });
  assert.deepEqual(nextOrder({ sort: 'sender', direction: 'asc' }, 'size'), { sort: 'size', direction: 'desc' });
});

test('search results sort in the page by the chosen column', () => {
  const item = (id: number, name: string, size: number) =>
    messageListItem({ id, subject: `S${id}`, from: { name, address: `${name}@x.test` }, date: id, receivedAt: id, size });
  const items = [item(1, 'carol', 30), item(2, 'Bob', 10), item(3, 'ann', 20)];
  assert.deepEqual(
    sortItems(items, { sort: 'sender', direction: 'asc' }).map((entry) => entry.id),
    [3, 2, 1],
  );
  assert.deepEqual(
    sortItems(items, { sort: 'size', direction: 'desc' }).map((entry) => entry.id),
    [1, 3, 2],
  );
  assert.deepEqual(
    sortItems(items, { sort: 'date', direction: 'desc' }).map((entry) => entry.id),
    [3, 2, 1],
  );
});

test('the window asks for a password when a requested run has none or the server refused it, never for an automatic check', () => {
  const refused = (accountId: string): SendReceiveFinishedEvent => ({
    ...finished(accountId, 'failed'),
    errors: [{ code: 'AUTH_FAILED', message: 'The server did not accept the user name or password.' }],
  });
  let state = sendReceiveReducer(INITIAL_SEND_RECEIVE, {
    type: 'started',
    accountIds: ['asked'],
    notStarted: [{ accountId: 'nopass', error: { code: 'PASSWORD_NEEDED', message: 'No password.' } }],
    since: 10,
  });
  assert.deepEqual(passwordRequestsOf(state), [{ accountId: 'nopass', reason: 'missing', key: 'nopass@10' }]);
  state = sendReceiveReducer(state, { type: 'finished', event: refused('asked'), at: 20 });
  state = sendReceiveReducer(state, {
    type: 'progress',
    event: { accountId: 'auto', phase: 'authenticating', messagesDone: 0, messagesTotal: 0, bytesDone: 0, bytesTotal: 0 },
  });
  state = sendReceiveReducer(state, { type: 'finished', event: refused('auto'), at: 30 });
  assert.deepEqual(passwordRequestsOf(state), [
    { accountId: 'nopass', reason: 'missing', key: 'nopass@10' },
    { accountId: 'asked', reason: 'refused', key: 'asked@20' },
  ]);
  state = sendReceiveReducer(state, {
    type: 'started',
    accountIds: [],
    notStarted: [{ accountId: 'nopass', error: { code: 'PASSWORD_NEEDED', message: 'No password.' } }],
    since: 40,
  });
  assert.equal(passwordRequestsOf(state)[0]?.key, 'nopass@40', 'pressing F9 again asks again');
});
