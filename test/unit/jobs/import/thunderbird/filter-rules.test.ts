import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importThunderbirdFilters } from '../../../../../electron/jobs/import/thunderbird/filter-rules';
import { parseSearchQuery } from '../../../../../shared/search-query';

/** A msgFilterRules.dat as Thunderbird writes it, with filters that map, partly map, and do not. */
const FILE = [
  'version="9"',
  'logging="no"',
  'name="Mailing list"',
  'enabled="yes"',
  'type="17"',
  'action="Move to folder"',
  'actionValue="mailbox://nobody@Local%20Folders/Lists/Announce%20%D7%A9%D7%9C%D7%95%D7%9D"',
  'action="Mark read"',
  'action="Stop execution"',
  'condition="AND (\\"list-id\\",contains,announce.example.org) AND (subject,begins with,\\"[ann] (weekly)\\")"',
  'name="Boss or invoices"',
  'enabled="no"',
  'type="1"',
  'action="Mark flagged"',
  'action="Label"',
  'actionValue="1"',
  'condition="OR (from,is,boss@example.com) OR (to or cc,contains,billing@example.com) OR (size,is greater than,500)"',
  'name="Spam"',
  'enabled="yes"',
  'type="17"',
  'action="JunkScore"',
  'actionValue="100"',
  'condition="AND (subject,doesn\'t contain,meeting) AND (body,contains,lottery)"',
  'name="Old mail"',
  'enabled="yes"',
  'type="16"',
  'action="Delete"',
  'condition="AND (age in days,is greater than,90)"',
  'name="Forwarder"',
  'enabled="yes"',
  'type="17"',
  'action="Forward"',
  'actionValue="me@example.net"',
  'condition="AND (from,contains,friend)"',
  'name="Everything"',
  'enabled="yes"',
  'type="17"',
  'action="Mark read"',
  'condition="ALL"',
  '',
].join('\r\n');

test('filters that map become rules whose conditions the search language reads; the rest are listed with why', () => {
  const { filters, skipped } = importThunderbirdFilters(FILE);
  assert.deepEqual(
    filters.map((filter) => [filter.rule.name, filter.rule.query, filter.rule.actions, filter.rule.stop, filter.enabled, filter.leftOut]),
    [
      [
        'Mailing list',
        'header:list-id:announce.example.org header:subject:"^[ann] (weekly)"',
        [{ kind: 'move', folder: 'Local Folders/Lists/Announce שלום' }, { kind: 'mark-read' }],
        true,
        true,
        [],
      ],
      ['Boss or invoices', 'header:from:=boss@example.com OR recipient:billing@example.com OR larger:500K', [{ kind: 'flag' }], false, false, ['Label']],
      ['Spam', '-header:subject:meeting body:lottery', [{ kind: 'junk' }], false, true, []],
    ],
  );
  for (const filter of filters) assert.equal(parseSearchQuery(filter.rule.query).ok, true, filter.rule.query);
  assert.deepEqual(skipped, [
    { name: 'Old mail', reason: { code: 'field-unmapped', field: 'age in days' } },
    { name: 'Forwarder', reason: { code: 'actions-unmapped', actions: ['Forward'] } },
    { name: 'Everything', reason: { code: 'every-message' } },
  ]);
});
