import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeMessageId, referenceChain, threadLines, threadMessages, type ThreadableMessage, type ThreadNode } from '../../../../shared/mail/threading';

const DAY = 86_400_000;

function message(id: number, fields: Partial<Omit<ThreadableMessage, 'id'>> = {}): ThreadableMessage {
  return { id, messageId: `<m${id}@example.org>`, inReplyTo: null, references: [], subject: `Subject ${id}`, date: id * DAY, ...fields };
}

/** A tree as text: `1(2 3(4))`, `_` for a placeholder. */
function shape(nodes: readonly ThreadNode[]): string {
  return nodes.map((node) => `${node.message ?? '_'}${node.children.length > 0 ? `(${shape(node.children)})` : ''}`).join(' ');
}

test('replies hang below the last reference, in date order', () => {
  const threads = threadMessages([
    message(1),
    message(3, { references: ['<m1@example.org>', '<m2@example.org>'] }),
    message(2, { inReplyTo: '<m1@example.org>' }),
    message(4, { references: ['<m1@example.org>'] }),
    message(5),
  ]);
  assert.equal(shape(threads), '1(2(3) 4) 5');
});

test('In-Reply-To counts only when References names nothing, and only its first id', () => {
  assert.deepEqual(referenceChain({ references: [], inReplyTo: '<a@x> <b@x>' }), ['a@x']);
  assert.deepEqual(referenceChain({ references: ['<r@x>'], inReplyTo: '<a@x>' }), ['r@x']);
  assert.deepEqual(referenceChain({ references: ['<a@x><b@x>', '(comment)', 'c@x'], inReplyTo: null }), ['a@x', 'b@x', 'c@x']);
  assert.deepEqual(referenceChain({ references: [], inReplyTo: 'your message of Monday' }), []);
  assert.equal(normalizeMessageId(' < m1@example.org > '), 'm1@example.org');
});

test('a parent that is not here holds its replies as a placeholder; a lone reply stands on its own', () => {
  const siblings = threadMessages([message(2, { references: ['<gone@x>'] }), message(3, { references: ['<gone@x>'] })]);
  assert.equal(shape(siblings), '_(2 3)');
  const lone = threadMessages([message(2, { references: ['<gone@x>'] })]);
  assert.equal(shape(lone), '2');
  const middle = threadMessages([message(1), message(3, { references: ['<m1@example.org>', '<gone@x>'] })]);
  assert.equal(shape(middle), '1(3)');
});

test('a loop in References is broken instead of followed', () => {
  const threads = threadMessages([
    message(1, { references: ['<m2@example.org>'] }),
    message(2, { references: ['<m1@example.org>'] }),
    message(3, { references: ['<m3@example.org>'] }),
  ]);
  const ids = threads.flatMap((root) => threadLines(root).map((line) => line.message));
  assert.deepEqual([...ids].sort(), [1, 2, 3]);
  // 1 was put below 2 first (2 was named before it came); 2 cannot then go below 1.
  assert.equal(shape(threads), '2(1) 3');
});

test('a Message-ID seen twice gives two messages, both listed', () => {
  const threads = threadMessages([message(1), message(2, { messageId: '<m1@example.org>' }), message(3, { inReplyTo: '<m1@example.org>' })]);
  assert.equal(shape(threads), '1(3) 2');
});

test('mail without references joins a conversation by its subject only when it says it is a reply', () => {
  const threads = threadMessages([
    message(1, { subject: 'Topic' }),
    message(2, { subject: 'Re: AW: Topic' }),
    message(3, { subject: 'topic' }),
    message(4, { subject: 'Weekly report' }),
    message(5, { subject: 'Weekly report' }),
  ]);
  assert.equal(shape(threads), '1(2) 3 4 5');
  const repliesOnly = threadMessages([message(7, { subject: 'Re: Lunch' }), message(8, { subject: 'SV: lunch' })]);
  assert.equal(shape(repliesOnly), '7(8)');
});

test('threadLines lays a tree out depth first with depths', () => {
  const [root] = threadMessages([
    message(1),
    message(2, { inReplyTo: '<m1@example.org>' }),
    message(3, { references: ['<m1@example.org>', '<m2@example.org>'] }),
    message(4, { inReplyTo: '<m1@example.org>' }),
  ]);
  assert.ok(root !== undefined);
  assert.deepEqual(threadLines(root), [
    { message: 1, depth: 0 },
    { message: 2, depth: 1 },
    { message: 3, depth: 2 },
    { message: 4, depth: 1 },
  ]);
});

test('a chain of 20,000 replies threads without running out of stack', () => {
  const chain = Array.from({ length: 20_000 }, (_, index) => message(index + 1, index === 0 ? {} : { inReplyTo: `<m${index}@example.org>` }));
  const threads = threadMessages(chain);
  assert.equal(threads.length, 1);
  const lines = threadLines(threads[0] as ThreadNode);
  assert.equal(lines.length, 20_000);
  assert.equal(lines.at(-1)?.depth, 19_999);
});
