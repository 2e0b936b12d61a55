import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTranslator } from '../../../shared/i18n/catalogs';

const english = createTranslator('en').t;
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';
import { createEventHub } from '../../../electron/services/events';
import { newMailText, startNewMailNotifier } from '../../../electron/main/notifications';

test('new mail is notified when the setting is on, and the badge follows the unread count', () => {
  const events = createEventHub();
  let settings: Settings = { ...DEFAULT_SETTINGS, notifications: true };
  let unread = 2;
  const shown: string[] = [];
  const badges: number[] = [];
  let words = english;
  const stop = startNewMailNotifier({
    events,
    settings: () => settings,
    t: () => words,
    accountName: (id) => (id === 'a1' ? 'Alice' : id),
    unifiedUnread: () => unread,
    notify: (title, body) => shown.push(`${title}: ${body}`),
    setBadgeCount: (count) => badges.push(count),
  });
  assert.deepEqual(badges, [2], 'the badge is set at start');
  unread = 5;
  events.emit('newMail', { accountId: 'a1', count: 3 });
  assert.deepEqual(shown, ['New mail: 3 new messages for Alice.']);
  assert.deepEqual(badges, [2, 5]);
  settings = { ...settings, notifications: false };
  unread = 4;
  events.emit('newMail', { accountId: 'a1', count: 1 });
  assert.equal(shown.length, 1, 'no notification with the setting off');
  events.emit('mailChanged', { accountIds: ['a1'], folderIds: [], messageIds: [] });
  assert.deepEqual(badges, [2, 5, 4], 'an unchanged count is not set again');
  // The language chosen in Settings while Mailbag runs: the next notification speaks it.
  settings = { ...settings, notifications: true, language: 'de' };
  words = createTranslator('de').t;
  events.emit('newMail', { accountId: 'a1', count: 1 });
  assert.equal(shown.at(-1), 'Neue E-Mails: 1 neue Nachricht für Alice.');
  stop();
  unread = 0;
  events.emit('mailChanged', { accountIds: ['a1'], folderIds: [], messageIds: [] });
  assert.deepEqual(badges, [2, 5, 4]);
});

test('a refused badge or notification is reported and never stops delivery', () => {
  const events = createEventHub();
  const errors: unknown[] = [];
  startNewMailNotifier({
    events,
    settings: () => DEFAULT_SETTINGS,
    t: () => english,
    accountName: () => 'Alice',
    unifiedUnread: () => 1,
    notify: () => {
      throw new Error('no notification server');
    },
    setBadgeCount: () => {
      throw new Error('no badge here');
    },
    onError: (error) => errors.push(error),
  });
  events.emit('newMail', { accountId: 'a1', count: 1 });
  assert.equal(errors.length, 2);
  assert.equal(newMailText(english, 'Bob', 1), '1 new message for Bob.');
  assert.equal(newMailText(createTranslator('ar').t, 'Bob', 2), 'رسالتان جديدتان لـBob.');
});

test('clicking the notification of one new message opens that message; of several, the mail window', () => {
  const events = createEventHub();
  const clicks: Array<() => void> = [];
  const opened: Array<number | null> = [];
  let newest: number | null = 41;
  startNewMailNotifier({
    events,
    settings: () => DEFAULT_SETTINGS,
    t: () => english,
    accountName: () => 'Alice',
    unifiedUnread: () => 1,
    newestUnread: (accountId) => (accountId === 'a1' ? newest : null),
    notify: (_title, _body, onClick) => clicks.push(onClick),
    openMail: (messageId) => opened.push(messageId),
    setBadgeCount: () => undefined,
  });
  events.emit('newMail', { accountId: 'a1', count: 1 });
  newest = 42;
  events.emit('newMail', { accountId: 'a1', count: 3 });
  assert.equal(clicks.length, 2);
  assert.deepEqual(opened, [], 'nothing opens until a click');
  clicks[0]?.();
  clicks[1]?.();
  assert.deepEqual(opened, [41, null], 'the message announced, even though another arrived since');
});
