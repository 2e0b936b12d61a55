import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listIdOf, rulePrefillFromMessage, suggestedQuery } from '../../../../../renderer/views/settings/rule-from-message';

test('a message suggests its sender (chosen), its subject quoted, and its mailing list by the id inside the brackets', () => {
  const headers = 'From: Ann <ann@example.com>\r\nList-Id: "Ann\'s (weekly)" list\r\n <weekly.lists.example.com>\r\nSubject: x\r\n';
  assert.equal(listIdOf(headers), 'weekly.lists.example.com');
  assert.equal(listIdOf('Subject: none\r\n'), null);
  const prefill = rulePrefillFromMessage(
    { accountId: 'a', from: { name: 'Ann', address: 'ann@example.com' }, subject: 'Say "hi" (today)' },
    'weekly.lists.example.com',
  );
  assert.deepEqual(
    prefill.suggestions?.map((suggestion) => [suggestion.query, suggestion.chosen]),
    [
      ['from:ann@example.com', true],
      ['subject:"Say hi (today)"', false],
      ['header:list-id:weekly.lists.example.com', false],
    ],
  );
  assert.deepEqual([prefill.name, prefill.query, prefill.accountId], ['weekly.lists.example.com', 'from:ann@example.com', 'a']);
  // What each suggestion tests and its value; the editor names them in the window's language.
  assert.deepEqual(
    prefill.suggestions?.map((suggestion) => [suggestion.kind, suggestion.value]),
    [
      ['from', 'ann@example.com'],
      ['subject', 'Say "hi" (today)'],
      ['list', 'weekly.lists.example.com'],
    ],
  );
  assert.equal(
    suggestedQuery((prefill.suggestions ?? []).map((suggestion) => ({ ...suggestion, chosen: true }))),
    'from:ann@example.com subject:"Say hi (today)" header:list-id:weekly.lists.example.com',
  );
  const anonymous = rulePrefillFromMessage({ accountId: null, from: null, subject: null }, 'x.example');
  assert.deepEqual([anonymous.name, anonymous.query], ['x.example', 'header:list-id:x.example']);
});
