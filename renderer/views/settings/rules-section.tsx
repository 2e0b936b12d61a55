import { useCallback, useEffect, useState } from 'react';
import type { Account } from '../../../shared/accounts';
import type { ErrorData } from '../../../shared/errors';
import type { FolderTreeView } from '../../../shared/folder-ops';
import { describeRuleRun, ruleProblemsIn, type RuleRunReport } from '../../../shared/rule-ops';
import type { Translate } from '../../../shared/i18n/catalogs';
import { describeRuleActions, type Rule } from '../../../shared/rules';
import { bridge } from '../../bridge';
import { Dialog } from '../../components/dialog';
import { SYMBOLS } from '../../components/symbols';
import { allFolders, folderPath, windowNaming } from '../../state/folder-tree';
import { Message, useT } from '../../state/locale';
import { errorWords } from './error-words';
import { RuleEditor } from './rule-editor';
import { actionInWindowWords, blankRule, draftOf, ruleInWindowWords, type RuleDraft } from './rule-form';

/** Conditions the section's introduction shows as examples (search language, the same in every language). */
const EXAMPLE_CONDITIONS = ['from:news@example.com', 'header:list-id:announce'] as const;

/** The marks of the buttons that move a rule in the order (their names say it in words). */
const ARROWS = { up: '↑', down: '↓' } as const;

/** "All accounts" or the account's name. */
function accountLabel(t: Translate, accounts: readonly Account[], accountId: string | null): string {
  if (accountId === null) return t('rules.allAccounts');
  return accounts.find((account) => account.id === accountId)?.name ?? accountId;
}

/** "Run now on folder…": choose a folder, see what the rule would do, then run it. */
function RunDialog(props: { readonly rule: Rule; readonly tree: FolderTreeView; readonly onClose: () => void }) {
  const t = useT();
  const folders = allFolders(props.tree).filter(
    (folder) => (props.rule.accountId === null || folder.accountId === props.rule.accountId || folder.accountId === null) && folder.role !== 'outbox',
  );
  const [folderId, setFolderId] = useState<number | null>(folders.find((folder) => folder.role === 'inbox')?.id ?? folders[0]?.id ?? null);
  const [report, setReport] = useState<RuleRunReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (dryRun: boolean) => {
    if (folderId === null) return;
    setBusy(true);
    setError(null);
    const result = await bridge.runRuleOnFolder(props.rule.id, folderId, dryRun);
    setBusy(false);
    if (result.ok) setReport(result.value);
    else setError(errorWords(t, result.error));
  };
  const lines =
    report === null
      ? []
      : report.applied.map((entry) =>
          describeRuleRun({ ...entry, action: actionInWindowWords(entry.action, props.tree, props.rule.accountId, t) }, report.dryRun, t),
        );
  return (
    <Dialog title={t('rules.runTitle', { name: props.rule.name })} onClose={props.onClose} className="rule-run-dialog">
      <label className="field">
        {t('move.folder')}
        {SYMBOLS.space}
        <select
          value={folderId ?? ''}
          onChange={(event) => {
            setFolderId(Number(event.target.value));
            setReport(null);
          }}
        >
          {folders.map((folder) => (
            <option key={folder.id} value={folder.id}>
              {folder.accountId === null
                ? folderPath(props.tree, folder, windowNaming(t))
                : t('mail.folderOfAccount', { folder: folderPath(props.tree, folder, windowNaming(t)), account: accountLabelOf(props.tree, folder.accountId) })}
            </option>
          ))}
        </select>
      </label>
      <div role="status" className="rule-run-report">
        {report !== null && (report.applied.length === 0 ? <p>{t('rules.noMatchInFolder')}</p> : lines.map((line) => <p key={line}>{line}</p>))}
        {(report === null ? [] : ruleProblemsIn(t, report)).map((problem) => (
          <p key={problem} className="settings-error">
            {problem}
          </p>
        ))}
      </div>
      {error !== null && (
        <p role="alert" className="settings-error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={props.onClose}>
          {report !== null && !report.dryRun ? t('common.close') : t('common.cancel')}
        </button>
        <button type="button" onClick={() => void run(true)} disabled={busy || folderId === null}>
          {t('rules.preview')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void run(false)}
          disabled={busy || report === null || !report.dryRun || report.applied.length === 0}
        >
          {t('rules.run')}
        </button>
      </div>
    </Dialog>
  );
}

function accountLabelOf(tree: FolderTreeView, accountId: string): string {
  return tree.accounts.find((entry) => entry.accountId === accountId)?.accountName ?? accountId;
}

/**
 * Settings → Rules: the ordered list of message rules (each for one account or all), switched on and
 * off, moved up and down, edited, removed and run on a folder after a preview. New mail goes through
 * the rules that are on, in this order.
 */
export function RulesSection(props: { readonly prefill?: RuleDraft }) {
  const t = useT();
  const [rules, setRules] = useState<readonly Rule[]>([]);
  const [accounts, setAccounts] = useState<readonly Account[]>([]);
  const [tree, setTree] = useState<FolderTreeView | null>(null);
  const [editing, setEditing] = useState<RuleDraft | null>(props.prefill ?? null);
  const [running, setRunning] = useState<Rule | null>(null);
  const [removing, setRemoving] = useState<Rule | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const [listed, accountList, folders] = await Promise.all([bridge.listRules(), bridge.listAccounts(), bridge.listFolderTree()]);
    if (listed.ok) setRules(listed.value);
    else setError(errorWords(t, listed.error));
    if (accountList.ok) setAccounts(accountList.value);
    if (folders.ok) setTree(folders.value);
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (promise: Promise<{ ok: true } | { ok: false; error: ErrorData }>) => {
    const result = await promise;
    if (!result.ok) setError(errorWords(t, result.error));
    else setError(null);
    await load();
  };

  return (
    <div className="settings-rules">
      <p className="muted">
        <Message id="rules.intro" values={{ first: <code>{EXAMPLE_CONDITIONS[0]}</code>, second: <code>{EXAMPLE_CONDITIONS[1]}</code> }} />
      </p>
      {error !== null && (
        <p role="alert" className="settings-error">
          {error}
        </p>
      )}
      {rules.length === 0 ? (
        <p className="muted">{t('rules.none')}</p>
      ) : (
        <ol className="settings-rule-list" aria-label={t('settings.rules')}>
          {rules.map((rule, index) => (
            <li key={rule.id} className={`settings-rule${rule.enabled ? '' : ' off'}`} aria-label={rule.name}>
              <label className="settings-rule-on">
                <input
                  type="checkbox"
                  checked={rule.enabled}
                  aria-label={t('rules.use', { name: rule.name })}
                  onChange={(event) => {
                    const enabled = event.target.checked;
                    // Shown at once; the list read back after the change says what was saved.
                    setRules((current) => current.map((entry) => (entry.id === rule.id ? { ...entry, enabled } : entry)));
                    void act(bridge.setRuleEnabled(rule.id, enabled));
                  }}
                />
              </label>
              <div className="settings-rule-text">
                <strong>
                  <bdi>{rule.name}</bdi>
                </strong>
                <span className="muted">
                  <Message
                    id="rules.summary"
                    values={{
                      account: <bdi>{accountLabel(t, accounts, rule.accountId)}</bdi>,
                      query: (
                        <code dir="auto" key="query">
                          {rule.query}
                        </code>
                      ),
                      actions: describeRuleActions(ruleInWindowWords(rule, tree, t), t),
                    }}
                  />
                </span>
              </div>
              <div className="settings-rule-actions">
                <button
                  type="button"
                  aria-label={t('rules.moveUpNamed', { name: rule.name })}
                  title={t('rules.moveUp')}
                  disabled={index === 0}
                  onClick={() => void act(bridge.moveRule(rule.id, 'up'))}
                >
                  {ARROWS.up}
                </button>
                <button
                  type="button"
                  aria-label={t('rules.moveDownNamed', { name: rule.name })}
                  title={t('rules.moveDown')}
                  disabled={index === rules.length - 1}
                  onClick={() => void act(bridge.moveRule(rule.id, 'down'))}
                >
                  {ARROWS.down}
                </button>
                <button type="button" onClick={() => setEditing(draftOf(rule))}>
                  {t('settings.edit')}
                </button>
                <button type="button" onClick={() => setRunning(rule)} disabled={tree === null}>
                  {t('rules.runNow')}
                </button>
                <button type="button" className="danger" onClick={() => setRemoving(rule)}>
                  {t('rules.delete')}
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <button type="button" className="primary" onClick={() => setEditing(blankRule())}>
        {t('rules.new')}
      </button>
      {editing !== null && tree !== null && (
        <RuleEditor
          draft={editing}
          accounts={accounts}
          tree={tree}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
      {running !== null && tree !== null && <RunDialog rule={running} tree={tree} onClose={() => setRunning(null)} />}
      {removing !== null && (
        <Dialog title={t('rules.deleteTitle', { name: removing.name })} onClose={() => setRemoving(null)} alert>
          <p>{t('rules.deleteText')}</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                const id = removing.id;
                setRemoving(null);
                void act(bridge.removeRule(id));
              }}
            >
              {t('rules.deleteRule')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
