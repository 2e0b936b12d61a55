// The command line's catalog rule: human output of `mailbag` comes from the catalogs (shared/i18n), so a
// sentence written as a string literal and handed to an output function, or thrown as a user message,
// fails `npm run lint`. Ids (`cli.list.none`), flags (`--json`), placeholders (`FOLDER`), code spans
// (`mailbag show 1 --raw`) and punctuation pass; words a person reads do not.

import { calleeName } from './eslint-ast.mjs';

/**
 * Calls whose arguments are printed: by callee name, which arguments are text a person reads (`all`,
 * or the argument positions). `writeResult`'s value and `writeError`'s data are the `--json` output,
 * English on purpose and the same in every language; only their human text is checked.
 */
const OUTPUT_CALLS = new Map(
  Object.entries({
    write: 'all',
    writeResult: [3],
    writeError: [4],
    finish: 'all',
    update: 'all',
    ask: [2, 3],
    confirm: [2],
    askPassword: [2],
    readPasswordLine: [1],
    table: 'all',
    push: 'all',
    unshift: 'all',
  }),
);

/** Errors whose message reaches the user: every argument that is text. */
const USER_ERRORS = new Set(['Error', 'RangeError', 'TypeError', 'UsageError', 'CliError', 'MailbagError']);

/** Calls that hand their argument on to the output unchanged (they only make control characters visible). */
const PASS_THROUGH_CALLS = new Set(['visibleControls', 'visibleBidiControls', 'String', 'join', 'padEnd', 'padStart', 'trim', 'trimEnd', 'map']);

/** Pieces of a string that are not words to translate. */
const NOT_WORDS = [
  /`[^`]*`/g, // code spans: `mailbag list`
  /--?[A-Za-z][\w-]*/g, // flags: --json, -h
  /\b[a-z][\w-]*(\.[\w-]+)+\b/g, // ids and file names: cli.list.none, message.eml
  /\bmailbag\b/g, // the program's own name
  /\\[nrt]/g,
];

const WORD = /\p{L}{2,}/gu;

/** Placeholders and codes in capitals: FOLDER, MAILBOX_BUSY, ID (but a table's headings are words). */
const CAPITALS = /\b[A-Z][A-Z0-9_-]+\b/g;

/** How many words a person reads a piece of literal text holds; `headings`: words in capitals count too. */
export function wordCount(text, headings = false) {
  let rest = text;
  for (const pattern of NOT_WORDS) rest = rest.replace(pattern, ' ');
  if (!headings) rest = rest.replace(CAPITALS, ' ');
  return rest.match(WORD)?.length ?? 0;
}

/** Whether a literal lies in the arguments of a `table(...)` call: its headings are words in capitals. */
function inTable(node) {
  for (let parent = node.parent; parent !== undefined && parent !== null; parent = parent.parent) {
    if (parent.type === 'CallExpression' && calleeName(parent.callee) === 'table') return true;
    if (parent.type.endsWith('Statement') || parent.type.endsWith('Declaration')) return false;
  }
  return false;
}

/**
 * Walks from a literal up through the expressions that pass its text on (templates, `+`, `? :`,
 * arrays, objects, arrow bodies, `.join()`), and says how many words make it a user's text when it
 * ends as printed text or a thrown user message: one, or two inside an object (where single words
 * are mostly kinds and modes: `{ kind: 'flag' }`, a message's `{ what: 'name' }`); 0 when it never
 * reaches the output.
 */
function wordsThatCount(node) {
  let minimum = 1;
  let child = node;
  let parent = node.parent;
  while (parent !== undefined && parent !== null) {
    switch (parent.type) {
      case 'TemplateLiteral':
      case 'ConditionalExpression':
      case 'LogicalExpression':
      case 'ArrayExpression':
      case 'SpreadElement':
      case 'ObjectExpression':
      case 'TSAsExpression':
      case 'ChainExpression':
      case 'ArrowFunctionExpression':
        break;
      case 'BinaryExpression':
        if (parent.operator !== '+') return 0;
        break;
      case 'Property':
        if (parent.key === child) return 0;
        minimum = 2;
        break;
      case 'ThrowStatement':
        return minimum;
      case 'MemberExpression':
        // `[...].join('\n')`: the call the member belongs to carries the text on.
        if (parent.object !== child || parent.parent?.type !== 'CallExpression' || parent.parent.callee !== parent) return 0;
        if (!PASS_THROUGH_CALLS.has(calleeName(parent) ?? '')) return 0;
        child = parent.parent;
        parent = child.parent;
        continue;
      case 'NewExpression':
        return USER_ERRORS.has(calleeName(parent.callee) ?? '') && parent.arguments.includes(child) ? minimum : 0;
      case 'CallExpression': {
        if (parent.callee === child) return 0;
        const name = calleeName(parent.callee) ?? '';
        // A pass-through call carries its first argument on; its other arguments are options (a mode, a width).
        if (PASS_THROUGH_CALLS.has(name)) {
          if (parent.arguments[0] !== child) return 0;
          break;
        }
        const checked = OUTPUT_CALLS.get(name);
        if (checked === undefined) return 0;
        const position = parent.arguments.indexOf(child);
        return checked === 'all' || checked.includes(position) ? minimum : 0;
      }
      default:
        return 0;
    }
    child = parent;
    parent = parent.parent;
  }
  return 0;
}

/** The rule: no sentence literal reaches the command line's output or its user errors. */
export const cliStringsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps the human output of the command line in the catalogs (shared/i18n/areas/cli.ts)' },
    schema: [],
    messages: {
      literal: 'Text a person reads goes through the catalogs: use t(\'cli.…\') (shared/i18n/areas/cli.ts) instead of "{{text}}".',
    },
  },
  create(context) {
    const check = (node, text) => {
      const words = wordCount(text, inTable(node));
      if (words === 0) return;
      const needed = wordsThatCount(node);
      if (needed > 0 && words >= needed) context.report({ node, messageId: 'literal', data: { text: text.slice(0, 60) } });
    };
    return {
      Literal(node) {
        if (typeof node.value === 'string') check(node, node.value);
      },
      TemplateLiteral(node) {
        check(node, node.quasis.map((quasi) => quasi.value.cooked ?? '').join(' '));
      },
    };
  },
};
