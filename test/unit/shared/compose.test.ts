/**
 * Reply / Reply all / Forward builders and the `mailto:` parser: hostile originals never reach a
 * header, Re/Fwd prefixes never pile up, References chains follow RFC 5322 §3.6.4, and RFC 6068
 * examples parse as the RFC says.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { messageListItem } from '../../support/message-list-item';
import {
  answerKind,
  answerSubject,
  appendSignature,
  buildAnswer,
  draftToOutgoing,
  identitySignatureHtml,
  MAX_REFERENCES,
  quoteText,
  replaceSignature,
  replyReferences,
  SIGNATURE_TAG,
  type ComposeDraft,
  type ComposeIdentity,
} from '../../../shared/compose';
import type { MessageView } from '../../../shared/mail';
import { checkOutgoingMessage } from '../../../shared/mail/outgoing';
import { parseMailto } from '../../../shared/mailto';

const ME: ComposeIdentity = { name: 'Alice', address: 'alice@example.org', signature: 'Alice\nExample Org' };
const OWN = ['alice@example.org', 'alice.work@example.com'];

function original(overrides: Partial<MessageView> = {}): MessageView {
  return {
    ...messageListItem({
      id: 7,
      accountId: 'a1',
      subject: 'Lunch',
      from: { name: 'Bob', address: 'bob@example.net' },
      date: Date.UTC(2026, 0, 2, 3, 4, 5),
      size: 100,
    }),
    fromAll: [{ name: 'Bob', address: 'bob@example.net' }],
    sender: null,
    replyTo: [],
    to: [
      { name: 'Alice', address: 'Alice@Example.org' },
      { name: 'Carol', address: 'carol@example.net' },
    ],
    cc: [
      { name: '', address: 'dave@example.net' },
      { name: 'Alice work', address: 'alice.work@example.com' },
      { name: 'C', address: 'CAROL@example.net' },
    ],
    toCount: 2,
    ccCount: 3,
    messageId: '<m2@example.net>',
    inReplyTo: '<m1@example.net>',
    references: ['<m0@example.net>', '<m1@example.net>'],
    text: 'Hello\n> earlier\n\nBye',
    html: '<p>Hello <script>x()</script></p>',
    parts: [{ kind: 'html', html: '<p>Hello <script>x()</script></p>' }],
    omittedParts: 0,
    truncated: false,
    attachments: [],
    cidParts: [],
    inlineImages: [],
    listPost: null,
    readReceipt: null,
    ...overrides,
  };
}

/** Asserts the draft passes the outgoing checks, so nothing in it could reach a header unchecked. */
function assertSendable(draft: ComposeDraft): void {
  const outgoing = draftToOutgoing(draft);
  assert.ok(outgoing !== null);
  const checked = checkOutgoingMessage(outgoing);
  assert.ok(checked.ok, JSON.stringify(checked));
  const headerText = JSON.stringify([draft.subject, draft.to, draft.cc, draft.inReplyTo, draft.references]);
  assert.doesNotMatch(headerText, /\\r|\\n|\\u0000/);
}

describe('compose builders', () => {
  test('each part of a quoted original travels apart, as escaped text, in order', () => {
    const parts = [
      { kind: 'html', html: '<img src="http://127.0.0.1:9/leak?d=' },
      { kind: 'text', text: 'secret\nline' },
      { kind: 'html', html: '">end' },
    ] as const;
    for (const mode of ['reply', 'forward'] as const) {
      const draft = buildAnswer(original({ html: null, parts }), mode, { identity: ME, ownAddresses: OWN });
      assert.ok(
        draft.html?.includes(
          '<mailbag-quoted-part>&lt;img src=&quot;http://127.0.0.1:9/leak?d=</mailbag-quoted-part><p>secret<br>line</p><mailbag-quoted-part>&quot;&gt;end</mailbag-quoted-part>',
        ),
        draft.html ?? 'no HTML',
      );
    }
  });

  test('Re/Fwd prefixes never pile up', () => {
    assert.equal(answerSubject('Re: Re: x', 'reply'), 'Re: x');
    assert.equal(answerSubject('AW: SV: RE[2]: x', 'reply'), 'Re: x');
    assert.equal(answerSubject('Fwd: FW: x', 'forward'), 'Fwd: x');
    assert.equal(answerSubject('Re: Fwd: x', 'reply'), 'Re: x');
    assert.equal(answerSubject(null, 'reply'), 'Re:');
    assert.equal(answerSubject('Reunion', 'reply'), 'Re: Reunion');
  });

  test('reply goes to From, quotes the text with an attribution, signature once', () => {
    const draft = buildAnswer(original(), 'reply', { identity: ME, ownAddresses: OWN });
    assert.deepEqual(draft.to, [{ name: 'Bob', address: 'bob@example.net' }]);
    assert.deepEqual(draft.cc, []);
    assert.equal(draft.subject, 'Re: Lunch');
    assert.equal(draft.inReplyTo, '<m2@example.net>');
    assert.deepEqual(draft.references, ['<m0@example.net>', '<m1@example.net>', '<m2@example.net>']);
    assert.match(draft.text, /Bob <bob@example.net> wrote:\n> Hello\n>> earlier\n>\n> Bye\n$/);
    assert.equal(draft.text.split('-- \nAlice\nExample Org').length, 2);
    assert.ok(
      draft.html?.includes(
        '<blockquote type="cite"><mailbag-quoted-part>&lt;p&gt;Hello &lt;script&gt;x()&lt;/script&gt;&lt;/p&gt;</mailbag-quoted-part></blockquote>',
      ),
    );
    assertSendable(draft);
  });

  test('the attribution and the forward header are in the answering person’s language, with its date format', () => {
    const at = Date.UTC(2026, 2, 2, 23, 30);
    const german = buildAnswer(original({ date: at }), 'reply', {
      identity: ME,
      ownAddresses: OWN,
      dateStyle: { locale: 'en-US', timeZone: 'Europe/Berlin' },
      language: 'de',
    });
    assert.match(german.text, /Am 03\.03\.2026, 00:30 schrieb Bob <bob@example.net>:\n> Hello/);
    assert.ok(german.html?.includes('Am 03.03.2026, 00:30 schrieb Bob &lt;bob@example.net&gt;:'));
    const austrian = buildAnswer(original({ date: at }), 'reply', {
      identity: ME,
      ownAddresses: OWN,
      dateStyle: { locale: 'de-AT', timeZone: 'Europe/Vienna' },
      language: 'de',
    });
    assert.match(austrian.text, /Am 03\.03\.2026, 00:30 schrieb/);
    const french = buildAnswer(original({ date: at }), 'forward', { identity: ME, ownAddresses: OWN, dateStyle: { timeZone: 'Europe/Paris' }, language: 'fr' });
    assert.match(french.text, /---------- Message transféré ----------\nDe : Bob <bob@example.net>\nDate : 3 mars 2026, 00:30\nObjet : Lunch\nÀ : /);
    const arabic = buildAnswer(original({ date: at }), 'reply', { identity: ME, ownAddresses: OWN, dateStyle: { timeZone: 'UTC' }, language: 'ar' });
    assert.match(arabic.text, /في .+، كتب Bob <bob@example.net>:/);
    const english = buildAnswer(original({ date: at }), 'reply', {
      identity: ME,
      ownAddresses: OWN,
      dateStyle: { locale: 'de-DE', timeZone: 'UTC' },
      language: 'en',
    });
    assert.match(english.text, /On Mar 2, 2026, 11:30\s?PM, Bob <bob@example.net> wrote:/);
  });

  test('the attribution and the forward header give the date in the answering person’s zone, not GMT', () => {
    const style = { locale: 'en-GB', timeZone: 'Asia/Tokyo' };
    const at = Date.UTC(2026, 2, 2, 23, 30);
    const reply = buildAnswer(original({ date: at }), 'reply', { identity: ME, ownAddresses: OWN, dateStyle: style });
    assert.match(reply.text, /On 3 Mar 2026, 08:30, Bob <bob@example.net> wrote:/);
    assert.doesNotMatch(reply.text + (reply.html ?? ''), /GMT/);
    const forward = buildAnswer(original({ date: at }), 'forward', { identity: ME, ownAddresses: OWN, dateStyle: style });
    assert.match(forward.text, /Date: 3 Mar 2026, 08:30/);
  });

  test('Reply-To is honoured over From', () => {
    const draft = buildAnswer(original({ replyTo: [{ name: 'List', address: 'list@example.net' }] }), 'reply', { identity: ME, ownAddresses: OWN });
    assert.deepEqual(draft.to, [{ name: 'List', address: 'list@example.net' }]);
  });

  test('reply all adds To and Cc without own addresses and without repeats', () => {
    const draft = buildAnswer(original(), 'replyAll', { identity: ME, ownAddresses: OWN });
    assert.deepEqual(
      draft.to.map((item) => item.address),
      ['bob@example.net', 'carol@example.net'],
    );
    assert.deepEqual(
      draft.cc.map((item) => item.address),
      ['dave@example.net'],
    );
    assertSendable(draft);
  });

  test('a reply to my own message goes to its recipients', () => {
    const draft = buildAnswer(
      original({ fromAll: [{ name: 'Alice', address: 'alice@example.org' }], to: [{ name: '', address: 'zed@example.net' }] }),
      'reply',
      {
        identity: ME,
        ownAddresses: OWN,
      },
    );
    assert.deepEqual(draft.to, [{ address: 'zed@example.net' }]);
  });

  test('hostile originals: injected headers are neutralised or dropped, never reach a header', () => {
    const hostile = original({
      subject: 'Hi\r\nBcc: victim@example.com\r\nX-Evil: 1',
      replyTo: [
        { name: 'Evil', address: 'evil@example.net>\r\nBcc: victim@example.com' },
        { name: 'Name\r\nBcc: v@example.com', address: 'ok@example.net' },
      ],
      to: [{ name: '=?utf-8?q?ceo?=', address: 'x@example.net' }],
      messageId: '<m2@example.net>\r\nBcc: v@example.com',
      references: ['<ok@example.net>', 'bad\r\nid'],
    });
    for (const mode of ['reply', 'replyAll', 'forward', 'forwardAsAttachment'] as const) {
      const draft = buildAnswer(hostile, mode, { identity: ME, ownAddresses: OWN });
      assert.doesNotMatch(draft.subject, /[\r\n]/);
      assertSendable({ ...draft, to: draft.to.length > 0 ? draft.to : [{ address: 'someone@example.net' }] });
    }
    const reply = buildAnswer(hostile, 'replyAll', { identity: ME, ownAddresses: OWN });
    assert.equal(reply.subject, 'Re: Hi Bcc: victim@example.com X-Evil: 1');
    assert.deepEqual(reply.to, [{ address: 'ok@example.net' }, { address: 'x@example.net' }]);
    assert.equal(reply.inReplyTo, null);
    assert.deepEqual(reply.references, ['<ok@example.net>']);
    assert.ok(reply.problems.some((problem) => problem.field === 'replyTo[0]'));
    assert.ok(reply.problems.some((problem) => problem.field === 'messageId'));
  });

  test('References are trimmed to the root and the latest ids', () => {
    const references = Array.from({ length: 40 }, (_, index) => `<r${index}@example.net>`);
    const chain = replyReferences({ messageId: '<last@example.net>', inReplyTo: null, references });
    assert.equal(chain.length, MAX_REFERENCES);
    assert.equal(chain[0], '<r0@example.net>');
    assert.equal(chain.at(-1), '<last@example.net>');
    assert.equal(chain[1], `<r${40 - (MAX_REFERENCES - 2)}@example.net>`);
    assert.deepEqual(replyReferences({ messageId: '<b@x.y>', inReplyTo: '<a@x.y>', references: [] }), ['<a@x.y>', '<b@x.y>']);
  });

  test('forward inline carries a header block and attachment references', () => {
    const draft = buildAnswer(
      original({ attachments: [{ index: 0, fileName: 'a.pdf', contentType: 'application/pdf', size: 3, contentId: null, inline: false }] }),
      'forward',
      { identity: ME, ownAddresses: OWN },
    );
    assert.equal(draft.subject, 'Fwd: Lunch');
    assert.deepEqual(draft.to, []);
    assert.match(draft.text, /Forwarded message[\s\S]*From: Bob <bob@example.net>[\s\S]*Subject: Lunch[\s\S]*Hello/);
    assert.deepEqual(draft.forwardedAttachments, [{ messageId: 7, index: 0, fileName: 'a.pdf', contentType: 'application/pdf', size: 3 }]);
    assert.equal(draft.inReplyTo, null);
  });

  test('forward keeps the images its HTML shows inline instead of attaching them again; other parts stay attachments', () => {
    const draft = buildAnswer(
      original({
        parts: [{ kind: 'html', html: '<p>Chart: <img src="cid:Chart.1@Example.net"></p>' }],
        attachments: [
          { index: 0, fileName: 'chart.png', contentType: 'image/png', size: 5, contentId: '<Chart.1@Example.net>', inline: true },
          { index: 1, fileName: 'logo.png', contentType: 'image/png', size: 6, contentId: '<unused@example.net>', inline: true },
          { index: 2, fileName: 'a.pdf', contentType: 'application/pdf', size: 3, contentId: null, inline: false },
        ],
        cidParts: ['Chart.1@Example.net', 'unused@example.net'],
        inlineImages: [{ contentId: 'chart.1@example.net', contentType: 'image/png', base64: 'iVBORw==' }],
      }),
      'forward',
      { identity: ME, ownAddresses: OWN },
    );
    assert.deepEqual(
      draft.forwardedAttachments.map((item) => item.index),
      [1, 2],
    );
    assert.match(draft.html ?? '', /cid:Chart\.1@Example\.net/, 'the quoted HTML still names the part, for the editor to show from the store');
  });

  test('reply to list goes to the List-Post address only, quoting like a reply', () => {
    const draft = buildAnswer(original({ listPost: 'dev@lists.example.net', replyTo: [{ name: 'Bob', address: 'bob@example.net' }] }), 'replyList', {
      identity: ME,
      ownAddresses: OWN,
    });
    assert.deepEqual(draft.to, [{ address: 'dev@lists.example.net' }]);
    assert.deepEqual(draft.cc, []);
    assert.equal(draft.subject, 'Re: Lunch');
    assert.equal(draft.inReplyTo, '<m2@example.net>');
    assert.equal(answerKind('replyList'), 'reply');
    // Without a List-Post, it is an ordinary reply.
    assert.deepEqual(buildAnswer(original(), 'replyList', { identity: ME, ownAddresses: OWN }).to, [{ name: 'Bob', address: 'bob@example.net' }]);
  });

  test('forward as attachment names the original', () => {
    const draft = buildAnswer(original(), 'forwardAsAttachment', { identity: ME, ownAddresses: OWN });
    assert.equal(draft.attachOriginal, 7);
    assert.equal(draft.html, null);
  });

  test('changing identity replaces only the signature block in plain text, wherever the user typed', () => {
    const home = 'Alice\nHome';
    const work = '-- \nAlice Work\nExample Org';
    const typed = `Dear Bob,\n\nsee you.\n${appendSignature('', home)}`;
    assert.equal(replaceSignature(typed, home, work), 'Dear Bob,\n\nsee you.\n-- \nAlice Work\nExample Org\n');
    assert.equal(replaceSignature(typed, home, ''), 'Dear Bob,\n\nsee you.\n', 'no signature: the block goes');
    assert.equal(replaceSignature(typed.trimEnd(), home, work), 'Dear Bob,\n\nsee you.\n-- \nAlice Work\nExample Org\n', 'a block at the very end');
    // From an identity without a signature: the new block goes above the quote of an answer.
    const reply = buildAnswer(original(), 'reply', { identity: { ...ME, signature: '' }, ownAddresses: OWN });
    const swapped = replaceSignature(`Thanks!${reply.text}`, '', home);
    assert.match(swapped, /^Thanks!\n\n\n-- \nAlice\nHome\n\nOn .* wrote:\n> Hello/);
    assert.equal(replaceSignature('Hi', '', home), 'Hi\n-- \nAlice\nHome\n');
    assert.equal(replaceSignature('', '', home), '\n\n-- \nAlice\nHome\n');
    // The user deleted the old signature: nothing is added or changed.
    assert.equal(replaceSignature('Just text\n', home, work), 'Just text\n');
  });

  test('an answer carries the identity’s signature, rich when it has one, as a block of its own for the editor', () => {
    const rich = buildAnswer(original(), 'reply', { identity: { ...ME, signatureHtml: '<p><b>Alice</b></p>' }, ownAddresses: OWN });
    assert.match(
      rich.html ?? '',
      new RegExp(`^<p><br></p><${SIGNATURE_TAG}>-- &lt;br&gt;&lt;p&gt;&lt;b&gt;Alice&lt;/b&gt;&lt;/p&gt;</${SIGNATURE_TAG}><p>On `),
    );
    const plain = buildAnswer(original(), 'forward', { identity: ME, ownAddresses: OWN });
    assert.ok((plain.html ?? '').includes(`<${SIGNATURE_TAG}>-- &lt;br&gt;Alice&lt;br&gt;Example Org</${SIGNATURE_TAG}>`));
    const none = buildAnswer(original(), 'reply', { identity: { ...ME, signature: '' }, ownAddresses: OWN });
    assert.ok((none.html ?? '').includes(`<${SIGNATURE_TAG}></${SIGNATURE_TAG}>`), 'the block is there to be filled later');
    assert.equal(identitySignatureHtml({ signature: '', signatureHtml: '  ' }), '');
  });

  test('signature is appended once and quoting handles CRLF', () => {
    const once = appendSignature('Hi', 'S');
    assert.equal(once, 'Hi\n-- \nS\n');
    assert.equal(appendSignature(once, 'S'), once);
    assert.equal(appendSignature('Hi', '  '), 'Hi');
    assert.equal(appendSignature('Hi', '-- \nS'), once, 'a signature that brings its own separator gets no second one');
    assert.equal(quoteText('a\r\nb\r\n'), '> a\n> b');
  });
});

describe('mailto', () => {
  test('RFC 6068 examples', () => {
    const simple = parseMailto('mailto:chris@example.com', null);
    assert.ok(simple.ok);
    assert.deepEqual(simple.draft.to, [{ address: 'chris@example.com' }]);
    const subject = parseMailto('mailto:infobot@example.com?subject=current-issue', null);
    assert.ok(subject.ok);
    assert.equal(subject.draft.subject, 'current-issue');
    const body = parseMailto('mailto:infobot@example.com?body=send%20current-issue%0D%0Asend%20index', null);
    assert.ok(body.ok);
    assert.equal(body.draft.text, 'send current-issue\nsend index');
    const reply = parseMailto('mailto:list@example.org?In-Reply-To=%3C3469A91.D10AF4C@example.com%3E', null);
    assert.ok(reply.ok);
    assert.equal(reply.draft.inReplyTo, '<3469A91.D10AF4C@example.com>');
    const two = parseMailto('mailto:joe@example.com?cc=bob@example.com&body=hello', null);
    assert.ok(two.ok);
    assert.deepEqual(two.draft.cc, [{ address: 'bob@example.com' }]);
    const multi = parseMailto('mailto:?to=joe@example.com&cc=bob@example.com&body=hello', null);
    assert.ok(multi.ok);
    assert.deepEqual(multi.draft.to, [{ address: 'joe@example.com' }]);
    const utf8 = parseMailto('mailto:user@example.org?subject=caf%C3%A9', null);
    assert.ok(utf8.ok);
    assert.equal(utf8.draft.subject, 'café');
    const ignored = parseMailto('mailto:joe@example.com?X-Mailer=evil&from=boss@example.com', null);
    assert.ok(ignored.ok);
    assert.deepEqual(
      ignored.draft.problems.map((problem) => problem.field),
      ['x-mailer', 'from'],
    );
  });

  test('hostile links: CRLF in subject and bcc never reach a header', () => {
    const result = parseMailto(
      'mailto:a@example.com?subject=Hi%0D%0ABcc:%20v@example.com&bcc=x@example.com%0D%0AX-Evil:%201&cc=c@example.com%0Ad@example.com',
      {
        address: 'alice@example.org',
      },
    );
    assert.ok(result.ok);
    assert.equal(result.draft.subject, 'Hi Bcc: v@example.com');
    assert.deepEqual(result.draft.bcc, []);
    assert.deepEqual(result.draft.cc, []);
    assert.deepEqual(
      result.draft.problems.map((problem) => problem.field),
      ['bcc', 'cc'],
    );
    assertSendable(result.draft);
    assert.equal(parseMailto('http://example.com', null).ok, false);
    assert.equal(parseMailto('mailto:%E0%A4%A', null).ok, false);
    assert.equal(parseMailto(`mailto:a@example.com?body=${'x'.repeat(9000)}`, null).ok, false);
  });
});

test('sending a reply of either kind marks the original answered; a forward of either kind marks it forwarded', () => {
  assert.equal(answerKind('reply'), 'reply');
  assert.equal(answerKind('replyAll'), 'reply');
  assert.equal(answerKind('forward'), 'forward');
  assert.equal(answerKind('forwardAsAttachment'), 'forward');
});
