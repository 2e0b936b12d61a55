import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TOTAL_ATTACHMENT_BYTES } from '../../../../../shared/compose-ops';
import { parseChips } from '../../../../../renderer/views/compose/address-chips';
import { createTranslator } from '../../../../../shared/i18n/catalogs';
import { EMPTY_CONTENT, type ComposeContent } from '../../../../../renderer/views/compose/compose-content';
import type { LoadedCompose } from '../../../../../renderer/views/compose/compose-load';
import {
  INITIAL_COMPOSE,
  attachedBytes,
  attachmentRows,
  composeHeading,
  composeReducer,
  composeSize,
  hasChanges,
  oversizeProblem,
  readAttachments,
  sendProblem,
  settleContent,
  sizeWarning,
  withoutAttachment,
  type ComposeAction,
  type ComposeState,
} from '../../../../../renderer/views/compose/compose-model';
import { composeWords } from '../../../../../renderer/views/compose/compose-words';

const EN = composeWords(createTranslator('en').t, 'en');
const DE = composeWords(createTranslator('de').t, 'de');
const AR = composeWords(createTranslator('ar').t, 'ar');

const BIDI_SUBJECT = 'Re: \u05e9\u05dc\u05d5\u05dd \u202eevil\u202c and العربية';

function loadedWith(content: Partial<ComposeContent>, extra: Partial<LoadedCompose> = {}): LoadedCompose {
  return {
    content: { ...EMPTY_CONTENT, accountId: 'a', from: { address: 'me@example.test' }, ...content },
    choices: [],
    draftId: null,
    problems: [],
    replyToNote: null,
    ...extra,
  };
}

function run(...actions: ComposeAction[]): ComposeState {
  return actions.reduce(composeReducer, INITIAL_COMPOSE);
}

test('loading shows Cc and Bcc only when they hold addresses, and starts the editor afresh', () => {
  const plain = run({ type: 'loaded', loaded: loadedWith({ to: parseChips('ann@example.test') }) });
  assert.equal(plain.showCc, false);
  assert.equal(plain.showBcc, false);
  assert.equal(plain.editorKey, 1);
  const copied = run({ type: 'loaded', loaded: loadedWith({ cc: parseChips('bob@example.test'), bcc: parseChips('carol@example.test') }) });
  assert.equal(copied.showCc, true);
  assert.equal(copied.showBcc, true);
  const failed = run({ type: 'loadFailed', error: 'This message could not be opened.' });
  assert.equal(failed.content, null);
  assert.equal(failed.error, 'This message could not be opened.');
});

test('an edit before loading changes nothing; after loading it merges into the content', () => {
  assert.equal(run({ type: 'edited', patch: { subject: 'lost' } }).content, null);
  const state = run(
    { type: 'loaded', loaded: loadedWith({ subject: 'Hello' }) },
    { type: 'edited', patch: { subject: BIDI_SUBJECT } },
    { type: 'edited', patch: { text: 'body' } },
  );
  assert.equal(state.content?.subject, BIDI_SUBJECT);
  assert.equal(state.content?.text, 'body');
  assert.equal(state.editorKey, 1, 'typing does not restart the editor');
  assert.equal(run({ type: 'loaded', loaded: loadedWith({}) }, { type: 'formatChanged', patch: { format: 'html', html: 'x' } }).editorKey, 2);
});

test('closing asks only when the content differs from how it opened or an address is half typed', () => {
  const opened = run({ type: 'loaded', loaded: loadedWith({ subject: 'Hello' }) });
  assert.equal(hasChanges(INITIAL_COMPOSE), false);
  assert.equal(hasChanges(opened), false);
  assert.equal(hasChanges(composeReducer(opened, { type: 'edited', patch: { subject: 'Hello!' } })), true);
  assert.equal(hasChanges(composeReducer(opened, { type: 'edited', patch: { subject: 'Hello' } })), false, 'the same text again is no change');
  assert.equal(hasChanges(composeReducer(opened, { type: 'typed', field: 'bcc', text: 'dan@' })), true);
  assert.equal(hasChanges(composeReducer(opened, { type: 'typed', field: 'to', text: '   ' })), false);
  // A restored message (Undo send) counts as unchanged against its baseline, not its content.
  const restored = run({ type: 'loaded', loaded: loadedWith({ subject: 'Sent' }, { baseline: { ...EMPTY_CONTENT } }) });
  assert.equal(hasChanges(restored), true);
});

test('text still typed in an address field becomes chips when sending, and the fields are cleared', () => {
  const many = Array.from({ length: 60 }, (_, index) => `person${index}@example.test`).join(', ');
  const opened = run(
    { type: 'loaded', loaded: loadedWith({ to: parseChips('ann@example.test') }) },
    { type: 'typed', field: 'to', text: 'bob@example.test' },
    { type: 'typed', field: 'cc', text: many },
    { type: 'typed', field: 'bcc', text: ' ' },
  );
  assert.ok(opened.content !== null);
  const settled = settleContent(opened.content, opened.typed);
  assert.deepEqual(
    settled.to.map((chip) => chip.address?.address),
    ['ann@example.test', 'bob@example.test'],
  );
  assert.equal(settled.cc.length, 60);
  assert.equal(settled.bcc.length, 0);
  assert.equal(opened.content.to.length, 1, 'settling does not change the state by itself');
  const sent = composeReducer(opened, { type: 'settled', content: settled });
  assert.deepEqual(sent.typed, { to: '', cc: '', bcc: '' });
  assert.equal(sent.content?.cc.length, 60);
});

test('sending needs valid addresses, at least one recipient, and an account', () => {
  const base = { ...EMPTY_CONTENT, accountId: 'a' };
  assert.equal(sendProblem({ ...base, to: parseChips('ann@example.test') }, EN.t), null);
  assert.equal(sendProblem({ ...base, bcc: parseChips('ann@example.test') }, EN.t), null, 'Bcc alone is a recipient');
  assert.equal(sendProblem(base, EN.t), 'Add at least one recipient.');
  assert.equal(sendProblem(base, DE.t), 'Fügen Sie mindestens einen Empfänger hinzu.');
  assert.equal(sendProblem({ ...base, accountId: null, to: parseChips('ann@example.test') }, EN.t), 'Choose the account to send from.');
  const invalid = sendProblem({ ...base, to: parseChips('ann@example.test, not an address'), cc: parseChips('@@') }, EN.t);
  assert.match(invalid ?? '', /^Correct or remove the addresses marked as invalid: not an address, @@\.$/);
  assert.match(sendProblem({ ...base, to: parseChips('not an address') }, AR.t) ?? '', /^صحّح .*: not an address\.$/);
});

test('the heading names the kind of message and its subject, whatever the subject holds', () => {
  assert.equal(composeHeading({ kind: 'new' }, null, EN.t), 'New message');
  assert.equal(composeHeading({ kind: 'answer', messageId: 1, mode: 'replyAll' }, { ...EMPTY_CONTENT, subject: '  ' }, EN.t), 'Reply all');
  assert.equal(composeHeading({ kind: 'answer', messageId: 1, mode: 'reply' }, { ...EMPTY_CONTENT, subject: BIDI_SUBJECT }, EN.t), `Reply: ${BIDI_SUBJECT}`);
  assert.equal(composeHeading({ kind: 'answer', messageId: 1, mode: 'forwardAsAttachment' }, null, EN.t), 'Forward');
  assert.equal(composeHeading({ kind: 'outbox', outboxId: 3 }, null, EN.t), 'Draft in the Outbox');
  assert.equal(composeHeading({ kind: 'draft', draftId: 3 }, null, EN.t), 'Draft');
  // In the chosen language; the subject is the user's and stays as written.
  assert.equal(composeHeading({ kind: 'mailto', url: 'mailto:a@example.test' }, null, DE.t), 'Neue Nachricht');
  assert.equal(
    composeHeading({ kind: 'answer', messageId: 1, mode: 'reply' }, { ...EMPTY_CONTENT, subject: BIDI_SUBJECT }, DE.t),
    `Antworten: ${BIDI_SUBJECT}`,
  );
  assert.equal(composeHeading({ kind: 'answer', messageId: 1, mode: 'forward' }, null, AR.t), 'إعادة توجيه');
});

test('a message larger than the server accepts is warned about; an unknown limit warns of nothing', () => {
  const big: ComposeContent = {
    ...EMPTY_CONTENT,
    text: 'x'.repeat(5_000),
    attachments: [{ key: 'k', fileName: 'a.bin', contentType: 'application/octet-stream', size: 3_000_000, base64: '' }],
  };
  const size = composeSize(big);
  assert.ok(size > 3_000_000, 'attachments count with their encoded size');
  assert.equal(sizeWarning(big, null, EN), null);
  assert.equal(sizeWarning(big, size, EN), null);
  assert.match(sizeWarning(big, 1_048_576, EN) ?? '', /^This message is about 3\.\d MB, but the outgoing server of this account accepts at most 1\.0 MB\./);
  // Sizes are written the language's way: a decimal comma in German.
  assert.match(sizeWarning(big, 1_048_576, DE) ?? '', /^Diese Nachricht ist etwa 3,\d MB groß, .* höchstens 1,0 MB an\./);
  assert.equal(oversizeProblem(big, null, EN), null);
  assert.equal(oversizeProblem(big, size, EN), null);
  assert.match(oversizeProblem(big, 1_048_576, EN) ?? '', /^Not sent: .*\(1\.0 MB\)\. Remove or shrink attachments\.$/);
});

test('added and forwarded attachments are listed together and removed one at a time', () => {
  const content: ComposeContent = {
    ...EMPTY_CONTENT,
    attachments: [
      { key: 'one', fileName: 'report.pdf', contentType: 'application/pdf', size: 100, base64: '' },
      { key: 'two', fileName: 'report.pdf', contentType: 'application/pdf', size: 200, base64: '' },
    ],
    forwarded: [
      { messageId: 7, index: 0, fileName: null, contentType: 'image/png', size: 50 },
      { messageId: 7, index: 1, fileName: 'notes.txt', contentType: 'text/plain', size: 5 },
    ],
  };
  const rows = attachmentRows(content, 'attachment');
  assert.deepEqual(
    rows.map((row) => [row.key, row.name, row.local]),
    [
      ['one', 'report.pdf', true],
      ['two', 'report.pdf', true],
      ['f-7-0', 'attachment', false],
      ['f-7-1', 'notes.txt', false],
    ],
  );
  assert.equal(attachedBytes(content), 355);
  assert.deepEqual(withoutAttachment(content, rows[1]!), { attachments: [content.attachments[0]] });
  assert.deepEqual(withoutAttachment(content, rows[2]!), { forwarded: [content.forwarded[1]] });
});

test('files past the attachment limit or unreadable are reported and left out; the others are added', async () => {
  const errors: string[] = [];
  const files = [
    { name: 'small.txt', size: 10, type: 'text/plain' },
    { name: 'huge.iso', size: MAX_TOTAL_ATTACHMENT_BYTES, type: 'application/x-iso9660-image' },
    { name: 'broken.bin', size: 10, type: '' },
    { name: 'fits.bin', size: 20, type: '' },
  ];
  const added = await readAttachments(files, 5, {
    read: (file) => (file.name === 'broken.bin' ? Promise.reject(new Error('permission denied')) : Promise.resolve(`b64-${file.name}`)),
    onError: (message) => errors.push(message),
    now: () => 42,
    words: EN,
  });
  assert.deepEqual(added, [
    { key: '42-small.txt-0', fileName: 'small.txt', contentType: 'text/plain', size: 10, base64: 'b64-small.txt' },
    { key: '42-fits.bin-1', fileName: 'fits.bin', contentType: 'application/octet-stream', size: 20, base64: 'b64-fits.bin' },
  ]);
  assert.equal(errors.length, 2);
  assert.match(errors[0] ?? '', /^“huge\.iso” \(.+\) cannot be attached: attachments together can be at most /);
  assert.equal(errors[1], '“broken.bin” could not be read.');
  const german: string[] = [];
  await readAttachments([{ name: 'riesig.iso', size: MAX_TOTAL_ATTACHMENT_BYTES + 1, type: '' }], 0, {
    read: () => Promise.resolve(''),
    onError: (message) => german.push(message),
    now: () => 1,
    words: DE,
  });
  assert.match(german[0] ?? '', /^„riesig\.iso“ \(\d+,\d MB\) kann nicht angehängt werden: Anhänge dürfen zusammen höchstens \d+,\d MB groß sein\.$/);
});
