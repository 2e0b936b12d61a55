// The errors' catalog rule: a MailbagError that says a sentence of Mailbag's own is made by
// `wordedError(code, { id, values })` (shared/error-words.ts), so its English `message` (what --json
// and the log keep) comes with catalog `words` the window and the command line say in the reader's
// language; the mail engines' errors the same way by `wordedPop3Error` / `wordedSmtpError`. It fails on
// `new MailbagError(code, <text>)` (and `new Pop3Error`, `new SmtpError`, `new SessionError`) where the
// message is written as text: a string literal or a template literal with words, also inside `? :`,
// `??`, `||` or `+`. A message handed on from a variable or a call (the server's own words,
// `error.message`) passes, and so does no message (the code's own sentence). A message made by
// `englishMessage(words)` must come with those words in the error's options, or the reader would be
// told the English.

import { calleeName } from './eslint-ast.mjs';

/**
 * Constructors whose second argument is the error's message: each with the position of the argument
 * that carries `words`, and the call that makes the error from a catalog message instead.
 */
const ERROR_CONSTRUCTORS = new Map([
  ['MailbagError', { options: 2, helper: 'wordedError' }],
  ['SessionError', { options: 3, helper: 'wordedPop3Error or wordedSmtpError' }],
  ['Pop3Error', { options: 2, helper: 'wordedPop3Error' }],
  ['SmtpError', { options: 2, helper: 'wordedSmtpError' }],
]);

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

/** Whether a message expression says the English of a catalog message (`englishMessage(…)`, also inside a template or `? :`). */
function saysEnglishOfWords(node) {
  switch (node.type) {
    case 'CallExpression':
      return calleeName(node.callee) === 'englishMessage';
    case 'TemplateLiteral':
      return node.expressions.some(saysEnglishOfWords);
    case 'BinaryExpression':
    case 'LogicalExpression':
      return saysEnglishOfWords(node.left) || saysEnglishOfWords(node.right);
    case 'ConditionalExpression':
      return saysEnglishOfWords(node.consequent) || saysEnglishOfWords(node.alternate);
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'ChainExpression':
      return saysEnglishOfWords(node.expression);
    default:
      return false;
  }
}

/** Whether an options argument may carry `words`: an object with a `words` key or a spread (which may hold it), or any other expression. */
function mayCarryWords(node) {
  if (node === undefined) return false;
  if (node.type !== 'ObjectExpression') return true;
  return node.properties.some(
    (property) =>
      property.type === 'SpreadElement' ||
      (property.type === 'Property' &&
        !property.computed &&
        ((property.key.type === 'Identifier' && property.key.name === 'words') || property.key.value === 'words')),
  );
}

/** The rule: a MailbagError's sentence is a catalog message made by wordedError, never literal text. */
export const errorWordsRule = {
  meta: {
    type: 'problem',
    docs: { description: "Keeps the sentences of Mailbag's errors in the catalogs (shared/i18n), made by wordedError" },
    schema: [],
    messages: {
      literal: 'An error\'s sentence goes through the catalogs: use {{helper}}(code, { id, values }) instead of "{{text}}".',
      wordsMissing: "The message is the English of a catalog message: pass the same words in the error's options ({ words }), or use {{helper}}.",
    },
  },
  create(context) {
    return {
      NewExpression(node) {
        const constructor = ERROR_CONSTRUCTORS.get(calleeName(node.callee) ?? '');
        if (constructor === undefined) return;
        const message = node.arguments[1];
        if (message === undefined) return;
        const { helper } = constructor;
        for (const piece of literalPieces(message)) {
          if (isMessageText(piece.text)) context.report({ node: piece.node, messageId: 'literal', data: { text: piece.text.trim().slice(0, 60), helper } });
        }
        if (saysEnglishOfWords(message) && !mayCarryWords(node.arguments[constructor.options])) {
          context.report({ node: message, messageId: 'wordsMissing', data: { helper } });
        }
      },
    };
  },
};
