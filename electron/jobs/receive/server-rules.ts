/**
 * Server rules in a receive session: before anything new is downloaded, the header section of each new
 * message (`TOP n 0`, RFC 1939 §7) and its LIST size are checked against the server rules, in order,
 * the first match deciding: leave it on the server and do not download it, download its headers only,
 * or delete it from the server without downloading it (through the session's deletions, so DELE
 * follows the journal row and the audit log records the rule's name after QUIT). Messages already
 * stored here are never touched: only what the plan would download for the first time is asked about.
 */
import type { Pop3Session } from '../../protocols/pop3';
import { readHeaderSections } from '../../protocols/pop3/header-sink';
import type { SqliteDatabase } from '../../storage/database';
import { headerColumns } from '../../storage/header-columns';
import { markKeptOnServer, ruleDeletionReason } from '../../storage/pop-journal';
import { listRules } from '../../storage/rules';
import { serverRuleMatches } from '../../storage/server-rule-match';
import { isServerRule, type Rule, type ServerRuleMode } from '../../../shared/rules';
import { parseSearchQuery, type SearchNode } from '../../../shared/search-query';
import type { FetchItem, ReceivePlan } from './receive-plan';
import type { SessionDeletions } from './server-deletions';

/** Bytes of a header section read for server rules (the rest of a hostile header block is ignored). */
export const MAX_RULE_HEADER_BYTES = 64 * 1024;
/** The journal reason of a message a server rule leaves on the server. */
const LEFT_BY_RULE = 'left-by-rule';

/** What the server rules did in a session, by mode. */
export type ServerRuleCounts = Readonly<Record<ServerRuleMode, number>>;

/** A server rule ready to be asked of a message. */
export interface ServerRule {
  readonly rule: Rule;
  readonly query: SearchNode;
  readonly mode: ServerRuleMode;
}

/** The server rules that are on for an account, in order, with their parsed conditions. */
export function serverRulesFor(database: SqliteDatabase, accountId: string): ServerRule[] {
  return listRules(database).flatMap((rule) => {
    if (!rule.enabled || !isServerRule(rule) || (rule.accountId !== null && rule.accountId !== accountId)) return [];
    const parsed = parseSearchQuery(rule.query, { locale: 'en-US' });
    const action = rule.actions.find((candidate) => candidate.kind === 'server');
    if (!parsed.ok || parsed.query === null || action?.kind !== 'server') return [];
    return [{ rule, query: parsed.query, mode: action.mode }];
  });
}

/**
 * The plan with the server rules applied to its new messages: left ones recorded as kept on the server
 * and left out, headers-only ones fetched with `TOP n 0`, deleted ones queued for deletion. Without
 * server rules for the account, the plan is returned as it is and the server is not asked anything.
 */
export async function applyServerRules(
  session: Pop3Session,
  database: SqliteDatabase,
  accountId: string,
  plan: ReceivePlan,
  deletions: SessionDeletions,
  now: number,
): Promise<{ plan: ReceivePlan; counts: ServerRuleCounts }> {
  const counts = { leave: 0, 'headers-only': 0, delete: 0 };
  const rules = serverRulesFor(database, accountId);
  const fresh = plan.fetch.filter((item) => (item.kind === 'full' || item.kind === 'headers') && item.sharedUidl !== true);
  if (rules.length === 0 || fresh.length === 0) return { plan, counts };
  const { headers } = await readHeaderSections(
    session,
    fresh.map((item) => item.number),
    MAX_RULE_HEADER_BYTES,
  );
  const decided = new Map<number, ServerRule>();
  for (const item of fresh) {
    const section = headers.get(item.number);
    if (section === undefined || section.byteLength === 0) continue;
    const facts = { headers: section.toString('utf8'), columns: await headerColumns(section), size: item.size };
    const match = rules.find((candidate) => serverRuleMatches(candidate.query, facts));
    if (match !== undefined) decided.set(item.number, match);
  }
  if (decided.size === 0) return { plan, counts };
  const fetch: FetchItem[] = [];
  const left: Array<{ uidl: string; size?: number }> = [];
  const doomed = new Map<string, Array<{ number: number; uidl: string; size: number | null }>>();
  for (const item of plan.fetch) {
    const rule = decided.get(item.number);
    if (rule === undefined) {
      fetch.push(item);
      continue;
    }
    counts[rule.mode] += 1;
    switch (rule.mode) {
      case 'leave':
        left.push({ uidl: item.uidl, ...(item.size === null ? {} : { size: item.size }) });
        break;
      case 'headers-only':
        fetch.push({ ...item, kind: 'headers', topLines: 0 });
        break;
      case 'delete':
        doomed.set(rule.rule.name, [...(doomed.get(rule.rule.name) ?? []), { number: item.number, uidl: item.uidl, size: item.size }]);
        break;
    }
  }
  if (left.length > 0) markKeptOnServer(database, accountId, left, LEFT_BY_RULE, now);
  for (const [name, items] of doomed) deletions.queueRequested(items, ruleDeletionReason(name));
  return { plan: { ...plan, fetch }, counts };
}
