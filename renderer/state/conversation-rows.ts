/**
 * Where rows are in the threaded list: each conversation is one row, and an expanded one is followed
 * by a row per line of it (its messages in reply order). The list is virtualized, so rows are found
 * by arithmetic over the few expanded conversations, never by laying out all of them.
 */

/** An expanded conversation: its index among the conversations and how many lines it shows below it. */
export interface ExpandedBlock {
  readonly index: number;
  readonly count: number;
}

/** What is at one row of the threaded list. */
export type ConversationRow =
  { readonly kind: 'conversation'; readonly index: number } | { readonly kind: 'line'; readonly index: number; readonly line: number };

function sorted(blocks: readonly ExpandedBlock[]): ExpandedBlock[] {
  return [...blocks].sort((left, right) => left.index - right.index);
}

/** Rows in all: a row per conversation plus the lines of the expanded ones. */
export function rowCount(total: number, blocks: readonly ExpandedBlock[]): number {
  return total + blocks.reduce((sum, block) => sum + (block.index < total ? block.count : 0), 0);
}

/** What is at a row. */
export function rowAt(row: number, blocks: readonly ExpandedBlock[]): ConversationRow {
  let before = 0;
  for (const block of sorted(blocks)) {
    const start = block.index + before;
    if (row <= start) break;
    if (row <= start + block.count) return { kind: 'line', index: block.index, line: row - start - 1 };
    before += block.count;
  }
  return { kind: 'conversation', index: row - before };
}

/** The row of a conversation. */
export function rowOfConversation(index: number, blocks: readonly ExpandedBlock[]): number {
  return index + blocks.reduce((sum, block) => sum + (block.index < index ? block.count : 0), 0);
}

/** What a key does to the focused row in the threaded list (Thunderbird's keys). */
export type TreeKeyAction =
  | { readonly kind: 'expand'; readonly index: number }
  | { readonly kind: 'collapse'; readonly index: number }
  | { readonly kind: 'focus'; readonly row: number }
  | { readonly kind: 'expand-all' }
  | { readonly kind: 'collapse-all' }
  | null;

/**
 * Right opens a closed conversation, or goes to its first message when open; Left closes an open
 * conversation, or goes from a message up to its conversation; `*` opens all and `\` closes all.
 */
export function treeKey(key: string, focus: ConversationRow | null, blocks: readonly ExpandedBlock[], expandable: (index: number) => boolean): TreeKeyAction {
  if (key === '*') return { kind: 'expand-all' };
  if (key === '\\') return { kind: 'collapse-all' };
  if (focus === null) return null;
  const open = blocks.some((block) => block.index === focus.index);
  if (key === 'ArrowRight') {
    if (focus.kind === 'line') return null;
    if (!open) return expandable(focus.index) ? { kind: 'expand', index: focus.index } : null;
    return { kind: 'focus', row: rowOfConversation(focus.index, blocks) + 1 };
  }
  if (key === 'ArrowLeft') {
    if (focus.kind === 'line') return { kind: 'focus', row: rowOfConversation(focus.index, blocks) };
    return open ? { kind: 'collapse', index: focus.index } : null;
  }
  return null;
}
