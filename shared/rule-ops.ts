/**
 * The rule editor's operations: the ordered list of rules, saving (new or changed), switching on and
 * off, moving in the order, removing, trying a condition as a search (how many messages it matches)
 * and running a rule on a folder, first as a preview ("12 messages would be moved"). Inputs are checked
 * here for shape; main checks a rule as the command line's `mailbag rules add` does.
 */
import { z } from 'zod';
import { ruleInputSchema, type Rule, type RuleAction } from './rules';
import { MAX_SEARCH_QUERY_LENGTH } from './search-query';
import { messageTagInfo } from './tags';

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
  /** Actions that could not be done (a folder that no longer exists). */
  readonly problems: readonly string[];
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

/** "12 messages would be moved to Archive" / "3 messages were flagged": one action of a run in words. */
export function describeRuleRun(entry: RuleRunAction, dryRun: boolean): string {
  const messages = `${entry.count} message${entry.count === 1 ? '' : 's'}`;
  const verb = dryRun ? 'would be' : entry.count === 1 ? 'was' : 'were';
  const { action } = entry;
  switch (action.kind) {
    case 'move':
      return `${messages} ${verb} moved to ${action.folder}`;
    case 'copy':
      return `${messages} ${verb} copied to ${action.folder}`;
    case 'mark-read':
      return `${messages} ${verb} marked read`;
    case 'flag':
      return `${messages} ${verb} flagged`;
    case 'tag':
      return `${messages} ${verb} tagged ${messageTagInfo(action.tag).label}`;
    case 'delete':
      return `${messages} ${verb} moved to Trash`;
    case 'junk':
      return `${messages} ${verb} marked as junk`;
    case 'not-junk':
      return `${messages} ${verb} marked as not junk`;
    case 'forward':
      return `${messages} ${verb} forwarded to ${action.to}`;
    case 'reply':
      return `${messages} ${verb} answered with the template`;
    case 'server':
      return `${messages} ${verb} left alone here: a server rule acts before download`;
  }
}
