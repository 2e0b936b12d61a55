import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseSubject } from '../../../../shared/mail/base-subject';

test('reply and forward prefixes of RFC 5256 §2.1 go, in any case and any number', () => {
  assert.deepEqual(baseSubject('Re: Topic'), { text: 'Topic', key: 'topic', replyOrForward: true });
  assert.equal(baseSubject('RE: re: Fwd: FW: topic').text, 'topic');
  assert.equal(baseSubject('Re [2]: Topic').text, 'Topic');
  assert.equal(baseSubject('Re(3): Topic').text, 'Topic');
  assert.equal(baseSubject('Re : Topic').text, 'Topic');
});

test('localized prefixes go as in Thunderbird: AW, SV, VS, Antw, WG, Odp and CJK ones', () => {
  assert.equal(baseSubject('Re: AW: Topic').key, 'topic');
  assert.equal(baseSubject('SV: VS: Antw: WG: Odp: Topic').text, 'Topic');
  assert.equal(baseSubject('回复：会议').text, '会议');
  assert.equal(baseSubject('aw: TOPIC').key, 'topic');
});

test('list tags and (fwd) trailers go; a tag that is the whole subject stays', () => {
  assert.equal(baseSubject('[list] Re: [other] Topic (fwd)').text, 'Topic');
  assert.equal(baseSubject('Topic (fwd) (FWD)').text, 'Topic');
  assert.equal(baseSubject('[fwd: Re: Topic]').text, 'Topic');
  assert.equal(baseSubject('[just a tag]').text, '[just a tag]');
});

test('words that only look like prefixes stay, and blanks fold', () => {
  assert.deepEqual(baseSubject('Report:  quarterly\tfigures'), { text: 'Report: quarterly figures', key: 'report: quarterly figures', replyOrForward: false });
  assert.equal(baseSubject('Result: done').text, 'Result: done');
  assert.equal(baseSubject('Revue').text, 'Revue');
  assert.deepEqual(baseSubject(null), { text: '', key: '', replyOrForward: false });
  assert.equal(baseSubject('Re:').key, '');
});

test('a hostile subject costs little: it is cut before it is read', () => {
  const text = baseSubject('Re: '.repeat(100_000) + 'x').text;
  assert.ok(text.length < 2_000);
});
