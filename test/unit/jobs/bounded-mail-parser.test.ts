/** mailparser as the index and the reader run it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MailParser } from 'mailparser';
import { boundedMailParserOptions } from '../../../electron/jobs/bounded-mail-parser';
import { DEFAULT_MIME_LIMITS } from '../../../electron/jobs/mime-shape';

test('mailparser gets twice the scanner’s limits, so the scanner always stops a hostile message first', () => {
  const parser = new MailParser(boundedMailParserOptions({ ...DEFAULT_MIME_LIMITS, headerBytes: 1000, parts: 7 }));
  assert.equal(parser.options.maxHeadSize, 2000);
  assert.equal(parser.options.maxChildNodes, 14);
  assert.equal(parser.options.skipTextToHtml, true);
  assert.equal(parser.options.maxHtmlLengthToParse, undefined);
  assert.equal(new MailParser(boundedMailParserOptions(DEFAULT_MIME_LIMITS, { maxHtmlLengthToParse: 99 })).options.maxHtmlLengthToParse, 99);
});
