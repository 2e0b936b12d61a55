import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialComposeFocus } from '../../../../../renderer/views/compose/compose-focus';

test('a reply starts in the body, a new message and a forward in To', () => {
  assert.equal(initialComposeFocus({ kind: 'answer', messageId: 1, mode: 'reply' }, 1), 'body');
  assert.equal(initialComposeFocus({ kind: 'answer', messageId: 1, mode: 'replyAll' }, 3), 'body');
  assert.equal(initialComposeFocus({ kind: 'answer', messageId: 1, mode: 'forward' }, 0), 'to');
  assert.equal(initialComposeFocus({ kind: 'answer', messageId: 1, mode: 'forwardAsAttachment' }, 0), 'to');
  assert.equal(initialComposeFocus({ kind: 'new' }, 0), 'to');
});

test('whatever opens without a recipient starts in To; a draft or mailto with one starts in the body', () => {
  assert.equal(initialComposeFocus({ kind: 'answer', messageId: 1, mode: 'reply' }, 0), 'to', 'a reply to a message without a usable sender');
  assert.equal(initialComposeFocus({ kind: 'draft', draftId: 4 }, 0), 'to');
  assert.equal(initialComposeFocus({ kind: 'draft', draftId: 4 }, 2), 'body');
  assert.equal(initialComposeFocus({ kind: 'mailto', accountId: 'a', url: 'mailto:x@example.test' }, 1), 'body');
  assert.equal(initialComposeFocus({ kind: 'outbox', outboxId: 9 }, 1), 'body');
});
