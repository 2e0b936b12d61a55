/**
 * `mailto:` links handed over by the system are untrusted text from any web page: only links are kept
 * from a command line, and the draft built from one never reads or attaches a file, whatever it asks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMailtoLinks, isMailtoLink, mailtoLinksInArgv, MAX_WAITING_MAILTO_LINKS } from '../../../electron/main/mailto-links';
import { createEventHub } from '../../../electron/services/events';
import { MAX_MAILTO_LENGTH, parseMailto } from '../../../shared/mailto';

test('only mailto: links are taken from a command line, never switches, paths or other URLs', () => {
  assert.deepEqual(
    mailtoLinksInArgv([
      '/usr/bin/mailbag',
      '--profile',
      '/tmp/p',
      '--enable-features=X',
      '/etc/passwd',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'MAILTO:Ann@Example.com',
      'mailto:bob@example.com?subject=Hi',
    ]),
    ['MAILTO:Ann@Example.com', 'mailto:bob@example.com?subject=Hi'],
  );
  assert.equal(isMailtoLink('mailto:a@example.com\r\nBcc: x@example.com'), false, 'a raw line break');
  assert.equal(isMailtoLink('mailto:a@example.com\u0000'), false);
  assert.equal(isMailtoLink(`mailto:a@example.com?body=${'x'.repeat(MAX_MAILTO_LENGTH)}`), false, 'too long');
  assert.equal(isMailtoLink(' mailto:a@example.com'), false);
});

test('attach= and attachment= are ignored: a link never makes a draft carry or read a file', () => {
  const result = parseMailto('mailto:ann@example.com?attach=/etc/passwd&Attachment=file:///home/u/.ssh/id_ed25519&attach=%2Fetc%2Fshadow&body=See%20attached', {
    address: 'me@example.com',
  });
  assert.ok(result.ok);
  assert.deepEqual(result.draft.forwardedAttachments, []);
  assert.equal(result.draft.attachOriginal, null);
  assert.equal(result.draft.text, 'See attached');
  assert.deepEqual(
    result.draft.problems.map((problem) => `${problem.field}:${problem.problem}`),
    ['attach:ignored', 'attachment:ignored', 'attach:ignored'],
  );
});

test('hostile links give a harmless draft: no header injection, no extra recipients from a subject, no From', () => {
  const result = parseMailto(
    'mailto:%22Evil%0D%0ABcc%3A%20x%40evil.example%22%20%3Cann%40example.com%3E?subject=Hi%0D%0ABcc:%20spy@evil.example&from=boss@example.com&body=%E2%80%AEgnp.exe%00%07ok&X-Header=1&in-reply-to=%3Cnot%20an%20id',
    { address: 'me@example.com' },
  );
  assert.ok(result.ok);
  const { draft } = result;
  assert.equal(draft.subject.includes('\n') || draft.subject.includes('\r'), false);
  assert.deepEqual(draft.bcc, []);
  assert.deepEqual(draft.to, [], 'an address whose name hides a line break is refused, and said so');
  assert.equal(draft.subject, 'Hi Bcc: spy@evil.example');
  assert.deepEqual(draft.from, { address: 'me@example.com' }, 'the sending identity, never the link’s');
  assert.equal(draft.text.includes('\u0000') || draft.text.includes('\u0007'), false);
  assert.equal(draft.inReplyTo, null);
  assert.deepEqual(
    draft.problems.map((problem) => problem.field),
    ['to', 'from', 'x-header', 'in-reply-to'],
  );
  for (const url of ['mailto:%', 'mailto:a@example.com?subject=%E0%A4%A', 'http://example.com/?mailto:a@example.com'])
    assert.equal(parseMailto(url, null).ok, false, url);
});

test('links wait for the window, which is told and takes them once; only the newest few are kept', () => {
  const events = createEventHub();
  const told: unknown[] = [];
  events.subscribe((name, payload) => name === 'windowCommand' && told.push(payload));
  const links = createMailtoLinks(events);
  assert.equal(links.add('file:///etc/passwd'), false);
  assert.deepEqual(told, []);
  for (let index = 0; index < MAX_WAITING_MAILTO_LINKS + 3; index += 1) assert.equal(links.add(`mailto:n${index}@example.com`), true);
  assert.equal(told.length, MAX_WAITING_MAILTO_LINKS + 3);
  assert.deepEqual(told[0], { command: 'mailto' });
  const taken = links.take();
  assert.equal(taken.length, MAX_WAITING_MAILTO_LINKS);
  assert.equal(taken.at(-1), `mailto:n${MAX_WAITING_MAILTO_LINKS + 2}@example.com`);
  assert.deepEqual(links.take(), []);
});
