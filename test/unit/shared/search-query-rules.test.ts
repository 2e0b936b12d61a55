/** The parts of the search language that message rules need: any header, matches, body, age, account, junk. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSearchQuery, type SearchNode } from '../../../shared/search-query';

function parsed(text: string): SearchNode | null {
  const result = parseSearchQuery(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result.query;
}

function mistake(text: string): string {
  const result = parseSearchQuery(text);
  assert.equal(result.ok, false, text);
  return result.ok ? '' : result.error.message;
}

test('header: compares any header by name: contains, is, begins, ends or a regular expression', () => {
  assert.deepEqual(parsed('header:List-Id:announce'), { kind: 'header', name: 'list-id', match: 'contains', value: 'announce' });
  assert.deepEqual(parsed('header:x-spam-flag:=YES'), { kind: 'header', name: 'x-spam-flag', match: 'is', value: 'YES' });
  assert.deepEqual(parsed('header:subject:^[ann]'), { kind: 'header', name: 'subject', match: 'begins', value: '[ann]' });
  assert.deepEqual(parsed('header:from:@example.org$'), { kind: 'header', name: 'from', match: 'ends', value: '@example.org' });
  assert.deepEqual(parsed('header:subject:^exact$'), { kind: 'header', name: 'subject', match: 'is', value: 'exact' });
  assert.deepEqual(parsed('header:subject:"/^(re|fwd): [0-9]+ items/"'), { kind: 'header', name: 'subject', match: 'regex', value: '^(re|fwd): [0-9]+ items' });
  assert.deepEqual(parsed('header:subject:"^Re: the plan"'), { kind: 'header', name: 'subject', match: 'begins', value: 'Re: the plan' });
  assert.deepEqual(parsed('-header:precedence:bulk'), { kind: 'not', child: { kind: 'header', name: 'precedence', match: 'contains', value: 'bulk' } });
});

test('header: without a name or value, or with an overlong pattern, is a mistake saying how to write it', () => {
  assert.match(mistake('header:'), /header: needs/);
  assert.match(mistake('header:list-id:'), /needs a value/);
  assert.match(mistake('header:list-id:^'), /needs a value/);
  assert.match(mistake(`header:subject:/${'a'.repeat(201)}/`), /at most 200/);
});

test('body:, recipient:, account:, is:junk and ages', () => {
  assert.deepEqual(parsed('body:invoice'), { kind: 'text', text: 'invoice', field: 'body', phrase: false, prefix: true });
  assert.deepEqual(parsed('recipient:"team list"'), {
    kind: 'or',
    children: [
      { kind: 'text', text: 'team list', field: 'to', phrase: true, prefix: false },
      { kind: 'text', text: 'team list', field: 'cc', phrase: true, prefix: false },
    ],
  });
  assert.deepEqual(parsed('account:Work'), { kind: 'account', name: 'Work' });
  assert.deepEqual(parsed('is:junk'), { kind: 'flag', flag: 'junk' });
  assert.deepEqual(parsed('older:30d'), { kind: 'age', relation: 'older', days: 30 });
  assert.deepEqual(parsed('newer:2w'), { kind: 'age', relation: 'newer', days: 14 });
  assert.deepEqual(parsed('older:1y'), { kind: 'age', relation: 'older', days: 365 });
  assert.deepEqual(parsed('older:12'), { kind: 'age', relation: 'older', days: 12 });
  assert.match(mistake('older:soon'), /needs an age/);
  assert.match(mistake('account:'), /needs an account/);
});
