/** Server rules' conditions, evaluated on what the server tells before download: headers and size. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headerColumns } from '../../../electron/storage/header-columns';
import { assertServerRuleQuery, serverRuleMatches, type ServerMessageFacts } from '../../../electron/storage/server-rule-match';
import { parseSearchQuery, type SearchNode } from '../../../shared/search-query';
import { addRule } from '../../../electron/storage/rules';
import { openTestStore } from './store-fixture';

function query(text: string): SearchNode {
  const parsed = parseSearchQuery(text);
  if (!parsed.ok || parsed.query === null) throw new Error(text);
  return parsed.query;
}

async function facts(lines: readonly string[], size: number | null): Promise<ServerMessageFacts> {
  const headers = Buffer.from(`${lines.join('\r\n')}\r\n`);
  return { headers: headers.toString('utf8'), columns: await headerColumns(headers), size };
}

test('header, address, subject and size conditions are decided from the header section and the LIST size', async () => {
  const message = await facts(
    [
      'From: =?UTF-8?B?w4lsb2TDqWU=?= <news@shop.example>',
      'To: Ann <ann@example.com>, Team <team@example.org>',
      'Subject: =?UTF-8?Q?Weekly_d=C3=A9als?= inside',
      'List-Id: Deals <deals.shop.example>',
      'X-Spam-Score: 7.5',
    ],
    250_000,
  );
  const holds = (text: string): boolean => serverRuleMatches(query(text), message);
  assert.ok(holds('from:news@shop.example'));
  assert.ok(holds('from:elodee'), 'the decoded name, accents aside');
  assert.ok(holds('subject:deals'));
  assert.ok(holds('subject:"weekly deals"'));
  assert.ok(!holds('subject:"deals weekly"'));
  assert.ok(holds('to:team@example.org -cc:team'));
  assert.ok(holds('header:subject:^weekly'), 'decoded before comparing');
  assert.ok(holds('header:list-id:deals.shop.example'));
  assert.ok(holds('header:x-spam-score:"/^[5-9]\\./"'));
  assert.ok(holds('larger:200K smaller:1M'));
  assert.ok(!holds('larger:1M'));
  assert.ok(holds('larger:1M OR header:list-id:deals'));
  assert.ok(!serverRuleMatches(query('larger:1K'), await facts(['Subject: x'], null)), 'an unknown size is never larger');
});

test('a server rule may use only header and size operators, and deleting needs a confirmation', async () => {
  for (const text of ['body:x', 'has:attachment', 'is:unread', 'older:3d', 'in:inbox', 'account:Home', 'plain words', 'filename:pdf']) {
    assert.throws(() => assertServerRuleQuery(query(text)), /only from:, to:, cc:, subject:, header:, larger: and smaller:/, text);
  }
  assertServerRuleQuery(query('(from:a OR header:x-y:z) -larger:5M subject:b'));
  const { database } = await openTestStore();
  assert.throws(
    () => addRule(database, { name: 'Words', query: 'invoice', actions: [{ kind: 'server', mode: 'leave' }], stop: false, accountId: null }),
    /decides before download/,
  );
  assert.throws(
    () => addRule(database, { name: 'Drop', query: 'larger:20M', actions: [{ kind: 'server', mode: 'delete' }], stop: false, accountId: null }),
    /needs your confirmation/,
  );
});
