/**
 * The rule editor's operations, wired to the same storage functions `mailbag rules` uses: saving checks
 * a rule as `rules add` does (its condition, its account, the confirmation of a server delete), trying
 * a condition counts what it matches, and running a rule on a folder previews or acts with the engine
 * that filters new mail. A run that changed mail is announced with mailChanged so open windows refresh.
 */
import { wordedError } from '../../shared/error-words';
import type { ErrorWords } from '../../shared/errors';
import { joinRuleProblems, type RuleProblems, type RuleRunAction } from '../../shared/rule-ops';
import type { RuleInput } from '../../shared/rules';
import type { Handlers } from '../ipc/registry';
import type { EventHub } from '../services/events';
import type { SqliteDatabase } from '../storage/database';
import { foldersNamedSql } from '../storage/folder-tree';
import type { MessageStore } from '../storage/message-store';
import { countConditionMatches, runRuleOnFolder, type RuleApplication } from '../storage/rule-engine';
import { addRule, assertRuleQuery, getRule, listRules, moveRule, removeRuleById, setRuleEnabled, updateRule } from '../storage/rules';

/** The rule operations of the contract. */
export type RuleHandlers = Pick<Handlers, 'listRules' | 'saveRule' | 'removeRule' | 'setRuleEnabled' | 'moveRule' | 'countRuleMatches' | 'runRuleOnFolder'>;

/** What the rule operations need. */
export interface RuleHandlerOptions {
  readonly store: MessageStore;
  readonly events: EventHub;
  /** Word conditions read the full-text index: mail not indexed yet is indexed first. */
  readonly indexPending: () => Promise<void>;
  /** Sends the answers a run recorded (core.sendRuleAnswers). */
  readonly sendRuleAnswers?: () => Promise<RuleProblems>;
}

function counted(applied: readonly RuleApplication[]): RuleRunAction[] {
  return applied.map((entry) => ({ action: entry.action, count: entry.messageIds.length }));
}

/**
 * Refuses a rule whose move or copy names a folder it could never reach: the engine looks in the
 * message's account, else in Local Folders, so the folder must be there (in any account, for a rule
 * of every account). Otherwise every run would only report the missing folder.
 */
function assertActionFolders(database: SqliteDatabase, rule: RuleInput): void {
  for (const action of rule.actions) {
    if (action.kind !== 'move' && action.kind !== 'copy') continue;
    const named = foldersNamedSql(action.folder);
    const owners = database
      .prepare<string[], string | null>('select account_id from folders where id in (' + named.sql + ')')
      .pluck()
      .all(...named.parameters);
    if (owners.some((owner) => rule.accountId === null || owner === null || owner === rule.accountId)) continue;
    // The folder rides along as the detail too, for the rule editor's own sentence.
    const words: ErrorWords = {
      id: 'rules.folderMissing',
      values: { folder: action.folder, kind: action.kind, scope: rule.accountId === null ? 'every' : 'account' },
    };
    throw wordedError('FOLDER_NOT_FOUND', words, { detail: action.folder });
  }
}

/** Builds the rule operations. */
export function createRuleHandlers(options: RuleHandlerOptions): RuleHandlers {
  const { store, events } = options;
  const database = store.database;
  return {
    listRules: () => listRules(database),
    saveRule: ({ id, rule }) => {
      assertActionFolders(database, rule);
      return id === undefined ? addRule(database, rule) : updateRule(database, id, rule);
    },
    removeRule: ({ id }) => {
      removeRuleById(database, id);
      return { removed: 1 };
    },
    setRuleEnabled: ({ id, enabled }) => setRuleEnabled(database, id, enabled),
    moveRule: ({ id, direction }) => moveRule(database, id, direction),
    countRuleMatches: async ({ query, accountId }) => {
      assertRuleQuery(query);
      await options.indexPending();
      return { count: await countConditionMatches(store, query, accountId) };
    },
    runRuleOnFolder: async ({ id, folderId, dryRun }) => {
      const rule = getRule(database, id);
      const messages = database.prepare<[number], number>('select count(*) from messages where folder_id = ?').pluck().get(folderId) ?? 0;
      await options.indexPending();
      const report = await runRuleOnFolder(store, rule, folderId, { dryRun });
      const answers: RuleProblems = dryRun || options.sendRuleAnswers === undefined ? { problems: [] } : await options.sendRuleAnswers();
      const touched = [...new Set(report.applied.flatMap((entry) => entry.messageIds))];
      if (!dryRun && touched.length > 0) {
        const places = database
          .prepare<[string], { folder_id: number; account_id: string | null }>(
            'select distinct folder_id, account_id from messages where id in (select value from json_each(?))',
          )
          .all(JSON.stringify(touched));
        events.emit('mailChanged', {
          accountIds: [...new Set(places.flatMap((place) => (place.account_id === null ? [] : [place.account_id])))],
          folderIds: [...new Set([folderId, ...places.map((place) => place.folder_id)])],
          messageIds: touched,
        });
      }
      const { problems, problemWords = [] } = joinRuleProblems(report, answers);
      return { dryRun, messages, applied: counted(report.applied), problems, problemWords };
    },
  };
}
