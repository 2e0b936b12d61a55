import { useState } from 'react';
import type { Account } from '../../../shared/accounts';
import type { FolderTreeView } from '../../../shared/folder-ops';
import { ANSWER_TEMPLATE_PLACEHOLDERS } from '../../../shared/mail/automatic-mail';
import { MAX_ANSWER_TEMPLATE_LENGTH, ruleConditionMistake } from '../../../shared/rules';
import type { ErrorData } from '../../../shared/errors';
import { errorMessageIn } from '../../../shared/error-words';
import type { Translate } from '../../../shared/i18n/catalogs';
import { findMessageTag, MESSAGE_TAGS, messageTagLabel } from '../../../shared/tags';
import { bridge } from '../../bridge';
import { Dialog } from '../../components/dialog';
import { SYMBOLS } from '../../components/symbols';
import { useT } from '../../state/locale';
import type { RuleSuggestion } from '../../state/navigation';
import { MoveDialog } from '../mail/move-dialog';
import { errorWords } from './error-words';
import { suggestedQuery } from './rule-from-message';
import {
  ACTION_CHOICES,
  deletesOnServer,
  missingInForm,
  ruleFolderLabel,
  ruleFolderTargets,
  ruleInputOf,
  type ActionDraft,
  type ActionKey,
  type RuleDraft,
} from './rule-form';

/** The condition box's example (search language, the same in every language). */
const EXAMPLE_CONDITION = 'from:news@example.com subject:offer';
/** The forward address box's example. */
const EXAMPLE_ADDRESS = 'someone@example.com';
/** The mark of the button that removes an action (its name says it in words). */
const REMOVE_MARK = '×';

/** Most actions one rule may have (the store's bound). */
const MAX_ACTIONS = 8;

/** A condition a message suggested, in the editor's language ("From ann@example.com"). */
function suggestionWords(t: Translate, suggestion: RuleSuggestion): string {
  switch (suggestion.kind) {
    case 'from':
      return t('rules.suggestFrom', { address: suggestion.value });
    case 'subject':
      return t('rules.suggestSubject', { subject: suggestion.value });
    case 'list':
      return t('rules.suggestList', { list: suggestion.value });
  }
}

/**
 * Why main refused a condition, in the editor's language: its mistake as the search parser words it
 * (main reads the same text the same way), else main's own sentence in the window's language.
 */
function conditionProblem(t: Translate, error: ErrorData, query: string): string {
  if (error.code !== 'VALIDATION') return errorWords(t, error);
  return ruleConditionMistake(query, t) ?? errorMessageIn(t, error);
}

/**
 * Why main refused the rule, in the editor's language: a missing folder by its name (main sends it as
 * the detail), a condition's mistake as the search parser words it, anything else by its code.
 */
function saveProblem(t: Translate, error: ErrorData, draft: RuleDraft): string {
  if (error.code === 'VALIDATION') return conditionProblem(t, error, draft.query);
  if (error.code !== 'FOLDER_NOT_FOUND' || error.detail === undefined) return errorWords(t, error);
  const action = draft.actions.find((each) => (each.key === 'move' || each.key === 'copy') && each.folder === error.detail);
  return t('rules.folderMissing', {
    folder: error.detail,
    kind: action?.key === 'copy' ? 'copy' : 'move',
    scope: draft.accountId === null ? 'every' : 'account',
  });
}

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
  const t = useT();
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
    if (!result.ok) setError(conditionProblem(t, result.error, draft.query));
    else setTried(t('rules.matchCount', { count: result.value.count }));
  };
  const save = async () => {
    const missing = missingInForm(draft);
    if (missing !== null) {
      setError(t(missing));
      return;
    }
    setBusy(true);
    const result = await bridge.saveRule(draft.id === undefined ? { rule: ruleInputOf(draft) } : { id: draft.id, rule: ruleInputOf(draft) });
    setBusy(false);
    if (result.ok) props.onSaved();
    else setError(saveProblem(t, result.error, draft));
  };
  const picked = picking === null ? undefined : draft.actions[picking];

  return (
    <Dialog
      title={draft.id === undefined ? t('rules.newTitle') : t('rules.editTitle', { name: props.draft.name })}
      onClose={props.onClose}
      className="rule-editor"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label className="field">
          {t('rules.name')} <input type="text" value={draft.name} maxLength={100} onChange={(event) => change({ name: event.target.value })} />
        </label>
        <label className="field">
          {t('rules.for')}
          {SYMBOLS.space}
          <select value={draft.accountId ?? ''} onChange={(event) => change({ accountId: event.target.value === '' ? null : event.target.value })}>
            <option value="">{t('rules.allAccounts')}</option>
            {props.accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
          </select>
        </label>
        {draft.suggestions !== undefined && draft.suggestions.length > 0 && (
          <fieldset className="rule-suggestions">
            <legend>{t('rules.fromMessage')}</legend>
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
                />
                {SYMBOLS.space}
                <bdi>{suggestionWords(t, suggestion)}</bdi>
              </label>
            ))}
          </fieldset>
        )}
        <div className="rule-condition">
          <label className="field">
            {t('rules.when')}
            {SYMBOLS.space}
            <input
              type="text"
              value={draft.query}
              placeholder={EXAMPLE_CONDITION}
              dir="auto"
              onChange={(event) => {
                change({ query: event.target.value });
                setTried(null);
              }}
            />
          </label>
          <button type="button" onClick={() => void tryAsSearch()} disabled={draft.query.trim() === ''}>
            {t('rules.trySearch')}
          </button>
          <span role="status" className="rule-tried">
            {tried}
          </span>
        </div>
        <fieldset className="rule-actions">
          <legend>{t('rules.then')}</legend>
          {draft.actions.map((action, index) => (
            <div key={index} className="rule-action">
              <select
                aria-label={t('rules.actionNumber', { number: index + 1 })}
                value={action.key}
                onChange={(event) => {
                  if (isActionKey(event.target.value)) changeAction(index, { key: event.target.value });
                }}
              >
                {ACTION_CHOICES.map((choice) => (
                  <option key={choice.key} value={choice.key}>
                    {t(choice.label)}
                  </option>
                ))}
              </select>
              {(action.key === 'move' || action.key === 'copy') && (
                <button
                  type="button"
                  aria-label={t('rules.folderOfAction', {
                    folder: action.folder === '' ? t('rules.chooseFolder') : ruleFolderLabel(props.tree, draft.accountId, action.folder, t),
                    number: index + 1,
                  })}
                  onClick={() => setPicking(index)}
                >
                  {action.folder === '' ? t('rules.chooseFolder') : <bdi>{ruleFolderLabel(props.tree, draft.accountId, action.folder, t)}</bdi>}
                </button>
              )}
              {action.key === 'tag' && (
                <select
                  aria-label={t('rules.tagOfAction', { number: index + 1 })}
                  value={action.tag ?? 'important'}
                  onChange={(event) => changeAction(index, { tag: findMessageTag(event.target.value) ?? 'important' })}
                >
                  {MESSAGE_TAGS.map((tag) => (
                    <option key={tag.key} value={tag.key}>
                      {messageTagLabel(t, tag.key)}
                    </option>
                  ))}
                </select>
              )}
              {action.key === 'forward' && (
                <input
                  type="email"
                  aria-label={t('rules.forwardAddress', { number: index + 1 })}
                  placeholder={EXAMPLE_ADDRESS}
                  dir="ltr"
                  value={action.address ?? ''}
                  maxLength={256}
                  onChange={(event) => changeAction(index, { address: event.target.value })}
                />
              )}
              {(action.key === 'forward' || action.key === 'reply') && (
                <label className="field rule-template">
                  {action.key === 'reply' ? t('rules.replyText') : t('rules.forwardText')}
                  {SYMBOLS.space}
                  <textarea
                    aria-describedby={`rule-template-help-${index}`}
                    value={action.template ?? ''}
                    rows={4}
                    maxLength={MAX_ANSWER_TEMPLATE_LENGTH}
                    dir="auto"
                    onChange={(event) => changeAction(index, { template: event.target.value })}
                  />
                  <small id={`rule-template-help-${index}`}>
                    {t('rules.templateHelp', { placeholders: ANSWER_TEMPLATE_PLACEHOLDERS.join(t('rules.listSeparator')) })}
                  </small>
                </label>
              )}
              <button
                type="button"
                aria-label={t('rules.removeAction', { number: index + 1 })}
                title={t('rules.removeThisAction')}
                disabled={draft.actions.length === 1}
                onClick={() => change({ actions: draft.actions.filter((_, position) => position !== index) })}
              >
                {REMOVE_MARK}
              </button>
            </div>
          ))}
          <button
            type="button"
            disabled={draft.actions.length >= MAX_ACTIONS}
            onClick={() => change({ actions: [...draft.actions, { key: 'mark-read', folder: '' }] })}
          >
            {t('rules.addAction')}
          </button>
          <label className="checkbox">
            <input type="checkbox" checked={draft.stop} onChange={(event) => change({ stop: event.target.checked })} /> {t('rules.stopProcessing')}
          </label>
          {deletesOnServer(draft) && (
            <label className="checkbox rule-server-delete">
              <input type="checkbox" checked={draft.confirmedServerDelete} onChange={(event) => change({ confirmedServerDelete: event.target.checked })} />
              {SYMBOLS.space}
              {t('rules.confirmServerDelete')}
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
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('rules.save')}
          </button>
        </div>
      </form>
      {picking !== null && picked !== undefined && (
        <MoveDialog
          count={1}
          copy={picked.key === 'copy'}
          targets={ruleFolderTargets(props.tree, draft.accountId, t)}
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
