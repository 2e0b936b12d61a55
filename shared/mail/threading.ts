/**
 * Conversations: messages arranged in reply trees by the REFERENCES algorithm of RFC 5256 §3 (Jamie
 * Zawinski's threading): each message hangs below the last Message-ID of its References (or its
 * In-Reply-To), parents that are not here are held by placeholders, loops are never made and a
 * Message-ID seen twice is taken as two messages. Mail without References or In-Reply-To whose
 * subject says it is a reply or forward ("Re: AW: Topic") joins the conversation of the same base
 * subject, as RFC 5256's ORDEREDSUBJECT groups mail (and Thunderbird does for mail without
 * references). Pure and iterative: a chain of 100,000 replies costs no stack.
 */
import { baseSubject } from './base-subject';

/** What threading reads of a message. */
export interface ThreadableMessage {
  /** The store's id of the message. */
  readonly id: number;
  /** The Message-ID header as stored (with or without angle brackets), or null. */
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  /** The References header's entries in order, oldest first. */
  readonly references: readonly string[];
  readonly subject: string | null;
  /** When it was written (the list's date), in ms. */
  readonly date: number;
}

/** One place in a reply tree: a message, or a placeholder (null) for a parent that is not here. */
export interface ThreadNode {
  readonly message: number | null;
  readonly children: readonly ThreadNode[];
}

/** One line of a conversation laid out as a list: the message (null: placeholder) and its depth (root 0). */
export interface ThreadLine {
  readonly message: number | null;
  readonly depth: number;
}

/**
 * Most references of one message that are followed: the first (the conversation's start) and the
 * last ones (the nearest parents), as RFC 5322 §3.6.4 suggests for trimming; a hostile header of
 * thousands cannot slow threading down.
 */
export const MAX_REFERENCES = 100;

const ANGLE_ID = /<([^<>]+)>/g;

/** A Message-ID without angle brackets or blanks; null when there is nothing. */
export function normalizeMessageId(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const inside = /<([^<>]+)>/.exec(value);
  const id = (inside === null ? value : (inside[1] ?? '')).replace(/\s+/g, '');
  return id.length === 0 ? null : id;
}

/** The ids a References or In-Reply-To value names (RFC 5322 §3.6.4: msg-ids, comments and phrases ignored). */
function idsIn(values: readonly string[]): string[] {
  const ids: string[] = [];
  for (const value of values) {
    // The usual entry is one bracketed id and nothing else: no pattern needed.
    if (value.length > 2 && value.charCodeAt(0) === 60 && value.indexOf('>') === value.length - 1 && value.indexOf('<', 1) < 0 && !/\s/.test(value)) {
      ids.push(value.slice(1, -1));
      continue;
    }
    const found = [...value.matchAll(ANGLE_ID)].map((match) => (match[1] ?? '').replace(/\s+/g, '')).filter((id) => id.length > 0);
    if (found.length > 0) ids.push(...found);
    else if (value.includes('@') && !/\s/.test(value.trim())) ids.push(value.trim());
  }
  return ids;
}

/**
 * The parent chain of a message, oldest first: its References, or (RFC 5256 §3 step 1) the first id
 * of In-Reply-To when References names none. Cut to {@link MAX_REFERENCES}.
 */
export function referenceChain(message: Pick<ThreadableMessage, 'references' | 'inReplyTo'>): string[] {
  let chain = idsIn(message.references);
  if (chain.length === 0) chain = idsIn(message.inReplyTo === null ? [] : [message.inReplyTo]).slice(0, 1);
  if (chain.length > MAX_REFERENCES) chain = [chain[0] as string, ...chain.slice(chain.length - MAX_REFERENCES + 1)];
  return chain;
}

interface Container {
  message: ThreadableMessage | undefined;
  parent: Container | undefined;
  children: Container[];
  /** Earliest date below (and at) this container, for sorting. */
  date: number;
  /** Smallest message id below, to break ties the same way every time. */
  order: number;
}

function container(): Container {
  return { message: undefined, parent: undefined, children: [], date: Number.POSITIVE_INFINITY, order: Number.POSITIVE_INFINITY };
}

/** Whether making `child` a child of `parent` would make a loop: `child` is `parent` or above it. */
function wouldLoop(parent: Container, child: Container): boolean {
  // A container without children is above nothing: the usual case costs no walk up a long chain.
  if (child.children.length === 0) return parent === child;
  for (let node: Container | undefined = parent; node !== undefined; node = node.parent) if (node === child) return true;
  return false;
}

function unlink(child: Container): void {
  const parent = child.parent;
  if (parent === undefined) return;
  const index = parent.children.indexOf(child);
  if (index >= 0) parent.children.splice(index, 1);
  child.parent = undefined;
}

function link(parent: Container, child: Container): void {
  child.parent = parent;
  parent.children.push(child);
}

/** Every container below `roots`, parents before their children. */
function preOrder(roots: readonly Container[]): Container[] {
  const order: Container[] = [];
  const stack = [...roots].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    order.push(node);
    for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as Container);
  }
  return order;
}

function smallestOrder(start: number, children: readonly Container[]): number {
  let smallest = start;
  for (const child of children) smallest = Math.min(smallest, child.order);
  return smallest;
}

function byDate(left: Container, right: Container): number {
  return left.date - right.date || left.order - right.order;
}

/**
 * RFC 5256 §3 step 4 (prune) and step 6 (sort), bottom up: a placeholder without children goes, one
 * below the top level gives its children to its parent, one at the top level with a single child
 * gives way to it; siblings are sorted by date (a placeholder by its first child's).
 */
function pruneAndSort(roots: readonly Container[]): Container[] {
  const order = preOrder(roots);
  for (let index = order.length - 1; index >= 0; index -= 1) {
    const node = order[index] as Container;
    const kept: Container[] = [];
    for (const child of node.children) {
      if (child.message !== undefined) kept.push(child);
      else
        for (const grandchild of child.children) {
          grandchild.parent = node;
          kept.push(grandchild);
        }
    }
    kept.sort(byDate);
    node.children = kept;
    const first = kept[0];
    node.date = Math.min(node.message?.date ?? Number.POSITIVE_INFINITY, first?.date ?? Number.POSITIVE_INFINITY);
    node.order = smallestOrder(node.message?.id ?? Number.POSITIVE_INFINITY, kept);
  }
  const top: Container[] = [];
  for (const root of roots) {
    if (root.message === undefined && root.children.length === 0) continue;
    if (root.message === undefined && root.children.length === 1) {
      const only = root.children[0] as Container;
      only.parent = undefined;
      top.push(only);
    } else top.push(root);
  }
  return top.sort(byDate);
}

/** The message whose subject names a top-level container (a placeholder's first child's, RFC 5256 §3 step 5). */
function subjectOf(root: Container): string | null {
  return root.message?.subject ?? root.children[0]?.message?.subject ?? null;
}

/**
 * The subject fallback: a top-level message without References or In-Reply-To whose subject marks a
 * reply or forward joins, as a child of its root, the earliest conversation of the same base subject
 * that began otherwise; failing one, the earliest such reply is the root of the others (ORDEREDSUBJECT).
 */
function gatherBySubject(roots: readonly Container[]): Container[] {
  const facts = new Map<Container, { key: string; orphan: boolean }>();
  for (const root of roots) {
    const subject = baseSubject(subjectOf(root));
    const orphan = subject.replyOrForward && root.message !== undefined && referenceChain(root.message).length === 0;
    facts.set(root, { key: subject.key, orphan });
  }
  const targets = new Map<string, Container>();
  for (const preferOrphans of [false, true]) {
    for (const root of roots) {
      const { key, orphan } = facts.get(root) as { key: string; orphan: boolean };
      if (key === '' || targets.has(key) || orphan !== preferOrphans) continue;
      targets.set(key, root);
    }
  }
  const top: Container[] = [];
  const joined = new Set<Container>();
  for (const root of roots) {
    const { key, orphan } = facts.get(root) as { key: string; orphan: boolean };
    const target = targets.get(key);
    if (orphan && target !== undefined && target !== root) {
      link(target, root);
      joined.add(target);
    } else top.push(root);
  }
  for (const target of joined) {
    target.children.sort(byDate);
    target.date = Math.min(target.date, target.children[0]?.date ?? Number.POSITIVE_INFINITY);
    target.order = smallestOrder(target.order, target.children);
  }
  return top.sort(byDate);
}

function toNode(root: Container): ThreadNode {
  const nodes = new Map<Container, { message: number | null; children: ThreadNode[] }>();
  const order = preOrder([root]);
  for (let index = order.length - 1; index >= 0; index -= 1) {
    const current = order[index] as Container;
    nodes.set(current, { message: current.message?.id ?? null, children: current.children.map((child) => nodes.get(child) as ThreadNode) });
  }
  return nodes.get(root) as ThreadNode;
}

/**
 * The conversations among `messages`, each a reply tree, earliest conversation first; siblings by
 * date. Every message appears exactly once.
 */
export function threadMessages(messages: readonly ThreadableMessage[]): ThreadNode[] {
  const byId = new Map<string, Container>();
  const all: Container[] = [];
  const ordered = [...messages].sort((left, right) => left.date - right.date || left.id - right.id);
  const find = (id: string): Container => {
    let found = byId.get(id);
    if (found === undefined) {
      found = container();
      byId.set(id, found);
      all.push(found);
    }
    return found;
  };
  const fresh = (): Container => {
    const made = container();
    all.push(made);
    return made;
  };
  for (const message of ordered) {
    const ownId = normalizeMessageId(message.messageId);
    // Step 1A: a Message-ID seen on an earlier message makes this one a message of its own.
    let own = ownId === null ? undefined : byId.get(ownId);
    if (own === undefined) own = ownId === null ? fresh() : find(ownId);
    else if (own.message !== undefined) own = fresh();
    own.message = message;
    // Step 1B: the references linked in order, where no link exists yet and none would make a loop.
    let previous: Container | undefined;
    for (const reference of referenceChain(message)) {
      const current = find(reference);
      if (previous !== undefined && current.parent === undefined && !wouldLoop(previous, current)) link(previous, current);
      previous = current;
    }
    // Step 1C: the last reference is the parent; a link from a cut References header gives way to it.
    if (previous !== undefined && wouldLoop(previous, own)) previous = undefined;
    if (own.parent !== previous) {
      unlink(own);
      if (previous !== undefined) link(previous, own);
    }
  }
  const roots = all.filter((node) => node.parent === undefined);
  return gatherBySubject(pruneAndSort(roots)).map(toNode);
}

/** A reply tree as list lines, depth first in date order: what an expanded conversation shows. */
export function threadLines(root: ThreadNode): ThreadLine[] {
  const lines: ThreadLine[] = [];
  const stack: Array<{ node: ThreadNode; depth: number }> = [{ node: root, depth: 0 }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    lines.push({ message: entry.node.message, depth: entry.depth });
    for (let index = entry.node.children.length - 1; index >= 0; index -= 1)
      stack.push({ node: entry.node.children[index] as ThreadNode, depth: entry.depth + 1 });
  }
  return lines;
}
