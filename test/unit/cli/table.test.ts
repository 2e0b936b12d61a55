/** The command line's one table printer: columns as wide as their widest cell, control characters shown. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { table } from '../../../electron/cli/table';

test('columns line up under their headings, two spaces apart, with no trailing blanks', () => {
  const text = table([
    ['ID', 'NAME', 'NOTE'],
    ['1', 'Alice Long-Name', ''],
    ['22', 'Bo', 'x'],
  ]);
  assert.equal(text, ['ID  NAME             NOTE', '1   Alice Long-Name', '22  Bo               x'].join('\n'));
});

test('control characters from mail and servers are made visible before the columns are measured', () => {
  const text = table([
    ['A', 'B'],
    ['\u001b[31mred', 'end'],
  ]);
  assert.equal(text.includes('\u001b'), false);
  const [heading, row] = text.split('\n');
  assert.ok(heading !== undefined && row !== undefined);
  assert.equal(row.indexOf('end'), heading.indexOf('B'), 'the second column starts at the same place in every row');
});

test('no rows, no text', () => {
  assert.equal(table([]), '');
});
