/** The Server mailbox's pure rules: states, removal dates, totals, large messages, header summaries, transcript bounds. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildListing, removalTime } from '../../../../electron/services/server-mailbox/mailbox-view';
import { decodeEncodedWords, summarizeHeaders } from '../../../../electron/jobs/server-mailbox/header-summary';
import { TRANSCRIPT_HEAD_LINES, TRANSCRIPT_TAIL_LINES, TranscriptRecorder } from '../../../../electron/jobs/server-mailbox/transcript-recorder';
import { DAY_MS } from '../../../../electron/jobs/receive/receive-plan';
import type { ReceivePolicy } from '../../../../electron/jobs/receive/receive-types';
import type { PopJournalEntry, PopState } from '../../../../electron/storage/pop-journal';

const NOW = 1_800_000_000_000;
const KEEP_14: ReceivePolicy = { leaveOnServer: { mode: 'days', days: 14 }, headersOnly: false, sizeLimitBytes: null };

function row(uidl: string, state: PopState, extra: Partial<PopJournalEntry> = {}): PopJournalEntry {
  return { accountId: 'a', uidl, state, reason: null, messageId: 7, size: 10, firstSeenAt: NOW - DAY_MS, downloadedAt: NOW - DAY_MS, updatedAt: NOW, ...extra };
}

function entry(uidl: string, size: number) {
  return { number: 1, uidl, size, from: 'x', subject: 'y', date: null };
}

test('each server message gets its state from the journal, and the totals add up', () => {
  const listing = buildListing({
    accountId: 'a',
    session: {
      listedAt: NOW,
      entries: [entry('d', 100), entry('h', 200), entry('n', 300), entry('k', 400), entry('p', 500), entry('dup', 600), entry('big', 20_000_000)],
      duplicates: ['dup'],
      expire: 30,
      loginDelaySeconds: 300,
    },
    journal: new Map([
      ['d', row('d', 'downloaded')],
      ['h', row('h', 'headers-only')],
      ['k', row('k', 'kept-on-server', { messageId: null })],
      ['p', row('p', 'delete-pending')],
    ]),
    keptForever: new Set(['h']),
    policy: KEEP_14,
    now: NOW,
  });
  assert.deepEqual(
    listing.messages.map((message) => [message.uidl, message.state]),
    [
      ['d', 'downloaded'],
      ['h', 'headers-only'],
      ['n', 'not-downloaded'],
      ['k', 'skipped'],
      ['p', 'delete-pending'],
      ['dup', 'ambiguous'],
      ['big', 'not-downloaded'],
    ],
  );
  assert.deepEqual(listing.totals, { count: 7, bytes: 100 + 200 + 300 + 400 + 500 + 600 + 20_000_000 });
  assert.deepEqual(
    listing.messages.map((message) => message.large),
    [false, false, false, false, false, false, true],
  );
  assert.equal(listing.messages[0]?.removalAt, NOW - DAY_MS + 14 * DAY_MS, '14 days after it was first seen');
  assert.equal(listing.messages[1]?.keptForever, true);
  assert.equal(listing.messages[1]?.removalAt, null);
  assert.equal(listing.messages[2]?.removalAt, NOW + 14 * DAY_MS, 'downloaded at the next check, kept 14 days');
  assert.equal(listing.messages[4]?.removalAt, NOW);
  assert.equal(listing.expire, 30);
  assert.equal(listing.loginDelaySeconds, 300);
});

test('removal follows each policy and never applies to partial or skipped messages', () => {
  const downloaded = row('d', 'downloaded');
  const policy = (leaveOnServer: ReceivePolicy['leaveOnServer'], extra: Partial<ReceivePolicy> = {}): ReceivePolicy => ({
    leaveOnServer,
    headersOnly: false,
    sizeLimitBytes: null,
    ...extra,
  });
  assert.equal(removalTime('downloaded', downloaded, 10, policy({ mode: 'forever' }), NOW), null);
  assert.equal(removalTime('downloaded', downloaded, 10, policy({ mode: 'never' }), NOW), NOW);
  assert.equal(removalTime('downloaded', downloaded, 10, policy({ mode: 'until-deleted' }), NOW), null);
  assert.equal(removalTime('downloaded', { ...downloaded, messageId: null }, 10, policy({ mode: 'until-deleted' }), NOW), NOW);
  assert.equal(removalTime('not-downloaded', undefined, 10, policy({ mode: 'never' }, { headersOnly: true }), NOW), null);
  assert.equal(removalTime('not-downloaded', undefined, 5_000, policy({ mode: 'never' }, { sizeLimitBytes: 1_000 }), NOW), null);
  assert.equal(removalTime('headers-only', row('h', 'headers-only'), 10, policy({ mode: 'never' }), NOW), null);
  assert.equal(removalTime('skipped', row('k', 'kept-on-server'), 10, policy({ mode: 'never' }), NOW), null);
});

test('header summaries decode encoded-words and read the date', () => {
  const summary = summarizeHeaders(
    Buffer.from(
      'From: =?UTF-8?B?SsO8cmdlbg==?= <j@example.org>\r\nSubject: =?ISO-8859-1?Q?Gr=FC=DFe?= =?ISO-8859-1?Q?_aus_K=F6ln?=\r\nDate: Mon, 2 Mar 2026 09:00:00 +0000 (UTC)\r\n\r\n',
    ),
  );
  assert.deepEqual(summary, { from: 'Jürgen <j@example.org>', subject: 'Grüße aus Köln', date: Date.UTC(2026, 2, 2, 9) });
  assert.equal(decodeEncodedWords('plain words'), 'plain words');
  assert.deepEqual(summarizeHeaders(Buffer.from('X-Other: 1\r\n\r\n')), { from: '', subject: '', date: null });
});

test('a very long transcript keeps its beginning and its end and counts what it left out', () => {
  const recorder = new TranscriptRecorder('send-receive', () => NOW);
  const total = TRANSCRIPT_HEAD_LINES + TRANSCRIPT_TAIL_LINES + 500;
  for (let index = 0; index < total; index += 1) recorder.sink({ direction: 'client', text: `line ${index}`, time: NOW });
  const transcript = recorder.finish();
  assert.equal(transcript.omitted, 500);
  assert.equal(transcript.lines.length, TRANSCRIPT_HEAD_LINES + TRANSCRIPT_TAIL_LINES);
  assert.equal(transcript.lines[0]?.text, 'line 0');
  assert.equal(transcript.lines[TRANSCRIPT_HEAD_LINES]?.text, `line ${TRANSCRIPT_HEAD_LINES + 500}`);
  assert.equal(transcript.lines.at(-1)?.text, `line ${total - 1}`);
});
