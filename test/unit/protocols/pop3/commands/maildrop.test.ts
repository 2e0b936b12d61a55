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
  assert.equal(findRepeatedNumber([{ number: 3 }, { number: 1 }, { number: 2 }]), undefined, 'out of order, all different');
  assert.equal(findRepeatedNumber([{ number: 1 }, { number: 3 }, { number: 2 }, { number: 3 }]), 3, 'a repeat after the order breaks');
  assert.equal(findRepeatedNumber([{ number: 1 }, { number: 2 }, { number: 2 }]), 2, 'a repeat where the order stops rising');
  assert.equal(findRepeatedNumber([]), undefined);
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

/** LIST and UIDL lines read word by word, as RFC 1939 describes them (the reading every line got before the plain form was read directly). */
function wordByWord(text: string): { list: { number: number; size: number } | undefined; uidl: { number: number; uid: string } | undefined } {
  const words = text.trim().split(/\s+/);
  const toNumber = (word: string | undefined): number | undefined => (word !== undefined && /^\d{1,10}$/.test(word) ? Number(word) : undefined);
  const number = toNumber(words[0]);
  const size = toNumber(words[1]);
  const uid = words[1];
  return {
    list: number === undefined || number === 0 || size === undefined ? undefined : { number, size },
    uidl:
      number === undefined || number === 0 || uid === undefined || words.length !== 2 || uid.length > 70 || !/^[\x21-\x7E]+$/.test(uid)
        ? undefined
        : { number, uid },
  };
}

test('LIST and UIDL lines in the plain form and in every other form read as they do word by word', () => {
  const tricky = [
    '1 120',
    '1 whqtswO00WBw418f9t5JxYwZ',
    '0 120',
    '01 0120',
    '1 0',
    '9999999999 9999999999',
    '99999999999 1',
    '1 99999999999',
    '1  120',
    ' 1 120',
    '1 120 ',
    '1\t120',
    '1 120 extra',
    '1 12a',
    '1a 12',
    '-1 12',
    '1 -12',
    '1 ',
    ' 1',
    '1',
    '',
    ' ',
    `1 ${'x'.repeat(70)}`,
    `1 ${'x'.repeat(71)}`,
    '1 caf\u00e9',
    '1\u00a0abc',
    '1 abc\u00a0',
    '1 abc\u2028',
    '1\u3000abc',
    '\u00a01 abc',
    '1 a\x7fb',
    '1 a\x00b',
    '1 !~',
    '+OK 1',
    '.1 abc',
  ];
  let state = 20261208;
  const next = (bound: number): number => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % bound;
  };
  const alphabet = ['0', '1', '9', ' ', '\t', 'a', 'Z', '~', '!', '\x7f', '\u00a0', '\u00e9', '\u3000', '-', '+', '.'];
  const random = Array.from({ length: 3_000 }, () => Array.from({ length: next(12) }, () => alphabet[next(alphabet.length)]).join(''));
  for (const line of [...tricky, ...random]) {
    const expected = wordByWord(line);
    assert.deepEqual(parseListLine(line), expected.list, JSON.stringify(line));
    assert.deepEqual(parseUidlLine(line), expected.uidl, JSON.stringify(line));
  }
});
