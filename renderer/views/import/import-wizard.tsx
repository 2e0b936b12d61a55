import { errorMessageIn } from '../../../shared/error-words';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  IMPORT_KINDS,
  PROGRAM_IMPORT_KINDS,
  type ImportedAccountView,
  type ImportFinishedEvent,
  type ImportKindName,
  type ImportProgressEvent,
  type ProgramKindName,
} from '../../../shared/import-export-ops';
import type { FolderTreeView } from '../../../shared/folder-ops';
import { importProblemWords } from '../../../shared/import-problems';
import { bridge } from '../../bridge';
import { Dialog } from '../../components/dialog';
import { folderTargets } from '../../state/folder-tree';
import { useT } from '../../state/locale';
import type { Translate } from '../../../shared/i18n/catalogs';
import type { MessageId } from '../../../shared/i18n/messages-en';
import { FileBrowser } from './file-browser';
import { accountOutcome, newRunId, ProgramImportForm } from './program-import-form';
import './import.css';

type Stage =
  | { readonly kind: 'choose' }
  | { readonly kind: 'running'; readonly runId: string; readonly cancelling: boolean }
  | { readonly kind: 'done'; readonly result: ImportFinishedEvent | null };

function isProgramKind(kind: ImportKindName | ProgramKindName): kind is ProgramKindName {
  return PROGRAM_IMPORT_KINDS.some((candidate) => candidate.name === kind);
}

/** Each kind's name and hint in the catalogs. */
const KIND_WORDS: Readonly<Record<ImportKindName | ProgramKindName, { readonly label: MessageId; readonly hint: MessageId }>> = {
  mbox: { label: 'import.kindMbox', hint: 'import.kindMboxHint' },
  eml: { label: 'import.kindEml', hint: 'import.kindEmlHint' },
  maildir: { label: 'import.kindMaildir', hint: 'import.kindMaildirHint' },
  outlook: { label: 'import.kindOutlook', hint: 'import.kindOutlookHint' },
  thunderbird: { label: 'import.kindThunderbird', hint: 'import.kindThunderbirdHint' },
  eudora: { label: 'import.kindEudora', hint: 'import.kindEudoraHint' },
};

/** Where in the source a problem is: the file and its bytes, in the window's language. */
function problemPlace(t: Translate, problem: ImportFinishedEvent['problems'][number]): string {
  const start = problem.offset;
  const end = problem.offset + problem.length;
  if (problem.file !== undefined && problem.length > 0) return t('import.placeFileBytes', { file: problem.file, start, end });
  if (problem.file !== undefined) return problem.offset > 0 ? t('import.placeFileOffset', { file: problem.file, offset: start }) : problem.file;
  return t('import.placeBytes', { start, end });
}

/** The summary of a finished import in one sentence. */
function summaryWords(t: Translate, result: ImportFinishedEvent): string {
  if (result.status === 'failed') return t('import.failed', { reason: result.error === undefined ? '' : errorMessageIn(t, result.error) });
  const values = {
    imported: result.imported,
    duplicates: result.duplicates,
    skipped: result.skipped,
    problems: result.problems.length + result.moreProblems,
  };
  return t(result.status === 'cancelled' ? 'import.summaryCancelled' : 'import.summary', values);
}

/**
 * File → Import…: what kind of mail to bring in, where it is, which folder it goes into (a folder of
 * an account or of Local Folders) — or a Thunderbird profile or an Eudora folder with their folder
 * trees and accounts; then a progress bar with the count and Cancel (what is already imported stays),
 * and a summary listing the accounts brought and what could not be read, with where it is in the source.
 */
export function ImportWizard(props: { readonly tree: FolderTreeView | null; readonly initialFolderId: number | null; readonly onClose: () => void }) {
  const t = useT();
  const [kind, setKind] = useState<ImportKindName | ProgramKindName>('mbox');
  const [source, setSource] = useState('');
  const folders = useMemo(() => {
    const tree = props.tree;
    if (tree === null) return [];
    const ofAccounts = tree.accounts.flatMap((account) =>
      folderTargets(tree, new Set([account.accountId]), null, t)
        .filter((target) => target.folder.accountId === account.accountId)
        .map((target) => ({ folder: target.folder, label: t('mail.folderOfAccount', { folder: target.label, account: account.accountName }) })),
    );
    const local = folderTargets(tree, new Set([null]), null, t)
      .filter((target) => target.folder.accountId === null)
      .map((target) => ({ folder: target.folder, label: target.label }));
    return [...ofAccounts, ...local];
  }, [props.tree, t]);
  const [folderId, setFolderId] = useState<number | null>(props.initialFolderId ?? folders[0]?.folder.id ?? null);
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const [progress, setProgress] = useState<ImportProgressEvent | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [imported, setImported] = useState<readonly ImportedAccountView[]>([]);
  const runId = useRef<string | null>(null);

  useEffect(() => {
    const stopProgress = bridge.on('importProgress', (event) => {
      if (event.runId === runId.current) setProgress(event);
    });
    const stopFinished = bridge.on('importFinished', (event) => {
      if (event.runId === runId.current) setStage({ kind: 'done', result: event });
    });
    return () => {
      stopProgress();
      stopFinished();
    };
  }, []);

  const chosenKind = IMPORT_KINDS.find((candidate) => candidate.name === kind) ?? IMPORT_KINDS[0];
  const start = (): void => {
    if (folderId === null || source.trim() === '' || isProgramKind(kind)) return;
    const id = newRunId();
    runId.current = id;
    setProgress(null);
    setProblem(null);
    setImported([]);
    void bridge.startImport({ runId: id, kind, source: source.trim(), folderId }).then((result) => {
      if (result.ok) setStage({ kind: 'running', runId: id, cancelling: false });
      else setProblem(errorMessageIn(t, result.error));
    });
  };
  const programStarted = (id: string, accounts: readonly ImportedAccountView[]): void => {
    runId.current = id;
    setProgress(null);
    setImported(accounts);
    setStage({ kind: 'running', runId: id, cancelling: false });
  };
  const cancel = (id: string): void =>
    void bridge.cancelImport(id).then((result) => {
      if (result.ok && result.value.cancelled)
        setStage((current) => (current.kind === 'running' && current.runId === id ? { ...current, cancelling: true } : current));
    });
  const close = (): void => {
    if (stage.kind === 'running') return;
    props.onClose();
  };

  const readWords = progress === null ? t('import.starting') : t('import.read', { count: progress.messages });
  return (
    <Dialog title={t('import.title')} onClose={close} className="import-wizard">
      {stage.kind === 'choose' && (
        <fieldset>
          <legend>{t('import.whatToImport')}</legend>
          {[...IMPORT_KINDS, ...PROGRAM_IMPORT_KINDS].map((candidate) => (
            <label key={candidate.name} className="import-kind">
              <input type="radio" name="import-kind" value={candidate.name} checked={kind === candidate.name} onChange={() => setKind(candidate.name)} />
              {t(KIND_WORDS[candidate.name].label)} <span className="hint">{t(KIND_WORDS[candidate.name].hint)}</span>
            </label>
          ))}
        </fieldset>
      )}
      {stage.kind === 'choose' && isProgramKind(kind) && (
        <ProgramImportForm
          kind={kind}
          onClose={props.onClose}
          onStarted={programStarted}
          onFinished={(accounts) => {
            setImported(accounts);
            setStage({ kind: 'done', result: null });
          }}
        />
      )}
      {stage.kind === 'choose' && !isProgramKind(kind) && (
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            start();
          }}
        >
          <FileBrowser
            label={chosenKind.source === 'directory' ? t('import.folderToImport') : t('import.fileToImport')}
            value={source}
            onChange={setSource}
            choose={chosenKind.source}
          />
          <label className="field">
            <span>{t('import.into')}</span>
            <select value={folderId ?? ''} onChange={(event) => setFolderId(Number(event.target.value))}>
              {folders.map(({ folder, label }) => (
                <option key={folder.id} value={folder.id}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          {problem !== null && (
            <p className="field-error" role="alert">
              {problem}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={props.onClose}>
              {t('common.close')}
            </button>
            <button type="submit" className="primary" disabled={folderId === null || source.trim() === ''}>
              {t('import.import')}
            </button>
          </div>
        </form>
      )}
      {stage.kind === 'running' && (
        <div className="import-running">
          <progress
            aria-label={t('import.progress')}
            {...(progress !== null && progress.totalBytes !== null && progress.totalBytes > 0
              ? { max: progress.totalBytes, value: Math.min(progress.sourceBytes, progress.totalBytes) }
              : {})}
          />
          <p role="status">{stage.cancelling ? t('import.cancelling', { progress: readWords }) : readWords}</p>
          <div className="dialog-actions">
            <button type="button" disabled={stage.cancelling} onClick={() => cancel(stage.runId)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {stage.kind === 'done' && (
        <div className="import-summary">
          {imported.length > 0 && (
            <ul className="import-accounts" aria-label={t('import.accountsImported')}>
              {imported.map((account) => (
                <li key={account.key}>{accountOutcome(t, account)}</li>
              ))}
            </ul>
          )}
          {stage.result !== null && <p role="status">{summaryWords(t, stage.result)}</p>}
          {stage.result !== null && stage.result.problems.length > 0 && (
            <ul className="import-problems" aria-label={t('import.notImported')}>
              {stage.result.problems.map((item, index) => (
                <li key={index}>{t('import.problem', { place: problemPlace(t, item), reason: importProblemWords(t, item.reason) })}</li>
              ))}
              {stage.result.moreProblems > 0 && <li>{t('import.andMore', { count: stage.result.moreProblems })}</li>}
            </ul>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={() => setStage({ kind: 'choose' })}>
              {t('import.importMore')}
            </button>
            <button type="button" className="primary" onClick={props.onClose}>
              {t('import.done')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
