import { useCallback, useEffect, useState } from 'react';
import type { Account } from '../../../shared/accounts';
import type { FolderTreeView } from '../../../shared/folder-ops';
import { describeRuleRun, type RuleRunReport } from '../../../shared/rule-ops';
import { describeRuleAction, type Rule } from '../../../shared/rules';
import { bridge } from '../../bridge';
import { Dialog } from '../../components/dialog';
import { allFolders, folderPath } from '../../state/folder-tree';
import { RuleEditor } from './rule-editor';
import { blankRule, draftOf, type RuleDraft } from './rule-form';

/** "All accounts" or the account's name. */
function accountLabel(accounts: readonly Account[], accountId: string | null): string {
  if (accountId === null) return 'All accounts';
  return accounts.find((account) => account.id === accountId)?.name ?? accountId;
}

/** "Run now on folder…": choose a folder, see what the rule would do, then run it. */
function RunDialog(props: { readonly rule: Rule; readonly tree: FolderTreeView; readonly onClose: () => void }) {
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
    else setError(result.error.message);
  };
  const lines = report === null ? [] : report.applied.map((entry) => `${describeRuleRun(entry, report.dryRun)}.`);
  return (
    <Dialog title={`Run “${props.rule.name}” on a folder`} onClose={props.onClose} className="rule-run-dialog">
      <label className="field">
        Folder{' '}
        <select
          value={folderId ?? ''}
          onChange={(event) => {
            setFolderId(Number(event.target.value));
            setReport(null);
          }}
        >
          {folders.map((folder) => (
            <option key={folder.id} value={folder.id}>
              {`${folder.accountId === null ? '' : `${accountLabelOf(props.tree, folder.accountId)}: `}${folderPath(props.tree, folder)}`}
            </option>
          ))}
        </select>
      </label>
      <div role="status" className="rule-run-report">
        {report !== null && (report.applied.length === 0 ? <p>No message in this folder matches the rule.</p> : lines.map((line) => <p key={line}>{line}</p>))}
        {report?.problems.map((problem) => (
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
          {report !== null && !report.dryRun ? 'Close' : 'Cancel'}
        </button>
        <button type="button" onClick={() => void run(true)} disabled={busy || folderId === null}>
          Preview
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void run(false)}
          disabled={busy || report === null || !report.dryRun || report.applied.length === 0}
        >
          Run
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
    else setError(listed.error.message);
    if (accountList.ok) setAccounts(accountList.value);
    if (folders.ok) setTree(folders.value);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (promise: Promise<{ ok: true } | { ok: false; error: { message: string } }>) => {
    const result = await promise;
    if (!result.ok) setError(result.error.message);
    else setError(null);
    await load();
  };

  return (
    <div className="settings-rules">
      <p className="muted">
        Rules run in this order on new mail once it is stored. A condition is a search (for example <code>from:news@example.com</code> or{' '}
        <code>header:list-id:announce</code>); server rules decide from the headers before a message is downloaded.
      </p>
      {error !== null && (
        <p role="alert" className="settings-error">
          {error}
        </p>
      )}
      {rules.length === 0 ? (
        <p className="muted">No rules yet.</p>
      ) : (
        <ol className="settings-rule-list" aria-label="Rules">
          {rules.map((rule, index) => (
            <li key={rule.id} className={`settings-rule${rule.enabled ? '' : ' off'}`} aria-label={rule.name}>
              <label className="settings-rule-on">
                <input
                  type="checkbox"
                  checked={rule.enabled}
                  aria-label={`Use rule ${rule.name}`}
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
                  {accountLabel(accounts, rule.accountId)} · when <code>{rule.query}</code> →{' '}
                  {[...rule.actions.map(describeRuleAction), ...(rule.stop ? ['stop'] : [])].join(', ')}
                </span>
              </div>
              <div className="settings-rule-actions">
                <button
                  type="button"
                  aria-label={`Move ${rule.name} up`}
                  title="Move up"
                  disabled={index === 0}
                  onClick={() => void act(bridge.moveRule(rule.id, 'up'))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move ${rule.name} down`}
                  title="Move down"
                  disabled={index === rules.length - 1}
                  onClick={() => void act(bridge.moveRule(rule.id, 'down'))}
                >
                  ↓
                </button>
                <button type="button" onClick={() => setEditing(draftOf(rule))}>
                  Edit
                </button>
                <button type="button" onClick={() => setRunning(rule)} disabled={tree === null}>
                  Run now on folder…
                </button>
                <button type="button" className="danger" onClick={() => setRemoving(rule)}>
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <button type="button" className="primary" onClick={() => setEditing(blankRule())}>
        New rule…
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
        <Dialog title={`Delete the rule “${removing.name}”?`} onClose={() => setRemoving(null)} alert>
          <p>Mail it already filed stays where it is.</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setRemoving(null)}>
              Cancel
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
              Delete rule
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
