/**
 * Sanitizing a large message a slice at a time. The HTML is parsed into an inert document (one without
 * a browsing context: nothing in it loads or runs) a piece at a time, the parser joining the pieces
 * exactly as it reads one string, and DOMPurify then sees the tree a hundred elements at a time, each
 * slice sanitized before it joins the result, so no single task of the window parses or sanitizes a
 * whole large part. The result is the tree one DOMPurify pass over the whole would give: an element is
 * sanitized apart from its children only when it is a plain container that DOMPurify keeps whatever it
 * holds (none of its checks of such an element looks at its children), and its children are then
 * sanitized into it. Raw-text elements, tables' odd parts and anything DOMPurify may drop or empty stay
 * whole in one slice.
 */
import type { Config, DOMPurify } from 'dompurify';

/** Elements DOMPurify is given in one call: a call of this size takes a few milliseconds. */
export const SLICE_ELEMENTS = 100;
/** Characters of HTML parsed in one step: a part of megabytes is parsed a piece at a time too. */
export const PARSE_CHARS = 32 * 1024;
/** Work done in one task before the window gets its turn (a task well under the 100 ms a user feels). */
export const SLICE_BUDGET_MS = 10;

/**
 * Plain containers that the reader's DOMPurify configuration always keeps and that hold many elements
 * in real mail (a table of pictures, one paragraph of thousands of images): they are sanitized on their
 * own, their children after them, in slices.
 */
const SPLITTABLE_TAGS: ReadonlySet<string> = new Set([
  'DIV',
  'P',
  'SPAN',
  'CENTER',
  'FONT',
  'BLOCKQUOTE',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'NAV',
  'ASIDE',
  'TABLE',
  'TBODY',
  'THEAD',
  'TFOOT',
  'TR',
  'TD',
  'TH',
  'UL',
  'OL',
  'LI',
  'DL',
  'DT',
  'DD',
  'A',
  'B',
  'I',
  'U',
  'EM',
  'STRONG',
  'SMALL',
  'BIG',
  'FIGURE',
]);

/** Sanitizing work as steps: each `yield` is a point where the window may run other tasks. */
export type SanitizeSteps<T> = Generator<void, T, void>;

/** The sanitized parts of a message document, still in the inert document they were built in. */
export interface SanitizedTree {
  /** A container of what the document's head held once sanitized (its style elements). */
  readonly head: Element;
  /** The document's body element, its attributes and content sanitized. */
  readonly body: Element;
}

/** The configuration of one slice: the reader's, returning the sanitized tree. */
type SliceConfig = Config & { RETURN_DOM: true };

function elementCount(node: Node): number {
  return node.nodeType === Node.ELEMENT_NODE ? 1 + (node as Element).getElementsByTagName('*').length : 0;
}

/** Sanitizes `nodes` together (moved out of their tree) and appends what remains to `target`. */
function sanitizeInto(purify: DOMPurify, config: SliceConfig, nodes: readonly Node[], target: Node): void {
  if (nodes.length === 0) return;
  const owner = target.ownerDocument ?? (target as Document);
  const holder = owner.createElement('div');
  holder.append(...nodes);
  const clean = purify.sanitize(holder, config);
  const held = clean.firstChild;
  const results = held !== null && held.nodeName === 'DIV' && held.nextSibling === null ? held.childNodes : clean.childNodes;
  for (const node of Array.from(results)) target.appendChild(owner.adoptNode(node));
}

/** Sanitizes every child of `source` into `target`, a slice at a time. */
function* sanitizeChildren(purify: DOMPurify, config: SliceConfig, source: Node, target: Node): SanitizeSteps<void> {
  let batch: Node[] = [];
  let weight = 0;
  for (const child of Array.from(source.childNodes)) {
    const count = elementCount(child);
    if (count > SLICE_ELEMENTS && SPLITTABLE_TAGS.has(child.nodeName)) {
      sanitizeInto(purify, config, batch, target);
      batch = [];
      weight = 0;
      const children = (source.ownerDocument ?? (source as Document)).createDocumentFragment();
      children.append(...Array.from(child.childNodes));
      const before = target.lastChild;
      sanitizeInto(purify, config, [child], target);
      const shell = before === null ? target.firstChild : before.nextSibling;
      yield;
      // Kept as it is for every splittable tag; were it ever dropped, its content would stay, as DOMPurify keeps it.
      const into = shell !== null && shell.nodeName === child.nodeName && shell.nextSibling === null ? shell : target;
      yield* sanitizeChildren(purify, config, children, into);
      continue;
    }
    batch.push(child);
    weight += Math.max(1, count);
    if (weight >= SLICE_ELEMENTS) {
      sanitizeInto(purify, config, batch, target);
      batch = [];
      weight = 0;
      yield;
    }
  }
  sanitizeInto(purify, config, batch, target);
}

/** Where a piece of `html` from `at` may end: never inside a surrogate pair or a CR LF. */
function pieceEnd(html: string, at: number): number {
  const end = Math.min(html.length, at + PARSE_CHARS);
  const last = html.charCodeAt(end - 1);
  return end < html.length && ((last >= 0xd800 && last <= 0xdbff) || last === 0x0d) ? end + 1 : end;
}

/** Parses `html` into a new inert document, a piece of {@link PARSE_CHARS} a step. */
function* parseSteps(html: string): SanitizeSteps<Document> {
  const parsed = document.implementation.createHTMLDocument('');
  parsed.open();
  for (let at = 0; at < html.length;) {
    const end = pieceEnd(html, at);
    parsed.write(html.slice(at, end));
    at = end;
    yield;
  }
  parsed.close();
  return parsed;
}

/**
 * Parses a message's HTML into an inert document and sanitizes its head and body in slices, with
 * `purify` (its hooks set) and `config` (the reader's, without WHOLE_DOCUMENT). The body's attributes
 * are judged on a stand-in element: DOMPurify treats a body's attributes as any other container's.
 */
export function* sanitizeDocumentSteps(purify: DOMPurify, config: Config, html: string): SanitizeSteps<SanitizedTree> {
  const sliceConfig: SliceConfig = { ...config, WHOLE_DOCUMENT: false, RETURN_DOM: true, RETURN_DOM_FRAGMENT: false, IN_PLACE: false };
  const source = yield* parseSteps(html);
  const output = source.implementation.createHTMLDocument('');
  const head = output.createElement('div');
  if (source.head !== null) yield* sanitizeChildren(purify, sliceConfig, source.head, head);
  const sourceBody = source.body ?? source.createElement('body');
  const attributes = source.createElement('div');
  // Copied as nodes: the parser accepts attribute names that setAttribute would refuse.
  for (const attribute of Array.from(sourceBody.attributes)) attributes.setAttributeNode(attribute.cloneNode() as Attr);
  const judged = output.createElement('div');
  sanitizeInto(purify, sliceConfig, [attributes], judged);
  const body = output.body;
  const kept = judged.firstElementChild;
  if (kept !== null) for (const attribute of Array.from(kept.attributes)) body.setAttribute(attribute.name, attribute.value);
  yield* sanitizeChildren(purify, sliceConfig, sourceBody, body);
  return { head, body };
}

/** Runs sanitizing steps to their end in the current task (small HTML, or where no window waits). */
export function runToEnd<T>(steps: SanitizeSteps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** The window's scheduler where the browser has one (its continuations go ahead of other work, after input). */
const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;

/** Lets the window run its other tasks (input, painting) before the work goes on. */
function nextTask(): Promise<void> {
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Runs sanitizing steps in tasks of about {@link SLICE_BUDGET_MS}, giving the window its turn in between;
 * null when `signal` aborts first (the steps are then dropped unfinished).
 */
export async function runInSlices<T>(steps: SanitizeSteps<T>, signal: AbortSignal): Promise<T | null> {
  let started = performance.now();
  for (;;) {
    if (signal.aborted) {
      steps.return(undefined as never);
      return null;
    }
    const step = steps.next();
    if (step.done === true) return step.value;
    if (performance.now() - started >= SLICE_BUDGET_MS) {
      await nextTask();
      started = performance.now();
    }
  }
}
