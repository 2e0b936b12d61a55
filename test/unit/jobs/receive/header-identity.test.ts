/** The header fallback identity for servers without UIDL. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { firstHeader, headerIdentity } from '../../../../electron/jobs/receive/header-identity';

const HEADER = [
  'Received: from mx.example.org (mx [192.0.2.1])',
  '\tby pop.example.com with ESMTP id 42; Tue, 3 Nov 2026 10:00:00 +0000',
  'Received: from earlier.example.net by mx.example.org',
  'message-id: <abc@example.org>',
  'Subject: x',
  '',
  'Received: in the body, not a header',
  '',
].join('\r\n');

describe('header identity', () => {
  test('reads the first field, unfolded, case-insensitively, from the header block only', () => {
    assert.equal(firstHeader(HEADER, 'Received'), 'from mx.example.org (mx [192.0.2.1]) by pop.example.com with ESMTP id 42; Tue, 3 Nov 2026 10:00:00 +0000');
    assert.equal(firstHeader(HEADER, 'Message-ID'), '<abc@example.org>');
    assert.equal(firstHeader('Subject: x\r\n\r\nMessage-ID: <body@x>\r\n', 'Message-ID'), '');
  });

  test('the same message gets the same identity; another delivery of it gets another', () => {
    assert.equal(headerIdentity(HEADER), headerIdentity(HEADER.replace('\r\n', '\n')));
    assert.notEqual(headerIdentity(HEADER), headerIdentity(HEADER.replace('id 42', 'id 43')));
    assert.match(headerIdentity(HEADER), /^hdr:[0-9a-f]{64}$/);
    assert.equal(headerIdentity('Subject: nothing to go by\r\n\r\n'), '');
  });

  test('an identity stays what earlier versions computed, so mail left on the server is never fetched again', () => {
    assert.equal(headerIdentity(HEADER), 'hdr:39ccf7ac5a0a5db21f4a5d1181dab5fc3aeaa2a11c3a8271e6421bf1b3ce50ab');
    assert.equal(firstHeader('Message-ID:\r\n  <a@b>  \r\n\t\r\nReceived: x\r\n   y\t z \r\n', 'Received'), 'x y z');
    // Blanks before the colon are obsolete syntax (RFC 5322 §4.5), never read into an identity.
    assert.equal(firstHeader('Received : spaced\r\nMessage-ID: <q>\r\n', 'Received'), '');
  });
});
