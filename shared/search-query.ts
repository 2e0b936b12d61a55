/**
 * The search language of the window's search box and `mailbag search`, parsed the same way in both:
 * words (the last one as the start of a word), "exact phrases", field operators (`from:`, `to:`, `cc:`,
 * `subject:`, `filename:`), `has:attachment`, `is:unread|read|flagged`, `in:FOLDER`, dates
 * (`before:`, `after:`, `on:`), sizes (`larger:`, `smaller:`), implicit AND, `OR`, `-` for NOT and
 * parentheses — as in Gmail and Thunderbird. A mistake is a result saying where, never a throw.
 *
 * What message rules also need: `body:` (the text only), `recipient:` (To or Cc), `account:NAME`,
 * `is:junk`, colour tags (`tag:work`), ages (`older:30d`, `newer:2w`) and `header:NAME:VALUE` on any header, where VALUE is
 * contained (`header:list-id:announce`), is the whole value (`=x`), begins (`^x`), ends (`x$`) or is a
 * regular expression (`/x+/`, run by a linear-time engine, so no pattern can take long).
 *
 * Decisions a user would expect from those programs: `OR` and `AND` are operators only in capitals
 * (`or` is a word); an unknown operator (`re:`, `http://…`, `10:30`) is searched as text; a known
 * operator without a value (`from:` alone) or with a value it cannot take (`is:bold`) is an error; a
 * word without letters or digits (`*`, `--`) is ignored, like the punctuation inside words.
 */
import { createTranslator, type Translate } from './i18n/catalogs';
import type { MessageId } from './i18n/messages-en';
import { findMessageTag, MESSAGE_TAGS, type MessageTag } from './tags';
import { parseSearchDay, parseSearchSize, sampleSearchDay, searchLocale, type SearchDay } from './search-values';

export type { SearchDay } from './search-values';

/** Fields a text term can be limited to. */
export type SearchField = 'from' | 'to' | 'cc' | 'subject' | 'filename' | 'body';
/** Flags `is:` and `has:` test. */
export type SearchFlag = 'unread' | 'read' | 'flagged' | 'attachment' | 'junk';
/** How `header:` compares a header's value with the text given. */
export type HeaderMatch = 'contains' | 'is' | 'begins' | 'ends' | 'regex';

/** A parsed query: a tree of terms joined by AND, OR and NOT. */
export type SearchNode =
  /**
   * Text to find: a word or a phrase (its words in this order), anywhere or in one field. `prefix`:
   * its last word may be the start of a word (the word being typed).
   */
  | { readonly kind: 'text'; readonly text: string; readonly field: SearchField | null; readonly phrase: boolean; readonly prefix: boolean }
  | { readonly kind: 'flag'; readonly flag: SearchFlag }
  /** A folder by name or role (`inbox`, `sent`, …), case-insensitive. */
  | { readonly kind: 'folder'; readonly name: string }
  /** `before`: earlier than the day; `after`: on the day or later; `on`: during the day (Gmail's meaning). */
  | { readonly kind: 'date'; readonly relation: 'before' | 'after' | 'on'; readonly day: SearchDay }
  /** Strictly larger or smaller than `bytes`. */
  | { readonly kind: 'size'; readonly relation: 'larger' | 'smaller'; readonly bytes: number }
  /** A header by name (lower case), compared case-insensitively with `value` as `match` says. */
  | { readonly kind: 'header'; readonly name: string; readonly match: HeaderMatch; readonly value: string }
  /** `older`: the message's date is more than `days` days ago; `newer`: less. */
  | { readonly kind: 'age'; readonly relation: 'older' | 'newer'; readonly days: number }
  /** An account by name, address or id. */
  | { readonly kind: 'account'; readonly name: string }
  /** `tag:work`: the message carries that colour tag. */
  | { readonly kind: 'tag'; readonly tag: MessageTag }
  | { readonly kind: 'and'; readonly children: readonly SearchNode[] }
  | { readonly kind: 'or'; readonly children: readonly SearchNode[] }
  | { readonly kind: 'not'; readonly child: SearchNode };

/** The catalog messages that say what is wrong with a search. */
export type SearchProblemId = Extract<MessageId, `search.problem.${string}`>;

/** What is wrong, as a catalog message and its values, so each window says it in its own language. */
export interface SearchProblem {
  readonly id: SearchProblemId;
  readonly values: Readonly<Record<string, string>>;
}

/**
 * Where a query is wrong: `position` is the index in the text (UTF-16, as an input's selection counts);
 * `message` says what is wrong in English, `problem` the same for any language.
 */
export interface SearchSyntaxError {
  readonly position: number;
  readonly message: string;
  readonly problem: SearchProblem;
}

const english = createTranslator('en');

/** A parse: the query (null when it holds nothing to search for) or the mistake. */
export type SearchParse = { readonly ok: true; readonly query: SearchNode | null } | { readonly ok: false; readonly error: SearchSyntaxError };

/** How the text is read: `locale` decides the short date form besides ISO (default en-US). */
export interface SearchParseOptions {
  readonly locale?: string;
}

/** Longest query accepted (the contract's limit). */
export const MAX_SEARCH_QUERY_LENGTH = 500;
/** Deepest nesting of parentheses accepted. */
export const MAX_SEARCH_NESTING = 32;
/** Longest regular expression `header:` takes (the engine is linear in the text, the pattern bounds its size). */
export const MAX_HEADER_PATTERN_LENGTH = 200;
/** Oldest age `older:`/`newer:` take, in days (a century). */
const MAX_AGE_DAYS = 36_500;
/** Days per unit of an age. */
const AGE_UNITS: Readonly<Record<string, number>> = { d: 1, w: 7, m: 30, y: 365 };
/** What a header name may be (RFC 5322 §3.6.8: printable ASCII without the colon). */
const HEADER_NAME = /^[!-9;-~]+$/u;

const FIELD_OPERATORS: Readonly<Record<string, SearchField>> = { from: 'from', to: 'to', cc: 'cc', subject: 'subject', filename: 'filename', body: 'body' };
const IS_VALUES: Readonly<Record<string, SearchFlag>> = { unread: 'unread', read: 'read', flagged: 'flagged', starred: 'flagged', junk: 'junk', spam: 'junk' };
const HAS_VALUES: Readonly<Record<string, SearchFlag>> = { attachment: 'attachment', attachments: 'attachment' };
const DATE_OPERATORS = ['before', 'after', 'on'] as const;
const SIZE_OPERATORS = ['larger', 'smaller'] as const;
/** Every operator name the language knows; anything else before a colon is text. */
const OPERATORS = new Set<string>([
  ...Object.keys(FIELD_OPERATORS),
  'is',
  'has',
  'in',
  'recipient',
  'header',
  'account',
  'tag',
  'older',
  'newer',
  ...DATE_OPERATORS,
  ...SIZE_OPERATORS,
]);
/** Characters that count as something to search for (as the full-text index's tokenizer sees them). */
const SEARCHABLE = /[\p{L}\p{N}\p{Co}]/u;

/** Thrown inside the parser only; `parseSearchQuery` turns it into a result. */
class SyntaxProblem extends Error {
  readonly problem: SearchProblem;

  constructor(
    readonly position: number,
    id: SearchProblemId,
    values: Readonly<Record<string, string>> = {},
  ) {
    super(english.t(id, values));
    this.problem = { id, values };
  }
}

type Token =
  | { readonly kind: 'open' | 'close' | 'or' | 'and' | 'not'; readonly start: number }
  /** A word, a "quoted phrase" or an operator with its value; `end` is where its text ends. */
  | { readonly kind: 'term'; readonly start: number; readonly end: number; readonly operator: string | null; readonly value: string; readonly quoted: boolean };

function isSpace(character: string): boolean {
  return /\s/u.test(character);
}

/** Reads a quoted string starting at the quote at `start`: its text and the index after the closing quote. */
function quoted(text: string, start: number): { value: string; end: number } {
  const close = text.indexOf('"', start + 1);
  if (close < 0) throw new SyntaxProblem(start, 'search.problem.missingQuote');
  return { value: text.slice(start + 1, close), end: close + 1 };
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const character = text.charAt(index);
    if (isSpace(character)) {
      index += 1;
    } else if (character === '(' || character === ')') {
      tokens.push({ kind: character === '(' ? 'open' : 'close', start: index });
      index += 1;
    } else if (character === '-' && index + 1 < text.length && !isSpace(text.charAt(index + 1)) && text.charAt(index + 1) !== ')') {
      tokens.push({ kind: 'not', start: index });
      index += 1;
    } else if (character === '"') {
      const { value, end } = quoted(text, index);
      tokens.push({ kind: 'term', start: index, end, operator: null, value, quoted: true });
      index = end;
    } else {
      const start = index;
      while (index < text.length && !isSpace(text.charAt(index)) && !'()"'.includes(text.charAt(index))) index += 1;
      const word = text.slice(start, index);
      const colon = word.indexOf(':');
      const name = colon > 0 ? word.slice(0, colon).toLowerCase() : '';
      if (word === 'OR' || word === 'AND') {
        tokens.push({ kind: word === 'OR' ? 'or' : 'and', start });
      } else if (OPERATORS.has(name) && (colon === word.length - 1 || name === 'header') && word.endsWith(':') && text.charAt(index) === '"') {
        const { value, end } = quoted(text, index);
        tokens.push({ kind: 'term', start, end, operator: name, value: `${word.slice(colon + 1)}${value}`, quoted: true });
        index = end;
      } else if (OPERATORS.has(name)) {
        tokens.push({ kind: 'term', start, end: index, operator: name, value: word.slice(colon + 1), quoted: false });
      } else {
        tokens.push({ kind: 'term', start, end: index, operator: null, value: word, quoted: false });
      }
    }
  }
  return tokens;
}

/** A text term, or null when it holds nothing searchable. */
function textTerm(value: string, field: SearchField | null, phrase: boolean, prefix: boolean): SearchNode | null {
  const text = value.trim();
  return SEARCHABLE.test(text) ? { kind: 'text', text, field, phrase, prefix } : null;
}

function dateProblem(position: number, operator: string, value: string, locale: string): SyntaxProblem {
  const sample = sampleSearchDay(locale);
  return value === ''
    ? new SyntaxProblem(position, 'search.problem.dateNeeds', { operator, sample })
    : new SyntaxProblem(position, 'search.problem.notDate', { value, sample });
}

/** The node of an operator term (its value already read). */
function operatorTerm(token: Extract<Token, { kind: 'term' }>, operator: string, negated: boolean, last: boolean, locale: string): SearchNode | null {
  const value = token.value.trim();
  const field = FIELD_OPERATORS[operator];
  if (value === '') {
    if (field !== undefined || operator === 'in')
      throw new SyntaxProblem(token.start, 'search.problem.needsValue', {
        operator,
        example: `${operator}:${operator === 'in' ? 'inbox' : operator === 'filename' ? 'pdf' : 'anna'}`,
      });
    if (operator === 'is') throw new SyntaxProblem(token.start, 'search.problem.isNeeds');
    if (operator === 'has') throw new SyntaxProblem(token.start, 'search.problem.hasNeeds');
  }
  if (field !== undefined) return textTerm(value, field, token.quoted, !token.quoted && !negated && last);
  switch (operator) {
    case 'recipient': {
      if (value === '') throw new SyntaxProblem(token.start, 'search.problem.needsValue', { operator: 'recipient', example: 'recipient:anna' });
      const prefix = !token.quoted && !negated && last;
      return join('or', [textTerm(value, 'to', token.quoted, prefix), textTerm(value, 'cc', token.quoted, prefix)]);
    }
    case 'header':
      return headerTerm(token, value);
    case 'account':
      if (value === '') throw new SyntaxProblem(token.start, 'search.problem.accountNeeds');
      return { kind: 'account', name: value };
    case 'tag': {
      const tag = findMessageTag(value);
      if (tag === undefined) throw new SyntaxProblem(token.start, 'search.problem.tagNeeds', { tags: MESSAGE_TAGS.map((each) => each.key).join(', ') });
      return { kind: 'tag', tag };
    }
    case 'older':
    case 'newer': {
      const days = parseAge(value);
      if (days === null) throw new SyntaxProblem(token.start, 'search.problem.ageNeeds', { operator });
      return { kind: 'age', relation: operator, days };
    }
    case 'is': {
      const flag = IS_VALUES[value.toLowerCase()];
      if (flag === undefined) throw new SyntaxProblem(token.start, 'search.problem.isUnknown', { value });
      return { kind: 'flag', flag };
    }
    case 'has': {
      const flag = HAS_VALUES[value.toLowerCase()];
      if (flag === undefined) throw new SyntaxProblem(token.start, 'search.problem.hasUnknown', { value });
      return { kind: 'flag', flag };
    }
    case 'in':
      return { kind: 'folder', name: value };
    case 'before':
    case 'after':
    case 'on': {
      const day = parseSearchDay(value, locale);
      if (day === null) throw dateProblem(token.start, operator, value, locale);
      return { kind: 'date', relation: operator, day };
    }
    case 'larger':
    case 'smaller': {
      const bytes = parseSearchSize(value);
      if (bytes === null)
        throw value === ''
          ? new SyntaxProblem(token.start, 'search.problem.sizeNeeds', { operator })
          : new SyntaxProblem(token.start, 'search.problem.notSize', { value });
      return { kind: 'size', relation: operator, bytes };
    }
    default:
      return textTerm(token.value, null, true, false);
  }
}

/** An age like `30d`, `2w`, `6m`, `1y` or `30` (days), in days; null when it is none. */
function parseAge(value: string): number | null {
  const found = /^(\d{1,6})([dwmy]?)$/iu.exec(value);
  if (found === null) return null;
  const days = Number(found[1]) * (AGE_UNITS[(found[2] ?? '').toLowerCase() || 'd'] ?? 1);
  return days > MAX_AGE_DAYS ? null : days;
}

/** `header:NAME:VALUE`: the name, and how VALUE is compared (see the module comment). */
function headerTerm(token: Extract<Token, { kind: 'term' }>, value: string): SearchNode {
  const colon = value.indexOf(':');
  const name = (colon < 0 ? value : value.slice(0, colon)).toLowerCase();
  const wanted = colon < 0 ? '' : value.slice(colon + 1);
  if (!HEADER_NAME.test(name)) throw new SyntaxProblem(token.start, 'search.problem.headerNeeds');
  if (wanted.length > 2 && wanted.startsWith('/') && wanted.endsWith('/')) {
    if (wanted.length - 2 > MAX_HEADER_PATTERN_LENGTH) {
      throw new SyntaxProblem(token.start, 'search.problem.regexTooLong', { max: String(MAX_HEADER_PATTERN_LENGTH) });
    }
    return { kind: 'header', name, match: 'regex', value: wanted.slice(1, -1) };
  }
  const begins = wanted.startsWith('^');
  const ends = wanted.length > (begins ? 1 : 0) && wanted.endsWith('$');
  const exact = wanted.startsWith('=');
  const text = wanted.slice(begins || exact ? 1 : 0, ends && !exact ? -1 : undefined);
  if (text === '') throw new SyntaxProblem(token.start, 'search.problem.headerValue', { name });
  const match: HeaderMatch = exact || (begins && ends) ? 'is' : begins ? 'begins' : ends ? 'ends' : 'contains';
  return { kind: 'header', name, match, value: text };
}

/** Joins nodes, leaving out empty ones and flattening nested joins of the same kind. */
function join(kind: 'and' | 'or', nodes: ReadonlyArray<SearchNode | null>): SearchNode | null {
  const children = nodes.flatMap((node) => (node === null ? [] : node.kind === kind ? node.children : [node]));
  if (children.length === 0) return null;
  return children.length === 1 ? (children[0] ?? null) : { kind, children };
}

/** A recursive-descent parser over the tokens: or := and ('OR' and)*; and := unary+; unary := '-' unary | '(' or ')' | term. */
class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    /** Where the text ends (without trailing blanks): the term ending there is the one being typed. */
    private readonly typingEnd: number,
    private readonly locale: string,
  ) {}

  parse(): SearchNode | null {
    const node = this.or();
    const extra = this.tokens[this.index];
    if (extra !== undefined) throw new SyntaxProblem(extra.start, 'search.problem.unmatchedClose');
    return node;
  }

  private or(): SearchNode | null {
    let start = this.index;
    const sides = [this.and()];
    for (let token = this.tokens[this.index]; token?.kind === 'or'; token = this.tokens[this.index]) {
      const next = this.tokens[this.index + 1];
      if (this.index === start || next === undefined || next.kind === 'close' || next.kind === 'or') {
        throw new SyntaxProblem(token.start, 'search.problem.orSides');
      }
      this.index += 1;
      start = this.index;
      sides.push(this.and());
    }
    return join('or', sides);
  }

  private and(): SearchNode | null {
    const parts: Array<SearchNode | null> = [];
    for (let token = this.tokens[this.index]; token !== undefined && token.kind !== 'close' && token.kind !== 'or'; token = this.tokens[this.index]) {
      if (token.kind === 'and') {
        this.index += 1;
        continue;
      }
      parts.push(this.unary(false));
    }
    return join('and', parts);
  }

  private unary(negated: boolean): SearchNode | null {
    const token = this.tokens[this.index];
    if (token === undefined) return null;
    this.index += 1;
    switch (token.kind) {
      case 'not': {
        const next = this.tokens[this.index];
        if (next === undefined || next.kind === 'or' || next.kind === 'and' || next.kind === 'close') return null;
        const child = this.unary(!negated);
        if (child === null) return null;
        return child.kind === 'not' ? child.child : { kind: 'not', child };
      }
      case 'open': {
        this.depth += 1;
        if (this.depth > MAX_SEARCH_NESTING) throw new SyntaxProblem(token.start, 'search.problem.tooDeep');
        if (this.tokens[this.index]?.kind === 'close') throw new SyntaxProblem(token.start, 'search.problem.emptyParens');
        const inner = this.or();
        if (this.tokens[this.index]?.kind !== 'close') throw new SyntaxProblem(token.start, 'search.problem.missingClose');
        this.index += 1;
        this.depth -= 1;
        return inner;
      }
      case 'close':
        throw new SyntaxProblem(token.start, 'search.problem.unmatchedClose');
      case 'or':
      case 'and':
        return null;
      case 'term': {
        const last = token.end === this.typingEnd;
        if (token.operator !== null) return operatorTerm(token, token.operator, negated, last, this.locale);
        return textTerm(token.value, null, token.quoted, !token.quoted && !negated && last);
      }
    }
  }
}

/**
 * Parses what a user typed. Never throws: a mistake comes back as `{ ok: false, error }` with the
 * index where it is; a query with nothing to search for (empty, or only punctuation) as `query: null`.
 */
export function parseSearchQuery(text: string, options: SearchParseOptions = {}): SearchParse {
  if (text.length > MAX_SEARCH_QUERY_LENGTH) {
    const tooLong = new SyntaxProblem(MAX_SEARCH_QUERY_LENGTH, 'search.problem.tooLong', { max: String(MAX_SEARCH_QUERY_LENGTH) });
    return { ok: false, error: { position: tooLong.position, message: tooLong.message, problem: tooLong.problem } };
  }
  try {
    const query = new Parser(tokenize(text), text.trimEnd().length, searchLocale(options.locale)).parse();
    return { ok: true, query };
  } catch (error) {
    if (error instanceof SyntaxProblem) return { ok: false, error: { position: error.position, message: error.message, problem: error.problem } };
    throw error;
  }
}

/**
 * A syntax error as one line for people: "Missing closing quote at 14", counting characters from 1
 * as they see them (a CJK character or an emoji is one character); in English unless `t` speaks
 * another language.
 */
export function describeSearchSyntaxError(text: string, error: SearchSyntaxError, t: Translate = english.t): string {
  const position = String([...text.slice(0, error.position)].length + 1);
  return t('search.problemAt', { problem: t(error.problem.id, error.problem.values), position });
}
