import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatByteSize } from '../../../shared/byte-size';

test('sizes read the same everywhere: bytes, KB whole from 10 up, MB and above with one decimal', () => {
  assert.equal(formatByteSize(0), '0 B');
  assert.equal(formatByteSize(1023), '1023 B');
  assert.equal(formatByteSize(1024), '1.0 KB');
  assert.equal(formatByteSize(2970), '2.9 KB');
  assert.equal(formatByteSize(14 * 1024 + 300), '14 KB');
  assert.equal(formatByteSize(1024 * 1024 - 1), '1.0 MB', 'rounding up to 1024 KB says 1.0 MB');
  assert.equal(formatByteSize(1023 * 1024), '1023 KB');
  assert.equal(formatByteSize(3.2 * 1024 * 1024), '3.2 MB');
  assert.equal(formatByteSize(50 * 1024 * 1024 + 100_000), '50.1 MB');
  assert.equal(formatByteSize(5 * 1024 ** 3), '5.0 GB');
});

test('sizes are written the reader’s way: decimal comma in German and French, octets in French', () => {
  assert.equal(formatByteSize(1.5 * 1024 * 1024, 'de'), '1,5 MB');
  assert.equal(formatByteSize(1.5 * 1024 * 1024, 'de-AT'), '1,5 MB');
  assert.equal(formatByteSize(2970, 'fr'), '2,9 Ko');
  assert.equal(formatByteSize(1023, 'fr'), '1023 o');
  assert.equal(formatByteSize(14 * 1024 + 300, 'de'), '14 KB');
  assert.equal(formatByteSize(1.5 * 1024 * 1024, 'en'), '1.5 MB');
  assert.match(formatByteSize(1.5 * 1024 * 1024, 'ar'), /م\.ب$/);
  assert.equal(formatByteSize(1.5 * 1024 * 1024, 'not a locale!'), '1.5 MB');
});
