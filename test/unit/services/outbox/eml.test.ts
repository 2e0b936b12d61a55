/** `send --eml`: the envelope comes from the header, Bcc leaves the bytes, and nothing can be smuggled in. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prepareEml } from '../../../../electron/services/outbox';
import { errorMessageIn } from '../../../../shared/error-words';
import { MailbagError } from '../../../../shared/errors';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { checkAddress, type ParsedAddress } from '../../../../shared/mail/address';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

function sender(): ParsedAddress {
  const checked = checkAddress({ address: 'ann@example.com' });
  assert.ok(checked.ok);
  return checked.value;
}

function eml(lines: readonly string[], end = '\n'): Uint8Array {
  return Buffer.from(lines.join(end), 'utf8');
}

test('a ready message gets its envelope from To, Cc and Bcc, loses Bcc (folded too), CRLF line ends, and a Message-ID and Date', () => {
  const prepared = prepareEml(
    eml([
      'From: Ann <ann@example.com>',
      'To: Bob <bob@example.test>,',
      ' "Carol, C." <carol@example.test>',
      'Cc: Team: dave@example.test;',
      'Bcc: secret@example.test,',
      '\thidden@example.test',
      'Subject: Grüße',
      '',
      'Body line',
      '',
    ]),
    sender(),
    NOW,
  );
  assert.deepEqual(prepared.envelope, {
    from: 'ann@example.com',
    to: ['bob@example.test', 'carol@example.test', 'dave@example.test', 'secret@example.test', 'hidden@example.test'],
    needsSmtpUtf8: false,
  });
  const text = Buffer.from(prepared.raw).toString('utf8');
  assert.doesNotMatch(text, /^bcc:|secret|hidden/im);
  assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\r\n]/, 'every line ends in CRLF');
  assert.match(text, new RegExp(`^Message-ID: ${prepared.messageId}\r\n`));
  assert.match(text, /\r\nDate: Sun, 22 Nov 2026 12:00:00 \+0000\r\n/);
  assert.match(text, /\r\n\r\nBody line\r\n$/);
  assert.equal(prepared.eightBit, true);
});

test('a ready message keeps its own Message-ID and Date', () => {
  const prepared = prepareEml(
    eml(['From: ann@example.com', 'To: bob@example.test', 'Message-ID: <kept@example.com>', 'Date: Mon, 2 Nov 2026 10:00:00 +0100', '', 'x'], '\r\n'),
    sender(),
    NOW,
  );
  assert.equal(prepared.messageId, '<kept@example.com>');
  assert.equal(
    (
      Buffer.from(prepared.raw)
        .toString('latin1')
        .match(/^Date:/gm) ?? []
    ).length,
    1,
  );
});

test('CR/LF injection and malformed messages are refused with VALIDATION', () => {
  const cases: Array<[string, Uint8Array]> = [
    ['bare CR starting a hidden header', eml(['From: ann@example.com', 'To: bob@example.test', 'Subject: hi\rBcc: evil@example.test', '', 'x'], '\r\n')],
    ['a control character in a header', eml(['From: ann@example.com', 'To: bob@example.test\u0000', '', 'x'])],
    ['a line that is neither a field nor a fold', eml(['From: ann@example.com', 'To: bob@example.test', 'not a header', '', 'x'])],
    ['no From', eml(['To: bob@example.test', '', 'x'])],
    ['no recipient', eml(['From: ann@example.com', 'Subject: x', '', 'x'])],
    ['a bad recipient', eml(['From: ann@example.com', 'To: "x" <bob@exa mple.test>', '', 'x'])],
    ['no body separator', eml(['From: ann@example.com', 'To: bob@example.test'])],
    ['a bad Message-ID', eml(['From: ann@example.com', 'To: bob@example.test', 'Message-ID: nope', '', 'x'])],
  ];
  for (const [name, bytes] of cases) {
    assert.throws(
      () => prepareEml(bytes, sender(), NOW),
      (error: { code?: string }) => error.code === 'VALIDATION',
      name,
    );
  }
});

test('encoded display names are fine; only the addresses make the envelope', () => {
  const prepared = prepareEml(
    eml(['From: ann@example.com', 'To: =?UTF-8?Q?J=C3=B6rg?= <joerg@example.test>, "=?UTF-8?B?w4Rs?=" <al@example.test>', '', 'x']),
    sender(),
    NOW,
  );
  assert.deepEqual(prepared.envelope.to, ['joerg@example.test', 'al@example.test']);
});

test('a recipient list that cannot be read says why in the reader’s language, inside the same sentence', () => {
  const bytes = eml(['From: ann@example.com', 'To: "x" <bob@exa mple.test>', '', 'x']);
  let refused: unknown;
  try {
    prepareEml(bytes, sender(), NOW);
  } catch (error) {
    refused = error;
  }
  assert.ok(refused instanceof MailbagError);
  assert.equal(refused.message, 'The message file cannot be sent: its to field cannot be read (not of the form name@example.com: "bob@exa mple.test").');
  const german = errorMessageIn(createTranslator('de').t, refused.toData());
  assert.match(german, /\(nicht in der Form name@example\.com: /);
  const arabic = errorMessageIn(createTranslator('ar').t, refused.toData());
  assert.match(arabic, /\(ليس بالشكل name@example\.com: /u);
  assert.doesNotMatch(`${german} ${arabic}`, /\b(?:syntax|not of the form)\b/);
});
