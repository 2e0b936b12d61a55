/**
 * Address parsing as every field uses it: groups, quoted display names, IDN domains to punycode for the
 * envelope, SMTPUTF8 for non-ASCII local parts, and refusal of anything that could inject a header line
 * or an SMTP command.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkAddress, flattenAddressList, parseAddressList, parseMailbox } from '../../../../shared/mail/address';
import { domainToAscii, encodePunycode } from '../../../../shared/mail/punycode';

function list(text: string): unknown {
  const result = parseAddressList(text);
  assert.ok(result.ok, `refused: ${JSON.stringify(result)}`);
  return result.value;
}

describe('addresses', () => {
  test('punycode matches RFC 3492 and IDNA examples', () => {
    assert.equal(encodePunycode('bücher'), 'bcher-kva');
    assert.equal(encodePunycode('münchen'), 'mnchen-3ya');
    assert.equal(encodePunycode('例え'), 'r8jz45g');
    assert.equal(encodePunycode('ü'), 'tda');
    assert.equal(domainToAscii('Bücher.Example'), 'xn--bcher-kva.example');
    assert.equal(domainToAscii('example.test'), 'example.test');
  });

  test('names, quoted names and bare addresses', () => {
    assert.deepEqual(list('Bob <bob@example.test>, "Smith, Jane" <jane@example.test>, carol@example.test'), [
      { name: 'Bob', address: 'bob@example.test', envelope: 'bob@example.test', needsSmtpUtf8: false },
      { name: 'Smith, Jane', address: 'jane@example.test', envelope: 'jane@example.test', needsSmtpUtf8: false },
      { name: undefined, address: 'carol@example.test', envelope: 'carol@example.test', needsSmtpUtf8: false },
    ]);
    const escaped = parseMailbox('"Say \\"hi\\" <now>" <x@example.test>');
    assert.ok(escaped.ok);
    assert.equal(escaped.value.name, 'Say "hi" <now>');
  });

  test('groups keep their members, and flatten into recipients', () => {
    const value = list('Team: a@example.test, "B, b" <b@example.test>;, c@example.test, Empty: ;');
    assert.deepEqual(
      flattenAddressList(value as Parameters<typeof flattenAddressList>[0]).map((address) => address.envelope),
      ['a@example.test', 'b@example.test', 'c@example.test'],
    );
    assert.equal((value as Array<{ group?: string }>)[0]?.group, 'Team');
  });

  test('IDN domains get an ASCII envelope; non-ASCII local parts need SMTPUTF8', () => {
    const idn = checkAddress({ address: 'info@Bücher.example' });
    assert.ok(idn.ok);
    assert.deepEqual([idn.value.address, idn.value.envelope, idn.value.needsSmtpUtf8], ['info@bücher.example', 'info@xn--bcher-kva.example', false]);
    const utf8 = checkAddress({ address: 'jörg@example.test' });
    assert.ok(utf8.ok);
    assert.equal(utf8.value.needsSmtpUtf8, true);
    const quoted = checkAddress({ address: '"john doe"@example.test' });
    assert.ok(quoted.ok);
    assert.equal(quoted.value.envelope, '"john doe"@example.test');
  });

  const HOSTILE = [
    'a@example.test\r\nBcc: v@example.test',
    'Name\n <a@example.test>',
    'a@example.test>, <v@example.test',
    '<a@example.test',
    'a@example.test>',
    'Team: a@example.test',
    'a@example.test;',
    '(comment) a@example.test',
    'a@exam\u0000ple.test',
    'Bob <a@example.test> trailing',
    '"unterminated <a@example.test>',
  ];
  for (const text of HOSTILE) {
    test(`refuses ${JSON.stringify(text)}`, () => {
      assert.equal(parseAddressList(text).ok, false);
    });
  }

  test('refuses over-long parts (RFC 5321 §4.5.3.1)', () => {
    assert.equal(checkAddress({ address: `${'a'.repeat(65)}@example.test` }).ok, false);
    assert.equal(checkAddress({ address: `a@${'b'.repeat(64)}.test` }).ok, false);
    assert.equal(checkAddress({ address: `a@${Array.from({ length: 60 }, () => 'abcd').join('.')}` }).ok, false);
  });
});
