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
