/**
 * The rule editor's form as plain data: the action kinds it offers (client and server actions), a blank
 * or prefilled rule, and the folders a move or copy may name for the rule's account (for a rule of
 * every account, the folder paths its accounts share and the Local Folders).
 */
import type { FolderTreeView } from '../../../shared/folder-ops';
import type { Translate } from '../../../shared/i18n/catalogs';
import type { MessageId } from '../../../shared/i18n/messages-en';
import type { Rule, RuleAction, RuleInput } from '../../../shared/rules';
import type { MessageTag } from '../../../shared/tags';
import { folderTargets, type FolderTarget } from '../../state/folder-tree';
import type { NewRulePrefill, RuleSuggestion } from '../../state/navigation';

/** One choice of the action list: its key and the message that names it (a folder filled in later). */
export const ACTION_CHOICES = [
  { key: 'move', label: 'rules.action.move' },
  { key: 'copy', label: 'rules.action.copy' },
  { key: 'mark-read', label: 'rules.action.markRead' },
  { key: 'flag', label: 'rules.action.flag' },
  { key: 'tag', label: 'rules.action.tag' },
  { key: 'delete', label: 'rules.action.delete' },
  { key: 'junk', label: 'rules.action.junk' },
  { key: 'not-junk', label: 'rules.action.notJunk' },
  { key: 'forward', label: 'rules.action.forward' },
  { key: 'reply', label: 'rules.action.reply' },
  { key: 'server:leave', label: 'rules.action.serverLeave' },
  { key: 'server:headers-only', label: 'rules.action.serverHeaders' },
  { key: 'server:delete', label: 'rules.action.serverDelete' },
] as const satisfies readonly { readonly key: string; readonly label: MessageId }[];

/** The key of one action choice. */
export type ActionKey = (typeof ACTION_CHOICES)[number]['key'];

/** An action as the form holds it: a folder, address or template may still be empty while the user writes it. */
export interface ActionDraft {
  readonly key: ActionKey;
  readonly folder: string;
  /** The colour tag a tag action puts on (Important when not chosen). */
  readonly tag?: MessageTag;
  /** The address a forward goes to. */
  readonly address?: string;
  /** The text of a forward or reply; `{sender}`, `{subject}` and `{date}` are filled in. */
  readonly template?: string;
}

/** The rule being edited. */
export interface RuleDraft {
  readonly id?: number;
  readonly name: string;
  readonly query: string;
  readonly accountId: string | null;
  readonly actions: readonly ActionDraft[];
  readonly stop: boolean;
  readonly confirmedServerDelete: boolean;
  /** Conditions the message a rule is created from suggests, to choose among. */
  readonly suggestions?: readonly RuleSuggestion[];
}

/** A new rule: optionally with a condition and account (from "Create rule from this message"). */
export function blankRule(prefill: Partial<NewRulePrefill> = {}): RuleDraft {
  return {
    ...(prefill.suggestions === undefined ? {} : { suggestions: prefill.suggestions }),
    name: prefill.name ?? '',
    query: prefill.query ?? '',
    accountId: prefill.accountId ?? null,
    actions: [{ key: 'move', folder: '' }],
    stop: false,
    confirmedServerDelete: false,
  };
}

/** The form's key of a saved action. */
function keyOf(action: RuleAction): ActionKey {
  return action.kind === 'server' ? `server:${action.mode}` : action.kind;
}

/** A saved rule, for editing. */
export function draftOf(rule: Rule): RuleDraft {
  return {
    id: rule.id,
    name: rule.name,
    query: rule.query,
    accountId: rule.accountId,
    actions: rule.actions.map((action) => ({
      key: keyOf(action),
      folder: action.kind === 'move' || action.kind === 'copy' ? action.folder : '',
      ...(action.kind === 'forward' ? { address: action.to } : {}),
      ...(action.kind === 'tag' ? { tag: action.tag } : {}),
      ...(action.kind === 'forward' || action.kind === 'reply' ? { template: action.template } : {}),
    })),
    stop: rule.stop,
    confirmedServerDelete: rule.actions.some((action) => action.kind === 'server' && action.mode === 'delete'),
  };
}

/** The action a form row makes. */
function actionOf(draft: ActionDraft): RuleAction {
  switch (draft.key) {
    case 'move':
    case 'copy':
      return { kind: draft.key, folder: draft.folder };
    case 'server:leave':
      return { kind: 'server', mode: 'leave' };
    case 'server:headers-only':
      return { kind: 'server', mode: 'headers-only' };
    case 'server:delete':
      return { kind: 'server', mode: 'delete' };
    case 'forward':
      return { kind: 'forward', to: (draft.address ?? '').trim(), template: draft.template ?? '' };
    case 'reply':
      return { kind: 'reply', template: draft.template ?? '' };
    case 'tag':
      return { kind: 'tag', tag: draft.tag ?? 'important' };
    default:
      return { kind: draft.key };
  }
}

/** Whether the rule deletes mail on the server (the editor asks for an explicit confirmation). */
export function deletesOnServer(draft: RuleDraft): boolean {
  return draft.actions.some((action) => action.key === 'server:delete');
}

/** The form as the rule to save; main checks it again (condition, account, confirmation). */
export function ruleInputOf(draft: RuleDraft): RuleInput {
  return {
    name: draft.name.trim(),
    query: draft.query.trim(),
    accountId: draft.accountId,
    actions: draft.actions.map(actionOf),
    stop: draft.stop,
    ...(deletesOnServer(draft) ? { confirmedServerDelete: draft.confirmedServerDelete } : {}),
  };
}

/** What still keeps the form from being saved, as the message that says it; null when it may be sent. */
export function missingInForm(draft: RuleDraft): MessageId | null {
  if (draft.name.trim() === '') return 'rules.needName';
  if (draft.query.trim() === '') return 'rules.needQuery';
  if (draft.actions.length === 0) return 'rules.needAction';
  const server = draft.actions.filter((action) => action.key.startsWith('server:')).length;
  if (server > 0 && server < draft.actions.length) return 'rules.serverAlone';
  if (draft.actions.some((action) => (action.key === 'move' || action.key === 'copy') && action.folder === '')) return 'rules.needFolder';
  if (draft.actions.some((action) => action.key === 'forward' && (action.address ?? '').trim() === '')) return 'rules.needAddress';
  if (draft.actions.some((action) => action.key === 'reply' && (action.template ?? '').trim() === '')) return 'rules.needReplyText';
  if (deletesOnServer(draft) && !draft.confirmedServerDelete) return 'rules.needConfirm';
  return null;
}

/**
 * The folders a move or copy of this rule may name: those of its account and the Local Folders; for a
 * rule of every account, each account's folder paths once (found in each account when the rule runs).
 */
export function ruleFolderTargets(view: FolderTreeView, accountId: string | null, t: Translate): FolderTarget[] {
  const accounts = accountId === null ? view.accounts.map((entry) => entry.accountId) : [accountId];
  const seen = new Set<string>();
  const targets: FolderTarget[] = [];
  for (const account of accounts) {
    for (const target of folderTargets(view, new Set([account]), null, t)) {
      if (seen.has(target.path.toLowerCase())) continue;
      seen.add(target.path.toLowerCase());
      targets.push(target);
    }
  }
  if (accounts.length === 0) targets.push(...folderTargets(view, new Set([null]), null, t));
  return targets;
}

/**
 * A rule's folder (kept as the user or `mailbag` named it: a stored path, or a role like `trash`) as
 * the window words it: the folder it finds among the rule's targets, a built-in one by its role; the
 * text as it is when none matches.
 */
export function ruleFolderLabel(view: FolderTreeView | null, accountId: string | null, folder: string, t: Translate): string {
  if (view === null) return folder;
  const wanted = folder.trim().toLowerCase();
  const targets = ruleFolderTargets(view, accountId, t);
  const found = targets.find((target) => target.path.toLowerCase() === wanted) ?? targets.find((target) => target.folder.role === wanted);
  return found === undefined ? folder : found.label;
}

/** An action of a rule of `accountId` with its folder (if any) as the window words it, to describe it in the window's language. */
export function actionInWindowWords(action: RuleAction, view: FolderTreeView | null, accountId: string | null, t: Translate): RuleAction {
  return action.kind === 'move' || action.kind === 'copy' ? { ...action, folder: ruleFolderLabel(view, accountId, action.folder, t) } : action;
}

/** A rule with each folder of its moves and copies as the window words it. */
export function ruleInWindowWords(rule: Rule, view: FolderTreeView | null, t: Translate): Rule {
  return { ...rule, actions: rule.actions.map((action) => actionInWindowWords(action, view, rule.accountId, t)) };
}
