// The errors' catalog rule: a MailbagError that says a sentence of Mailbag's own is made by
// `wordedError(code, { id, values })` (shared/error-words.ts), so its English `message` (what --json
// and the log keep) comes with catalog `words` the window and the command line say in the reader's
// language. It fails on `new MailbagError(code, <text>)` where the message is written as text: a string
// literal or a template literal with words, also inside `? :`, `??`, `||` or `+`. A message handed on
// from a variable or a call (the server's own words, `englishMessage(words)`, `error.message`) passes,
// and so does no message (the code's own sentence).

import { calleeName } from './eslint-ast.mjs';

/** Constructors whose second argument is the error's message. */
const ERROR_CONSTRUCTORS = new Set(['MailbagError']);

/** A word: two letters or more. */
const WORD = /\p{L}{2,}/gu;
const CAPITALISED = /^\s*\p{Lu}\p{Ll}/u;

/**
 * Whether literal text is words a person reads: two words or more ("There is no folder", " is not
 * running."), or one capitalised word ("Failed"). Codes and data ("x", "ENOENT") pass.
 */
export function isMessageText(text) {
  const words = text.match(WORD) ?? [];
  return words.length >= 2 || (words.length === 1 && CAPITALISED.test(text) && !/^\s*\p{Lu}+\s*$/u.test(text));
}

/** The literals of a message expression whose text reaches the message as written (not through a call). */
function literalPieces(node) {
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? [{ node, text: node.value }] : [];
    case 'TemplateLiteral': {
      const text = node.quasis.map((quasi) => quasi.value.cooked ?? '').join(' ');
      return [{ node, text }, ...node.expressions.flatMap(literalPieces)];
    }
    case 'BinaryExpression':
      return node.operator === '+' ? [...literalPieces(node.left), ...literalPieces(node.right)] : [];
    case 'LogicalExpression':
      return [...literalPieces(node.left), ...literalPieces(node.right)];
    case 'ConditionalExpression':
      return [...literalPieces(node.consequent), ...literalPieces(node.alternate)];
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'ChainExpression':
      return literalPieces(node.expression);
    default:
      return [];
  }
}

/** The rule: a MailbagError's sentence is a catalog message made by wordedError, never literal text. */
export const errorWordsRule = {
  meta: {
    type: 'problem',
    docs: { description: "Keeps the sentences of Mailbag's errors in the catalogs (shared/i18n), made by wordedError" },
    schema: [],
    messages: {
      literal: 'An error\'s sentence goes through the catalogs: use wordedError(code, { id, values }) (shared/error-words.ts) instead of "{{text}}".',
    },
  },
  create(context) {
    return {
      NewExpression(node) {
        if (!ERROR_CONSTRUCTORS.has(calleeName(node.callee) ?? '')) return;
        const message = node.arguments[1];
        if (message === undefined) return;
        for (const piece of literalPieces(message)) {
          if (isMessageText(piece.text)) context.report({ node: piece.node, messageId: 'literal', data: { text: piece.text.trim().slice(0, 60) } });
        }
      },
    };
  },
};
