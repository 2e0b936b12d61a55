/**
 * The saved rules: one ordered list, each rule global or for one account. A rule's condition is checked
 * with the search parser when saved (a rule that cannot run is refused then, not when mail arrives), and
 * a rule that deletes mail on the server is saved only with the user's explicit confirmation.
 */
import { wordedError } from '../../shared/error-words';
import { MailbagError } from '../../shared/errors';
import {
  isServerRule,
  conditionMistakeWords,
  parseRuleCondition,
  ruleActionSchema,
  ruleInputSchema,
  type Rule,
  type RuleAction,
  type RuleInput,
} from '../../shared/rules';
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
  enabled: number;
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
    enabled: row.enabled === 1,
  };
}

/** The columns of a rule. */
const RULE_SELECT = 'select id, name, query, actions, stop, account_id, position, enabled from rules';

/** Every rule in the order they run. */
export function listRules(database: SqliteDatabase): Rule[] {
  return database.prepare<[], RuleRow>(`${RULE_SELECT} order by position, id`).all().map(ruleOf);
}

/** The rule of this name (names are unique, compared without case). */
export function findRule(database: SqliteDatabase, name: string): Rule {
  const row = database.prepare<[string], RuleRow>(`${RULE_SELECT} where name = ? collate nocase`).get(name.trim());
  if (row === undefined) throw wordedError('NOT_FOUND', { id: 'refusal.ruleNotFound', values: { name } });
  return ruleOf(row);
}

/** Refuses a condition the search language cannot read, saying where the mistake is (and, for a server rule, what it may use). */
export function assertRuleQuery(query: string, server = false): void {
  const parsed = parseRuleCondition(query);
  if (!parsed.ok) throw new MailbagError('VALIDATION', conditionMistakeWords(query, parsed.error));
  if (parsed.query === null) throw wordedError('VALIDATION', { id: 'refusal.ruleNothingToLookFor' });
  assertPatternsValid(parsed.query);
  if (server) assertServerRuleQuery(parsed.query);
}

/** Refuses a server rule that the server could not decide on from headers and size alone, or one that deletes unconfirmed. */
function assertServerRule(input: RuleInput, actions: readonly RuleAction[]): void {
  const server = actions.filter((action) => action.kind === 'server');
  if (server.length === 0) return;
  if (server.length !== actions.length) throw wordedError('VALIDATION', { id: 'rules.serverAlone' });
  if (server.some((action) => action.mode === 'delete') && input.confirmedServerDelete !== true) {
    throw wordedError('VALIDATION', { id: 'refusal.ruleServerDeleteUnconfirmed' });
  }
}

/** Checks a rule to save as addRule and updateRule both do. */
function checkedInput(database: SqliteDatabase, input: RuleInput): RuleInput {
  const parsed = ruleInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? 'rule';
    throw wordedError('VALIDATION', field.endsWith('.to') ? { id: 'refusal.ruleForwardAddress' } : { id: 'refusal.ruleFieldInvalid', values: { field } });
  }
  const checked = parsed.data;
  assertServerRule(checked, checked.actions);
  assertRuleQuery(checked.query, isServerRule(checked));
  if (checked.accountId !== null && database.prepare('select 1 from accounts where id = ?').get(checked.accountId) === undefined) {
    throw wordedError('NOT_FOUND', { id: 'refusal.ruleNoAccount' });
  }
  return checked;
}

function assertNameFree(database: SqliteDatabase, name: string, except: number | null): void {
  if (database.prepare('select 1 from rules where name = ? collate nocase and id is not ?').get(name, except) !== undefined) {
    throw wordedError('VALIDATION', { id: 'refusal.ruleNameTaken', values: { name } });
  }
}

/** The rule with this id. */
export function getRule(database: SqliteDatabase, id: number): Rule {
  const row = database.prepare<[number], RuleRow>(`${RULE_SELECT} where id = ?`).get(id);
  if (row === undefined) throw wordedError('NOT_FOUND', { id: 'refusal.ruleGone' });
  return ruleOf(row);
}

/** Saves a new rule at the end of the list and returns it. */
export function addRule(database: SqliteDatabase, input: RuleInput, now = Date.now()): Rule {
  const checked = checkedInput(database, input);
  return database
    .transaction(() => {
      assertNameFree(database, checked.name, null);
      const position = (database.prepare<[], number>('select coalesce(max(position), 0) + 1 from rules').pluck().get() ?? 1) as number;
      database
        .prepare('insert into rules (account_id, position, name, query, actions, stop, created_at) values (?, ?, ?, ?, ?, ?, ?)')
        .run(checked.accountId, position, checked.name, checked.query, JSON.stringify(checked.actions), checked.stop ? 1 : 0, now);
      return findRule(database, checked.name);
    })
    .immediate();
}

/** Changes a saved rule in its place in the order (checked as a new one is). */
export function updateRule(database: SqliteDatabase, id: number, input: RuleInput): Rule {
  const checked = checkedInput(database, input);
  return database
    .transaction(() => {
      getRule(database, id);
      assertNameFree(database, checked.name, id);
      database
        .prepare('update rules set account_id = ?, name = ?, query = ?, actions = ?, stop = ? where id = ?')
        .run(checked.accountId, checked.name, checked.query, JSON.stringify(checked.actions), checked.stop ? 1 : 0, id);
      return getRule(database, id);
    })
    .immediate();
}

/** Switches a rule on or off; a rule that is off keeps its place but filters nothing. */
export function setRuleEnabled(database: SqliteDatabase, id: number, enabled: boolean): Rule {
  getRule(database, id);
  database.prepare('update rules set enabled = ? where id = ?').run(enabled ? 1 : 0, id);
  return getRule(database, id);
}

/** Moves a rule one place earlier or later in the order rules run in (at either end it stays). */
export function moveRule(database: SqliteDatabase, id: number, direction: 'up' | 'down'): Rule[] {
  database
    .transaction(() => {
      const rules = listRules(database);
      const index = rules.findIndex((rule) => rule.id === id);
      if (index < 0) throw wordedError('NOT_FOUND', { id: 'refusal.ruleGone' });
      const other = direction === 'up' ? index - 1 : index + 1;
      if (other < 0 || other >= rules.length) return;
      const order = rules.map((rule) => rule.id);
      [order[index], order[other]] = [order[other] ?? id, order[index] ?? id];
      const place = database.prepare('update rules set position = ? where id = ?');
      order.forEach((ruleId, position) => place.run(position + 1, ruleId));
    })
    .immediate();
  return listRules(database);
}

/** Removes a rule by id. */
export function removeRuleById(database: SqliteDatabase, id: number): void {
  getRule(database, id);
  database.prepare('delete from rules where id = ?').run(id);
}

/** Removes a rule by name. */
export function removeRule(database: SqliteDatabase, name: string): void {
  const rule = findRule(database, name);
  database.prepare('delete from rules where id = ?').run(rule.id);
}
