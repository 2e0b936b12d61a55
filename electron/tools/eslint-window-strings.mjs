// The window's catalog rule: text a person reads in the window, and in the dialogs, menus and
// notifications main shows itself, comes from the catalogs (shared/i18n), so a sentence written as a
// string literal fails `npm run lint` even where it is not JSX (JSX text and its text attributes are
// formatjs/no-literal-string-in-jsx's). It fails on
// - a sentence anywhere: two or more words in a row starting with a capital ("Local Folders",
//   "The file could not be read."), outside the places where a string is a key (object keys, `case`,
//   comparisons, `new Set([...])`, type literals);
// - a sentence built from pieces: a template literal with words between its values (`${a} and ${b} more`);
// - any word handed to a place a person reads: `setError('Failed')`, `alert(...)`, `new Error(...)`,
//   `new Notification(...)`, `{ title: 'Mail' }`, `element.title = 'Open'`, `setAttribute('aria-label', ...)`,
//   and what a `*-words.ts` module returns.
// Ids (`compose.send`), CSS classes (`chip chip-invalid`), MIME types, selectors, keys (`Escape`) and
// lowercase data (`'error'`, `'loading'`) pass.

import { calleeName } from './eslint-ast.mjs';

/** Object keys whose value is shown to a person (also any key ending in Label, Text, Title or Message). */
const TEXT_KEYS = new Set([
  'message',
  'text',
  'label',
  'title',
  'error',
  'problem',
  'hint',
  'description',
  'placeholder',
  'summary',
  'detail',
  'body',
  'buttons',
  'tooltip',
  'caption',
  'heading',
  'notice',
]);
const TEXT_KEY_ENDINGS = /(Label|Text|Title|Message|Tooltip|Hint)$/;

/** Calls whose arguments are shown: by name, or setters of shown state (`setError`, `setToolTip`). */
const SHOWN_CALLS = new Set(['alert', 'confirm', 'prompt', 'showErrorBox', 'setToolTip', 'setTitle', 'announce', 'report']);
const SHOWN_SETTERS = /^set(Error|Problem|Status|Message|Notice|Warning|Title|Label|Text|Hint|Caption)s?$/;

/** Constructors whose text argument is shown (an Error's message reaches the window through errorText). */
const SHOWN_CONSTRUCTORS = new Set(['Error', 'RangeError', 'TypeError', 'MailbagError', 'Notification']);

/** Properties of an element that a person reads when a string is assigned to them. */
const SHOWN_PROPERTIES = new Set(['title', 'textContent', 'innerText', 'placeholder', 'ariaLabel', 'alt', 'label']);

/** Attributes of an element that a person (or a screen reader) reads. */
const SHOWN_ATTRIBUTES = new Set(['title', 'alt', 'placeholder', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext']);

/** Calls that pass their first argument's text on (so the literal reaches what they are handed to). */
const PASS_THROUGH_CALLS = new Set(['String', 'join', 'trim', 'concat', 'padStart', 'padEnd']);

/** Calls whose arguments are keys, ids or code, never words a person reads. */
const KEY_CALLS = new Set([
  't',
  'formatMessage',
  'querySelector',
  'querySelectorAll',
  'closest',
  'matches',
  'matchMedia',
  'getAttribute',
  'hasAttribute',
  'removeAttribute',
  'createElement',
  'addEventListener',
  'removeEventListener',
  'includes',
  'has',
  'get',
  'startsWith',
  'endsWith',
  'indexOf',
  'getData',
  'setData',
  'require',
]);

/** A word of text: letters (with apostrophes), maybe ending in punctuation. */
const PLAIN_WORD = /^\p{L}[\p{L}'’]*[.,!?…:;]?$/u;
const CAPITALISED = /^\p{Lu}\p{Ll}/u;

/** Names that are the same in every language (the program's own). */
const NAMES = new Set(['Mailbag']);

/** The words of a piece of text: its whitespace-separated tokens that are plain words of two letters or more. */
function tokens(text) {
  return text.split(/\s+/).filter((token) => token !== '');
}

function isWord(token) {
  return PLAIN_WORD.test(token) && token.replace(/[^\p{L}]/gu, '').length >= 2;
}

/**
 * Whether a piece of literal text reads as a sentence or a heading: two or more words in a row, the
 * first with a capital ("Local Folders", "Enter the password."). Lowercase runs are data or code
 * (`noopener noreferrer`, `pass show mail/alice`).
 */
export function isSentence(text) {
  const words = tokens(text);
  for (let index = 0; index + 1 < words.length; index += 1) {
    if (isWord(words[index]) && CAPITALISED.test(words[index]) && isWord(words[index + 1])) return true;
  }
  return false;
}

/** Whether a piece of literal text holds words a person reads: a sentence, or one capitalised word ("Cancel"). */
export function isText(text) {
  if (isSentence(text)) return true;
  const words = tokens(text);
  if (words.length === 0) return false;
  if (words.length === 1) return isWord(words[0]) && CAPITALISED.test(words[0]) && !NAMES.has(words[0]);
  return words.filter(isWord).length >= 2;
}

/**
 * How many words stand alone (with spaces on both sides, not glued to a value) between a template's
 * values: `${a} and ${b} more` has two, a class list like `chip ${kind}` one.
 */
export function wordsBetweenValues(quasis) {
  let count = 0;
  quasis.forEach((quasi, index) => {
    const text = quasi;
    const pieces = text.split(/(\s+)/);
    pieces.forEach((piece, at) => {
      if (!isWord(piece)) return;
      const before = at === 0 ? (index === 0 ? ' ' : '') : pieces[at - 1];
      const after = at === pieces.length - 1 ? (index === quasis.length - 1 ? ' ' : '') : pieces[at + 1];
      if (before !== '' && after !== '') count += 1;
    });
  });
  return count;
}

function keyName(key) {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
}

function isTextKey(name) {
  return name !== undefined && (TEXT_KEYS.has(name) || TEXT_KEY_ENDINGS.test(name));
}

/**
 * Where a literal's text ends up, following the expressions that pass it on (templates, `+`, `? :`,
 * `??`, arrays, object values, arrow bodies, pass-through calls): 'shown' when a person reads it,
 * 'key' when it is a key or compared, 'other' otherwise.
 */
function destination(node, inWordsModule) {
  let child = node;
  let parent = node.parent;
  while (parent !== undefined && parent !== null) {
    switch (parent.type) {
      case 'TemplateLiteral':
      case 'ConditionalExpression':
      case 'LogicalExpression':
      case 'SpreadElement':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'ChainExpression':
      case 'AwaitExpression':
        if (parent.type === 'ConditionalExpression' && parent.test === child) return 'other';
        break;
      case 'ArrayExpression':
        if (parent.parent?.type === 'NewExpression' && ['Set', 'Map'].includes(calleeName(parent.parent.callee) ?? '')) return 'key';
        break;
      case 'ObjectExpression':
        break;
      case 'BinaryExpression':
        if (parent.operator !== '+') return ['===', '!==', '==', '!=', 'in'].includes(parent.operator) ? 'key' : 'other';
        break;
      case 'Property':
        if (parent.key === child) return 'key';
        if (isTextKey(keyName(parent.key))) return 'shown';
        break;
      case 'ArrowFunctionExpression':
        if (parent.body !== child) return 'other';
        return inWordsModule ? 'shown' : 'other';
      case 'ReturnStatement':
        return inWordsModule ? 'shown' : 'other';
      case 'ThrowStatement':
        return 'shown';
      case 'SwitchCase':
      case 'TSLiteralType':
      case 'ImportDeclaration':
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
      case 'ImportExpression':
      case 'TSPropertySignature':
      case 'TSEnumMember':
      case 'MethodDefinition':
      case 'PropertyDefinition':
        return parent.type === 'PropertyDefinition' && parent.value === child ? 'other' : 'key';
      case 'AssignmentExpression': {
        if (parent.right !== child) return 'other';
        const target = parent.left;
        if (target.type === 'MemberExpression' && !target.computed && target.property.type === 'Identifier' && SHOWN_PROPERTIES.has(target.property.name))
          return 'shown';
        return 'other';
      }
      case 'MemberExpression':
        if (parent.object !== child || parent.parent?.type !== 'CallExpression' || parent.parent.callee !== parent) return 'other';
        if (!PASS_THROUGH_CALLS.has(calleeName(parent) ?? '')) return 'other';
        child = parent.parent;
        parent = child.parent;
        continue;
      case 'NewExpression':
        if (parent.callee === child) return 'other';
        return SHOWN_CONSTRUCTORS.has(calleeName(parent.callee) ?? '') ? 'shown' : 'other';
      case 'CallExpression': {
        if (parent.callee === child) return 'other';
        const name = calleeName(parent.callee) ?? '';
        if (KEY_CALLS.has(name)) return 'key';
        if (PASS_THROUGH_CALLS.has(name)) {
          if (parent.arguments[0] !== child) return 'other';
          break;
        }
        if (name === 'setAttribute') {
          const attribute = parent.arguments[0];
          if (parent.arguments[1] !== child) return 'key';
          return attribute?.type === 'Literal' && SHOWN_ATTRIBUTES.has(String(attribute.value)) ? 'shown' : 'other';
        }
        if (SHOWN_CALLS.has(name) || SHOWN_SETTERS.test(name)) return 'shown';
        return 'other';
      }
      case 'JSXExpressionContainer':
        if (parent.parent?.type !== 'JSXAttribute') return 'jsx';
        break;
      case 'JSXAttribute': {
        // JSX text and the usual text attributes are formatjs/no-literal-string-in-jsx's; a component's
        // own text props (`confirmLabel`, `emptyText`) are checked here, class names and ids pass.
        const name = typeof parent.name.name === 'string' ? parent.name.name : undefined;
        return name !== undefined && TEXT_KEY_ENDINGS.test(name) ? 'shown' : 'jsx';
      }
      default:
        return 'other';
    }
    child = parent;
    parent = parent.parent;
  }
  return 'other';
}

/** The rule: no words a person reads are written as literals in the window's code or main's dialogs. */
export const windowStringsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps the text of the window, and of the dialogs, menus and notifications main shows, in the catalogs (shared/i18n)' },
    schema: [],
    messages: {
      literal: 'Text a person reads goes through the catalogs: use t(\'…\') (shared/i18n/areas) instead of "{{text}}".',
    },
  },
  create(context) {
    const inWordsModule = /-words\.ts$/.test(context.filename ?? context.getFilename());
    const report = (node, text) => context.report({ node, messageId: 'literal', data: { text: text.trim().slice(0, 60) } });
    const check = (node, text, pieces) => {
      const where = destination(node, inWordsModule);
      if (where === 'key' || where === 'jsx') return;
      if (where === 'shown' ? isText(text) : isSentence(text)) report(node, text);
      else if (pieces !== undefined && pieces.length > 1 && wordsBetweenValues(pieces) >= 2) report(node, text);
    };
    return {
      Literal(node) {
        if (typeof node.value === 'string' && node.parent?.type !== 'TemplateLiteral') check(node, node.value);
      },
      TemplateLiteral(node) {
        if (node.parent?.type === 'TaggedTemplateExpression') return;
        const pieces = node.quasis.map((quasi) => quasi.value.cooked ?? '');
        check(node, pieces.join(' '), pieces);
      },
    };
  },
};
