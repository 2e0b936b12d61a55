import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExternalUrl } from '../../../shared/urls';

test('http, https and mailto links may leave the app', () => {
  assert.equal(parseExternalUrl('https://example.com/a?b=c')?.href, 'https://example.com/a?b=c');
  assert.equal(parseExternalUrl('HTTP://EXAMPLE.com')?.href, 'http://example.com/');
  assert.equal(parseExternalUrl('mailto:someone@example.com?subject=Hi')?.protocol, 'mailto:');
});

test('every other scheme, credentials in URLs and malformed text are refused', () => {
  for (const text of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'ms-msdt:/id',
    'smb://server/share',
    'app://mailbag/index.html',
    'https://user:pass@example.com/',
    'not a url',
    '',
    `https://example.com/${'a'.repeat(9000)}`,
  ]) {
    assert.equal(parseExternalUrl(text), null, text);
  }
});
