import { useState } from 'react';
import type { Account } from '../../../shared/accounts';
import type { FolderTreeView } from '../../../shared/folder-ops';
import { ANSWER_TEMPLATE_PLACEHOLDERS } from '../../../shared/mail/automatic-mail';
import { MAX_ANSWER_TEMPLATE_LENGTH } from '../../../shared/rules';
import { findMessageTag, MESSAGE_TAGS } from '../../../shared/tags';
import { bridge } from '../../bridge';
import { Dialog } from '../../components/dialog';
import { MoveDialog } from '../mail/move-dialog';
import { suggestedQuery } from './rule-from-message';
import { ACTION_CHOICES, deletesOnServer, missingInForm, ruleFolderTargets, ruleInputOf, type ActionDraft, type ActionKey, type RuleDraft } from './rule-form';

/** Most actions one rule may have (the store's bound). */
const MAX_ACTIONS = 8;

function isActionKey(value: string): value is ActionKey {
  return ACTION_CHOICES.some((choice) => choice.key === value);
}

/**
 * The rule editor: a name, the account it is for (or all), the condition as search text with "Try as
 * search" (how many stored messages it matches), the actions from a list (a move or copy chooses its
 * folder with the folder picker, a forward its address, a forward or reply its template text), and
 * "stop processing more rules". A rule that deletes on the server
 * is saved only after its own confirmation is ticked.
 */
export function RuleEditor(props: {
  readonly draft: RuleDraft;
  readonly accounts: readonly Account[];
  readonly tree: FolderTreeView;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const [draft, setDraft] = useState<RuleDraft>(props.draft);
  const [tried, setTried] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [picking, setPicking] = useState<number | null>(null);
  const change = (patch: Partial<RuleDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const changeAction = (index: number, patch: Partial<ActionDraft>) =>
    setDraft((current) => ({ ...current, actions: current.actions.map((action, position) => (position === index ? { ...action, ...patch } : action)) }));

  const tryAsSearch = async () => {
    setTried(null);
    setError(null);
    const result = await bridge.countRuleMatches(draft.query, draft.accountId);
    if (!result.ok) setError(result.error.message);
    else setTried(`${result.value.count} message${result.value.count === 1 ? '' : 's'} match${result.value.count === 1 ? 'es' : ''} now.`);
  };
  const save = async () => {
    const missing = missingInForm(draft);
    if (missing !== null) {
      setError(missing);
      return;
    }
    setBusy(true);
    const result = await bridge.saveRule(draft.id === undefined ? { rule: ruleInputOf(draft) } : { id: draft.id, rule: ruleInputOf(draft) });
    setBusy(false);
    if (result.ok) props.onSaved();
    else setError(result.error.message);
  };
  const picked = picking === null ? undefined : draft.actions[picking];

  return (
    <Dialog title={draft.id === undefined ? 'New rule' : `Edit rule “${props.draft.name}”`} onClose={props.onClose} className="rule-editor">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label className="field">
          Name <input type="text" value={draft.name} maxLength={100} onChange={(event) => change({ name: event.target.value })} />
        </label>
        <label className="field">
          For{' '}
          <select value={draft.accountId ?? ''} onChange={(event) => change({ accountId: event.target.value === '' ? null : event.target.value })}>
            <option value="">All accounts</option>
            {props.accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
          </select>
        </label>
        {draft.suggestions !== undefined && draft.suggestions.length > 0 && (
          <fieldset className="rule-suggestions">
            <legend>From this message</legend>
            {draft.suggestions.map((suggestion, index) => (
              <label key={suggestion.query} className="checkbox">
                <input
                  type="checkbox"
                  checked={suggestion.chosen}
                  onChange={(event) => {
                    const suggestions = (draft.suggestions ?? []).map((each, position) =>
                      position === index ? { ...each, chosen: event.target.checked } : each,
                    );
                    change({ suggestions, query: suggestedQuery(suggestions) });
                    setTried(null);
                  }}
                />{' '}
                <bdi>{suggestion.label}</bdi>
              </label>
            ))}
          </fieldset>
        )}
        <div className="rule-condition">
          <label className="field">
            When (a search){' '}
            <input
              type="text"
              value={draft.query}
              placeholder="from:news@example.com subject:offer"
              dir="auto"
              onChange={(event) => {
                change({ query: event.target.value });
                setTried(null);
              }}
            />
          </label>
          <button type="button" onClick={() => void tryAsSearch()} disabled={draft.query.trim() === ''}>
            Try as search
          </button>
          <span role="status" className="rule-tried">
            {tried}
          </span>
        </div>
        <fieldset className="rule-actions">
          <legend>Then</legend>
          {draft.actions.map((action, index) => (
            <div key={index} className="rule-action">
              <select
                aria-label={`Action ${index + 1}`}
                value={action.key}
                onChange={(event) => {
                  if (isActionKey(event.target.value)) changeAction(index, { key: event.target.value });
                }}
              >
                {ACTION_CHOICES.map((choice) => (
                  <option key={choice.key} value={choice.key}>
                    {choice.label}
                  </option>
                ))}
              </select>
              {(action.key === 'move' || action.key === 'copy') && (
                <button
                  type="button"
                  aria-label={`${action.folder === '' ? 'Choose folder…' : action.folder}, folder of action ${index + 1}`}
                  onClick={() => setPicking(index)}
                >
                  {action.folder === '' ? 'Choose folder…' : <bdi>{action.folder}</bdi>}
                </button>
              )}
              {action.key === 'tag' && (
                <select
                  aria-label={`Tag of action ${index + 1}`}
                  value={action.tag ?? 'important'}
                  onChange={(event) => changeAction(index, { tag: findMessageTag(event.target.value) ?? 'important' })}
                >
                  {MESSAGE_TAGS.map((tag) => (
                    <option key={tag.key} value={tag.key}>
                      {tag.label}
                    </option>
                  ))}
                </select>
              )}
              {action.key === 'forward' && (
                <input
                  type="email"
                  aria-label={`Address to forward to, action ${index + 1}`}
                  placeholder="someone@example.com"
                  value={action.address ?? ''}
                  maxLength={256}
                  onChange={(event) => changeAction(index, { address: event.target.value })}
                />
              )}
              {(action.key === 'forward' || action.key === 'reply') && (
                <label className="field rule-template">
                  {action.key === 'reply' ? 'Reply text' : 'Text above the forwarded message'}{' '}
                  <textarea
                    aria-describedby={`rule-template-help-${index}`}
                    value={action.template ?? ''}
                    rows={4}
                    maxLength={MAX_ANSWER_TEMPLATE_LENGTH}
                    dir="auto"
                    onChange={(event) => changeAction(index, { template: event.target.value })}
                  />
                  <small id={`rule-template-help-${index}`}>
                    {ANSWER_TEMPLATE_PLACEHOLDERS.join(', ')} are filled in. Sent through the Outbox once per message, never to a bounce, list mail or an
                    automatic answer.
                  </small>
                </label>
              )}
              <button
                type="button"
                aria-label={`Remove action ${index + 1}`}
                title="Remove this action"
                disabled={draft.actions.length === 1}
                onClick={() => change({ actions: draft.actions.filter((_, position) => position !== index) })}
              >
                ×
              </button>
            </div>
          ))}
          <button
            type="button"
            disabled={draft.actions.length >= MAX_ACTIONS}
            onClick={() => change({ actions: [...draft.actions, { key: 'mark-read', folder: '' }] })}
          >
            Add action
          </button>
          <label className="checkbox">
            <input type="checkbox" checked={draft.stop} onChange={(event) => change({ stop: event.target.checked })} /> Stop processing more rules
          </label>
          {deletesOnServer(draft) && (
            <label className="checkbox rule-server-delete">
              <input type="checkbox" checked={draft.confirmedServerDelete} onChange={(event) => change({ confirmedServerDelete: event.target.checked })} /> I
              understand: matching mail is deleted on the server without ever being downloaded, and cannot be brought back
            </label>
          )}
        </fieldset>
        {error !== null && (
          <p role="alert" className="settings-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Save rule
          </button>
        </div>
      </form>
      {picking !== null && picked !== undefined && (
        <MoveDialog
          count={1}
          copy={picked.key === 'copy'}
          targets={ruleFolderTargets(props.tree, draft.accountId)}
          onCancel={() => setPicking(null)}
          onChoose={(target) => {
            changeAction(picking, { folder: target.path });
            setPicking(null);
          }}
        />
      )}
    </Dialog>
  );
}
