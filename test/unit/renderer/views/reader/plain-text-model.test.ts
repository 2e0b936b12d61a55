import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkify, plainTextBlocks } from '../../../../../renderer/views/reader/plain-text-model';

test('http, https, mailto and www. links become links; punctuation around them stays text', () => {
  assert.deepEqual(linkify('See https://example.test/a_(b). Or (www.example.test), mailto:bob@example.test!'), [
    { kind: 'text', text: 'See ' },
    { kind: 'link', text: 'https://example.test/a_(b)', url: 'https://example.test/a_(b)' },
    { kind: 'text', text: '. Or (' },
    { kind: 'link', text: 'www.example.test', url: 'https://www.example.test/' },
    { kind: 'text', text: '), ' },
    { kind: 'link', text: 'mailto:bob@example.test', url: 'mailto:bob@example.test' },
    { kind: 'text', text: '!' },
  ]);
});

test('other schemes and credentials never become links', () => {
  for (const line of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'http://user:pw@example.test/']) {
    assert.deepEqual(linkify(line), [{ kind: 'text', text: line }], line);
  }
  assert.deepEqual(
    linkify('<a href="http://x.test">').map((piece) => piece.kind),
    ['text', 'link', 'text'],
  );
});

test('quoted lines are grouped by depth, deeper levels capped, line ends kept', () => {
  const blocks = plainTextBlocks('Hi\r\n> quoted\n> more\n>> deeper\n>>>> very deep\nend');
  assert.deepEqual(
    blocks.map((block) => [block.depth, block.pieces.map((piece) => piece.text).join('')]),
    [
      [0, 'Hi'],
      [1, 'quoted\nmore'],
      [2, 'deeper'],
      [3, '> very deep'],
      [0, 'end'],
    ],
  );
});
