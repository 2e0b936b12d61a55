import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDuplicateUids, findRepeatedNumber, parseListLine, parseStat, parseUidlLine } from '../../../../../electron/protocols/pop3/commands/maildrop';

test('STAT, LIST and UIDL lines (RFC 1939 §5, §7)', () => {
  assert.deepEqual(parseStat('2 320'), { count: 2, size: 320 });
  assert.deepEqual(parseStat('2 320 extra words'), { count: 2, size: 320 });
  assert.equal(parseStat('two 320'), undefined);
  assert.deepEqual(parseListLine('1 120'), { number: 1, size: 120 });
  assert.equal(parseListLine('0 120'), undefined);
  assert.equal(parseListLine('1'), undefined);
  assert.deepEqual(parseUidlLine('1 whqtswO00WBw418f9t5JxYwZ'), { number: 1, uid: 'whqtswO00WBw418f9t5JxYwZ' });
  assert.equal(parseUidlLine('1 has space'), undefined);
  assert.equal(parseUidlLine(`1 ${'x'.repeat(71)}`), undefined);
  assert.equal(parseUidlLine('1 caf\u00e9'), undefined);
  assert.equal(parseStat('99999999999999999999 1'), undefined);
});

test('finds repeated numbers and duplicate unique-ids', () => {
  assert.equal(findRepeatedNumber([{ number: 1 }, { number: 2 }, { number: 1 }]), 1);
  assert.equal(findRepeatedNumber([{ number: 1 }, { number: 2 }]), undefined);
  assert.deepEqual(
    [
      ...findDuplicateUids([
        { number: 1, uid: 'a' },
        { number: 2, uid: 'b' },
        { number: 3, uid: 'a' },
      ]),
    ],
    ['a'],
  );
});
