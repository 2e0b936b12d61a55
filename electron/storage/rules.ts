/**
 * The saved rules: one ordered list, each rule global or for one account. A rule's condition is checked
 * with the search parser when saved (a rule that cannot run is refused then, not when mail arrives), and
 * a rule that deletes mail on the server is saved only with the user's explicit confirmation.
 */
import { MailbagError } from '../../shared/errors';
import { isServerRule, ruleActionSchema, ruleInputSchema, type Rule, type RuleAction, type RuleInput } from '../../shared/rules';
import { describeSearchSyntaxError, parseSearchQuery } from '../../shared/search-query';
import { z } from 'zod';
import type { SqliteDatabase } from './database';
import { assertPatternsValid } from './rule-functions';
import { assertServerRuleQuery } from './server-rule-match';

interface RuleRow {
  id: number;
  name: string;
  query: string;
  actions: string;
  stop: number;
  account_id: string | null;
  position: number;
}

const storedActions = z.array(ruleActionSchema);

function ruleOf(row: RuleRow): Rule {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    actions: storedActions.parse(JSON.parse(row.actions)),
    stop: row.stop === 1,
    accountId: row.account_id,
    position: row.position,
  };
}

/** Every rule in the order they run. */
export function listRules(database: SqliteDatabase): Rule[] {
  return database.prepare<[], RuleRow>('select id, name, query, actions, stop, account_id, position from rules order by position, id').all().map(ruleOf);
}

/** The rule of this name (names are unique, compared without case). */
export function findRule(database: SqliteDatabase, name: string): Rule {
  const row = database
    .prepare<[string], RuleRow>('select id, name, query, actions, stop, account_id, position from rules where name = ? collate nocase')
    .get(name.trim());
  if (row === undefined) throw new MailbagError('NOT_FOUND', `There is no rule named “${name}”.`);
  return ruleOf(row);
}

/** Refuses a condition the search language cannot read, saying where the mistake is (and, for a server rule, what it may use). */
export function assertRuleQuery(query: string, server = false): void {
  const parsed = parseSearchQuery(query, { locale: 'en-US' });
  if (!parsed.ok) throw new MailbagError('VALIDATION', `The condition has a mistake: ${describeSearchSyntaxError(query, parsed.error)}.`);
  if (parsed.query === null) throw new MailbagError('VALIDATION', 'The condition has nothing to look for.');
  assertPatternsValid(parsed.query);
  if (server) assertServerRuleQuery(parsed.query);
}

/** Refuses a server rule that the server could not decide on from headers and size alone, or one that deletes unconfirmed. */
function assertServerRule(input: RuleInput, actions: readonly RuleAction[]): void {
  const server = actions.filter((action) => action.kind === 'server');
  if (server.length === 0) return;
  if (server.length !== actions.length) throw new MailbagError('VALIDATION', 'A server rule cannot also act on downloaded mail: make two rules.');
  if (server.some((action) => action.mode === 'delete') && input.confirmedServerDelete !== true) {
    throw new MailbagError('VALIDATION', 'A rule that deletes mail on the server without downloading it needs your confirmation.');
  }
}

/** Saves a new rule at the end of the list and returns it. */
export function addRule(database: SqliteDatabase, input: RuleInput, now = Date.now()): Rule {
  const checked = ruleInputSchema.parse(input);
  assertServerRule(checked, checked.actions);
  assertRuleQuery(checked.query, isServerRule(checked));
  if (checked.accountId !== null && database.prepare('select 1 from accounts where id = ?').get(checked.accountId) === undefined) {
    throw new MailbagError('NOT_FOUND', 'There is no such account.');
  }
  return database
    .transaction(() => {
      if (database.prepare('select 1 from rules where name = ? collate nocase').get(checked.name) !== undefined) {
        throw new MailbagError('VALIDATION', `There is already a rule named “${checked.name}”.`);
      }
      const position = (database.prepare<[], number>('select coalesce(max(position), 0) + 1 from rules').pluck().get() ?? 1) as number;
      database
        .prepare('insert into rules (account_id, position, name, query, actions, stop, created_at) values (?, ?, ?, ?, ?, ?, ?)')
        .run(checked.accountId, position, checked.name, checked.query, JSON.stringify(checked.actions), checked.stop ? 1 : 0, now);
      return findRule(database, checked.name);
    })
    .immediate();
}

/** Removes a rule by name. */
export function removeRule(database: SqliteDatabase, name: string): void {
  const rule = findRule(database, name);
  database.prepare('delete from rules where id = ?').run(rule.id);
}
