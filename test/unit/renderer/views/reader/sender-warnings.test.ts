import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeDomainToUnicode } from '../../../../../shared/mail/punycode';
import { lookalikeDomain, senderWarnings as warningsIn, type SenderHeaders } from '../../../../../renderer/views/reader/sender-warnings';
import { createTranslator } from '../../../../../shared/i18n/catalogs';
import { domainToAscii } from '../../../../../shared/mail/punycode';

const senderWarnings = (fields: SenderHeaders) => warningsIn(fields, createTranslator('en').t);

function headers(from: { name: string; address: string }, more: Partial<SenderHeaders> = {}): SenderHeaders {
  return { from, fromAll: [from], sender: null, replyTo: [], ...more };
}

test('a plain sender has no warnings, and a Reply-To that repeats From (any case) is none either', () => {
  assert.deepEqual(senderWarnings(headers({ name: 'Alice Example', address: 'alice@example.test' })), []);
  assert.deepEqual(senderWarnings(headers({ name: 'Alice', address: 'alice@example.test' }, { replyTo: [{ name: '', address: 'ALICE@example.test' }] })), []);
});

test('a Reply-To that differs from From says where replies go', () => {
  const warnings = senderWarnings(headers({ name: 'Bank', address: 'news@bank.test' }, { replyTo: [{ name: 'Collector', address: 'collect@evil.test' }] }));
  assert.deepEqual(warnings, [{ kind: 'reply-to', text: 'Replies will go to collect@evil.test, not to the sender.' }]);
});

test('a display name that is another address is called out with the real address', () => {
  const warnings = senderWarnings(headers({ name: 'paypal@paypal.com', address: 'x123@evil.test' }));
  assert.deepEqual(warnings, [
    { kind: 'name-is-address', text: 'The sender’s name looks like the address paypal@paypal.com, but the message comes from x123@evil.test.' },
  ]);
  assert.deepEqual(senderWarnings(headers({ name: 'Service <service@paypal.com>', address: 'x@evil.test' }))[0]?.kind, 'name-is-address');
  assert.deepEqual(senderWarnings(headers({ name: 'alice@example.test', address: 'Alice@Example.test' })), [], 'the same address is no disguise');
});

test('a display name that mentions another domain is called out; its own domain and subdomains are not', () => {
  assert.equal(senderWarnings(headers({ name: 'PayPal.com Security', address: 'alert@evil.test' }))[0]?.kind, 'name-mentions-domain');
  assert.deepEqual(senderWarnings(headers({ name: 'Booking.com', address: 'news@mail.booking.com' })), []);
  assert.deepEqual(senderWarnings(headers({ name: 'Dr.Smith', address: 'smith@clinic.test' })), [], 'not a known top-level domain');
  assert.deepEqual(senderWarnings(headers({ name: 'J.R.R. Tolkien', address: 'jrr@books.test' })), []);
});

test('punycode decodes as RFC 3492 says, and round-trips with the shared encoder', () => {
  assert.equal(decodeDomainToUnicode('xn--mnchen-3ya.de'), 'münchen.de');
  assert.equal(decodeDomainToUnicode('xn--bcher-kva.example'), 'bücher.example');
  assert.equal(decodeDomainToUnicode('example.com'), 'example.com');
  assert.equal(decodeDomainToUnicode('xn--!!.com'), null);
  for (const domain of ['аррӏе.com', 'pаypal.com', 'bücher.example', '例え.テスト']) assert.equal(decodeDomainToUnicode(domainToAscii(domain)), domain);
});

test('homograph domains are caught, in punycode or Unicode; ordinary international domains are not', () => {
  assert.equal(lookalikeDomain('xn--80ak6aa92e.com'), 'аррӏе.com', 'all-Cyrillic letters posing as "apple"');
  assert.equal(lookalikeDomain(domainToAscii('pаypal.com')), 'pаypal.com', 'one Cyrillic а among Latin letters');
  assert.equal(lookalikeDomain('pаypal.com'), 'pаypal.com');
  assert.equal(lookalikeDomain('xn--mnchen-3ya.de'), null);
  assert.equal(lookalikeDomain('example.com'), null);
  assert.equal(lookalikeDomain('пример.рф'), null, 'a Cyrillic domain under a Cyrillic top-level domain is simply Russian');
  const warnings = senderWarnings(headers({ name: 'PayPal', address: `service@${domainToAscii('pаypal.com')}` }));
  assert.equal(warnings[0]?.kind, 'lookalike-domain');
  assert.match(warnings[0]?.text ?? '', /pаypal\.com/);
});

test('Sender and Reply-To domains are checked too, each domain once', () => {
  const warnings = senderWarnings(
    headers(
      { name: 'A', address: 'a@example.test' },
      { sender: { name: '', address: 'b@xn--80ak6aa92e.com' }, replyTo: [{ name: '', address: 'c@xn--80ak6aa92e.com' }] },
    ),
  );
  assert.deepEqual(
    warnings.map((warning) => warning.kind),
    ['reply-to', 'lookalike-domain'],
  );
});

test('a sender name or address with bidi controls is called out, the address shown with its controls visible', () => {
  const warnings = senderWarnings(headers({ name: 'security@bank.example\u202E', address: 'security@live.example' }));
  assert.ok(warnings.some((warning) => warning.kind === 'bidi-controls' && warning.text.endsWith('the message comes from security@live.example.')));
  const inAddress = senderWarnings(headers({ name: 'Bob', address: 'bob\u202E@evil.example' }));
  assert.deepEqual(
    inAddress.map((warning) => warning.text),
    ['The sender’s name or address holds characters that reverse the text direction; the message comes from bob[U+202E]@evil.example.'],
  );
});

test('the warnings speak the window’s language', () => {
  const fields: SenderHeaders = {
    from: null,
    fromAll: [{ name: 'Bank', address: 'news@bank.test' }],
    sender: null,
    replyTo: [{ name: '', address: 'collect@evil.test' }],
  };
  assert.deepEqual(
    warningsIn(fields, createTranslator('de').t).map((warning) => warning.text),
    ['Antworten gehen an collect@evil.test, nicht an den Absender.'],
  );
});
