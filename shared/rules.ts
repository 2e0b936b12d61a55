/**
 * Message rules as every front end sees them: a name, a condition in the search language (so a rule is
 * tried as a search first), actions, and whether later rules still run. The schema checks a rule's
 * shape wherever it comes from (the command line, the window, the store).
 */
import { z } from 'zod';
import { checkAddress } from './mail/address';
import { describeSearchSyntaxError, MAX_SEARCH_QUERY_LENGTH, parseSearchQuery, type SearchParse, type SearchSyntaxError } from './search-query';
import type { Translate } from './i18n/catalogs';
import { englishWords } from './i18n/english';
import { messageTagSchema } from './tag-schema';
import { messageTagLabel } from './tags';

/** Longest rule name. */
export const MAX_RULE_NAME_LENGTH = 100;
/** Longest folder name an action names (the store's bound). */
const MAX_ACTION_FOLDER_LENGTH = 200;

/** What a rule does to the server's copy before anything is downloaded (server rules). */
export const SERVER_RULE_MODES = ['leave', 'headers-only', 'delete'] as const;
/** One of SERVER_RULE_MODES. */
export type ServerRuleMode = (typeof SERVER_RULE_MODES)[number];

const folderSchema = z.string().trim().min(1).max(MAX_ACTION_FOLDER_LENGTH);

/** Longest text of a rule's answer template (a few paragraphs; against abuse). */
export const MAX_ANSWER_TEMPLATE_LENGTH = 10_000;
/** Longest address a forward names (RFC 5321 §4.5.3.1.3's path limit). */
const MAX_FORWARD_ADDRESS_LENGTH = 256;

const templateSchema = z.string().max(MAX_ANSWER_TEMPLATE_LENGTH);
const forwardAddressSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_FORWARD_ADDRESS_LENGTH)
  .refine((address) => checkAddress({ address }).ok, { message: 'address' });

/**
 * One action. A folder is named as the user names it (a role like `trash`, a name or a path) and found
 * in the message's own account, else in Local Folders, when the rule runs.
 */
export const ruleActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('move'), folder: folderSchema }),
  z.strictObject({ kind: z.literal('copy'), folder: folderSchema }),
  z.strictObject({ kind: z.literal('mark-read') }),
  z.strictObject({ kind: z.literal('flag') }),
  /** Puts a colour tag (Important, Work, …) on the message. */
  z.strictObject({ kind: z.literal('tag'), tag: messageTagSchema }),
  z.strictObject({ kind: z.literal('delete') }),
  z.strictObject({ kind: z.literal('junk') }),
  z.strictObject({ kind: z.literal('not-junk') }),
  z.strictObject({ kind: z.literal('server'), mode: z.enum(SERVER_RULE_MODES) }),
  /** Forwards the message (attached whole) to an address, with the template's text above it. */
  z.strictObject({ kind: z.literal('forward'), to: forwardAddressSchema, template: templateSchema }),
  /** Answers the sender with the template's text (never a bounce, list mail or an automatic answer). */
  z.strictObject({ kind: z.literal('reply'), template: templateSchema }),
]);

/** One action of a rule. */
export type RuleAction = z.infer<typeof ruleActionSchema>;

/** A rule to save. `accountId` null: it applies to every account. */
export const ruleInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(MAX_RULE_NAME_LENGTH),
  query: z.string().trim().min(1).max(MAX_SEARCH_QUERY_LENGTH),
  actions: z.array(ruleActionSchema).min(1).max(8),
  stop: z.boolean(),
  accountId: z.string().min(1).max(128).nullable(),
  /** The user confirmed that the rule deletes mail on the server (needed for a `server delete` action). */
  confirmedServerDelete: z.boolean().optional(),
});

/** A rule to save, as checked by ruleInputSchema. */
export type RuleInput = z.infer<typeof ruleInputSchema>;

/** A saved rule, in its place in the order. */
export interface Rule {
  readonly id: number;
  readonly name: string;
  readonly query: string;
  readonly actions: readonly RuleAction[];
  readonly stop: boolean;
  readonly accountId: string | null;
  readonly position: number;
  /** A rule that is off keeps its place in the order but filters nothing. */
  readonly enabled: boolean;
}

/** Whether a rule acts on the server's copy (evaluated before download) rather than on stored mail. */
export function isServerRule(rule: Pick<Rule, 'actions'>): boolean {
  return rule.actions.some((action) => action.kind === 'server');
}

/** An action in a few words, in English, for the command line's default language ("move to Archive"); `map` may pass it directly. */
export function describeRuleAction(action: RuleAction): string {
  return ruleActionWords(englishWords(), action);
}

/** An action in a few words, for lists and previews ("move to Archive"), in the language of `t`. */
export function ruleActionWords(t: Translate, action: RuleAction): string {
  switch (action.kind) {
    case 'move':
      return t('rules.describe.move', { folder: action.folder });
    case 'copy':
      return t('rules.describe.copy', { folder: action.folder });
    case 'mark-read':
      return t('rules.describe.markRead');
    case 'flag':
      return t('rules.describe.flag');
    case 'tag':
      return t('rules.describe.tag', { tag: messageTagLabel(t, action.tag) });
    case 'delete':
      return t('rules.describe.delete');
    case 'junk':
      return t('rules.describe.junk');
    case 'not-junk':
      return t('rules.describe.notJunk');
    case 'forward':
      return t('rules.describe.forward', { address: action.to });
    case 'reply':
      return t('rules.describe.reply');
    case 'server':
      return t(
        action.mode === 'leave'
          ? 'rules.describe.serverLeave'
          : action.mode === 'headers-only'
            ? 'rules.describe.serverHeaders'
            : 'rules.describe.serverDelete',
      );
  }
}

/** A rule's actions in words, "stop" last when later rules do not run ("move to Lists, mark read, stop"). */
export function describeRuleActions(rule: Pick<Rule, 'actions' | 'stop'>, t: Translate = englishWords()): string {
  return [...rule.actions.map((action) => ruleActionWords(t, action)), ...(rule.stop ? [t('rules.describe.stop')] : [])].join(t('rules.listSeparator'));
}

/** The language rule conditions are read in, whatever the user's: a rule's dates and sizes mean the same everywhere. */
const RULE_QUERY_LOCALE = 'en-US';

/** A rule's condition read as search text (always in {@link RULE_QUERY_LOCALE}). */
export function parseRuleCondition(query: string): SearchParse {
  return parseSearchQuery(query, { locale: RULE_QUERY_LOCALE });
}

/**
 * A condition's mistake in the language of `t` ("The condition has a mistake: Missing closing quote at
 * 9."): main refuses the rule with these words in English, the window and the command line say them
 * again in the user's language.
 */
export function conditionMistakeWords(query: string, error: SearchSyntaxError, t: Translate = englishWords()): string {
  return t('rules.conditionMistake', { description: describeSearchSyntaxError(query, error, t) });
}

/** What is wrong with a rule's condition, in the language of `t`, or null when it reads. */
export function ruleConditionMistake(query: string, t: Translate): string | null {
  const parsed = parseRuleCondition(query);
  return parsed.ok ? null : conditionMistakeWords(query, parsed.error, t);
}
