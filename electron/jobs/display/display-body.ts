/**
 * The body of a message as the reader shows it: every displayable inline part in the order the sender
 * wrote them, each kept apart from the others. A multipart/alternative contributes only its best
 * alternative, the last one that has something to show (RFC 2046 §5.1.4); every other multipart
 * contributes all its inline text and HTML parts (RFC 2046 §5.1.3), like Thunderbird. A part marked
 * `Content-Disposition: attachment` is an attachment whatever its type (RFC 2183 §2.2). Parts are never
 * joined into one HTML document, so markup left open in one part cannot swallow the next one (EFAIL).
 */
import type { BodyPartView } from '../../../shared/mail';

/** Most body parts returned at first; the rest are counted, and shown on request. */
export const MAX_DISPLAY_PARTS = 100;
/** Most body parts returned on request (the MIME scanner reads no more parts than this). */
export const MAX_ALL_DISPLAY_PARTS = 1_000;

/** The body parts, and how many displayable parts were left out past the limits. */
export interface DisplayBody {
  readonly parts: readonly BodyPartView[];
  readonly omittedParts: number;
  /** A part was cut at the character limit. */
  readonly cut: boolean;
}

/** The shape of a node of mailparser's MIME tree that this module reads (checked as it goes). */
interface TreeNode {
  readonly contentType?: unknown;
  readonly textContent?: unknown;
  readonly isAttachment?: unknown;
  readonly children?: unknown;
}

function isTreeNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null;
}

function childrenOf(node: TreeNode): TreeNode[] {
  return Array.isArray(node.children) ? node.children.filter(isTreeNode) : [];
}

function typeOf(node: TreeNode): string {
  return typeof node.contentType === 'string' ? node.contentType.toLowerCase() : '';
}

/** The parts one node contributes, in order, before any limit. */
function partsOf(node: TreeNode, depth: number): BodyPartView[] {
  if (depth > MAX_WALK_DEPTH) return [];
  const type = typeOf(node);
  const children = childrenOf(node);
  if (type === 'multipart/alternative') {
    for (let index = children.length - 1; index >= 0; index -= 1) {
      const child = children[index];
      const parts = child === undefined ? [] : partsOf(child, depth + 1);
      if (parts.length > 0) return parts;
    }
    return [];
  }
  const own: BodyPartView[] = [];
  if (node.isAttachment !== true && typeof node.textContent === 'string') {
    if (type === 'text/html') own.push({ kind: 'html', html: node.textContent });
    else if (node.textContent.trim() !== '' || type === 'text/plain') own.push({ kind: 'text', text: node.textContent });
  }
  return [...own, ...children.flatMap((child) => partsOf(child, depth + 1))];
}

/** Deeper trees than the MIME scanner allows never reach here; this only bounds the recursion. */
const MAX_WALK_DEPTH = 64;

/**
 * The body of a parsed message from mailparser's MIME tree (after the parser ended), at most
 * `maxParts` parts and `maxChars` characters in all; an empty text part between others is dropped.
 */
export function displayBody(tree: unknown, maxParts: number, maxChars: number): DisplayBody {
  if (!isTreeNode(tree)) return { parts: [], omittedParts: 0, cut: false };
  const all = partsOf(tree, 0).filter((part, _index, list) => list.length === 1 || part.kind === 'html' || part.text.trim() !== '');
  const parts: BodyPartView[] = [];
  let budget = maxChars;
  let cut = false;
  for (const part of all.slice(0, maxParts)) {
    if (budget <= 0) {
      cut = true;
      break;
    }
    const content = part.kind === 'html' ? part.html : part.text;
    const kept = content.length > budget ? content.slice(0, budget) : content;
    if (kept.length < content.length) cut = true;
    budget -= kept.length;
    parts.push(part.kind === 'html' ? { kind: 'html', html: kept } : { kind: 'text', text: kept });
  }
  return { parts, omittedParts: all.length - parts.length, cut };
}
