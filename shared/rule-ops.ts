/**
 * The rule editor's operations: the ordered list of rules, saving (new or changed), switching on and
 * off, moving in the order, removing, trying a condition as a search (how many messages it matches)
 * and running a rule on a folder, first as a preview ("12 messages would be moved"). Inputs are checked
 * here for shape; main checks a rule as the command line's `mailbag rules add` does.
 */
import { z } from 'zod';
import type { Translate } from './i18n/catalogs';
import type { MessageId } from './i18n/messages-en';
import { englishWords } from './i18n/english';
import type { ErrorWords } from './errors';
import { englishMessage, sayWords } from './error-words';
import { ruleInputSchema, type Rule, type RuleAction } from './rules';
import { MAX_SEARCH_QUERY_LENGTH } from './search-query';
import { messageTagLabel } from './tags';

const ruleIdSchema = z.number().int().positive();
const accountIdSchema = z.string().min(1).max(128);

/** Input schemas of the rule operations, spread into the contract's table. */
export const ruleOperationInputs = {
  listRules: z.undefined(),
  /** Without `id` a new rule goes to the end of the order; with one, that rule changes in its place. */
  saveRule: z.strictObject({ id: ruleIdSchema.optional(), rule: ruleInputSchema }),
  removeRule: z.strictObject({ id: ruleIdSchema }),
  setRuleEnabled: z.strictObject({ id: ruleIdSchema, enabled: z.boolean() }),
  moveRule: z.strictObject({ id: ruleIdSchema, direction: z.enum(['up', 'down']) }),
  /** "Try as search": how many stored messages (of the account, or of all) the condition matches. */
  countRuleMatches: z.strictObject({ query: z.string().trim().min(1).max(MAX_SEARCH_QUERY_LENGTH), accountId: accountIdSchema.nullable() }),
  /** Runs a saved rule on every message of a folder; `dryRun` only says what it would do. */
  runRuleOnFolder: z.strictObject({ id: ruleIdSchema, folderId: z.number().int().positive(), dryRun: z.boolean() }),
} as const;

/** What one action of a rule run did (or would do) to how many messages. */
export interface RuleRunAction {
  readonly action: RuleAction;
  readonly count: number;
}

/** The answer of runRuleOnFolder. */
export interface RuleRunReport {
  readonly dryRun: boolean;
  /** Messages in the folder. */
  readonly messages: number;
  readonly applied: readonly RuleRunAction[];
  /** Actions that could not be done (a folder that no longer exists), in English. */
  readonly problems: readonly string[];
  /** The same problems as catalog messages (those that have one), to be said in the reader's language. */
  readonly problemWords?: readonly ErrorWords[];
}

/** Problems as a run reports them: English text, and catalog words for those that have them. */
export interface RuleProblems {
  readonly problems: readonly string[];
  readonly problemWords?: readonly ErrorWords[];
}

/** A run's problems followed by those of the automatic answers it queued (or of anything else that ran after it). */
export function joinRuleProblems<Report extends RuleProblems>(report: Report, more: RuleProblems): Report {
  return { ...report, problems: [...report.problems, ...more.problems], problemWords: [...(report.problemWords ?? []), ...(more.problemWords ?? [])] };
}

/** A run's problems in the reader's language: each one that carries catalog words is said in it, the others as written. */
export function ruleProblemsIn(t: Translate, report: RuleProblems): string[] {
  const worded = new Map((report.problemWords ?? []).map((words) => [englishMessage(words), words]));
  return report.problems.map((problem) => {
    const words = worded.get(problem);
    return words === undefined ? problem : sayWords(t, words);
  });
}

/** What each rule operation returns. */
export interface RuleOperationOutputs {
  listRules: readonly Rule[];
  saveRule: Rule;
  removeRule: { readonly removed: number };
  setRuleEnabled: Rule;
  /** The whole list in its new order. */
  moveRule: readonly Rule[];
  countRuleMatches: { readonly count: number };
  runRuleOnFolder: RuleRunReport;
}

/** The message of each kind of action in a run's report. */
const RUN_MESSAGES: Readonly<Record<Exclude<RuleAction['kind'], 'move' | 'copy' | 'tag' | 'forward'>, MessageId>> = {
  'mark-read': 'rules.ran.markRead',
  flag: 'rules.ran.flag',
  delete: 'rules.ran.delete',
  junk: 'rules.ran.junk',
  'not-junk': 'rules.ran.notJunk',
  reply: 'rules.ran.reply',
  server: 'rules.ran.server',
};

/**
 * "12 messages would be moved to Archive." / "3 messages were flagged.": one action of a run in a
 * sentence, in the language of `t` (English by default).
 */
export function describeRuleRun(entry: RuleRunAction, dryRun: boolean, t: Translate = englishWords()): string {
  const { action, count } = entry;
  const base = { count, preview: dryRun ? 'yes' : 'no' };
  switch (action.kind) {
    case 'move':
      return t('rules.ran.move', { ...base, folder: action.folder });
    case 'copy':
      return t('rules.ran.copy', { ...base, folder: action.folder });
    case 'tag':
      return t('rules.ran.tag', { ...base, tag: messageTagLabel(t, action.tag) });
    case 'forward':
      return t('rules.ran.forward', { ...base, address: action.to });
    default:
      return t(RUN_MESSAGES[action.kind], base);
  }
}
