/**
 * The window's import of another program (a Thunderbird profile, an Eudora folder), through the same
 * import service as `mailbag import thunderbird|eudora`: the profiles Thunderbird lists, a preview of
 * what the source holds (its POP3 accounts and its mailboxes with their message counts), then the
 * accounts brought in — each new one only after signing in with the password the user typed in the
 * window, popstate.dat recorded as the command line records it — and the mail imported in the import
 * worker, with progress and the end as events.
 */
import { wordedError } from '../../shared/error-words';
import { MailbagError } from '../../shared/errors';
import { MAX_PREVIEW_MAILBOXES, type ProgramAccountView, type ProgramMailboxView } from '../../shared/import-export-ops';
import type { Handlers } from '../ipc/registry';
import type { AccountService } from '../services/accounts';
import type { EventHub } from '../services/events';
import {
  accountForServer,
  directorySize,
  importSourceAccount,
  readProgramSource,
  sourceTrees,
  type ImportedAccount,
  type ProgramSource,
} from '../services/import/program-import';
import { listThunderbirdProfiles } from '../services/import/thunderbird-profiles';
import type { SqliteDatabase } from '../storage/database';
import type { MessageStore } from '../storage/message-store';
import type { ImportJob, ImportTree, PreviewTree } from '../jobs/import/import-job';
import { runImportInWorker } from '../workers/import-client';

/** Starts an import in the import worker under `runId`; its progress and end go out as events, then the lists of these accounts and folders refresh. */
export type LaunchImport = (runId: string, job: ImportJob, totalBytes: number | null, changed: { accountIds: string[]; folderIds: number[] }) => void;

/** What the operations need. */
export interface ProgramImportHandlerOptions {
  readonly store: MessageStore;
  readonly database: SqliteDatabase;
  readonly accounts: AccountService;
  readonly events: EventHub;
  readonly thunderbirdRoots: readonly string[];
  readonly paths: { readonly databaseFile: string; readonly rawDirectory: string };
  readonly isRunning: (runId: string) => boolean;
  readonly launch: LaunchImport;
}

/** The operations of the contract these handlers implement. */
type ProgramImportHandlers = Pick<Handlers, 'findThunderbirdProfiles' | 'previewProgramImport' | 'startProgramImport'>;

function accountView(accounts: AccountService, source: ProgramSource): ProgramAccountView[] {
  return source.accounts.map(({ key, settings }) => ({
    key,
    name: settings.name,
    address: settings.address,
    host: settings.incoming.host,
    username: settings.incoming.username,
    status: accountForServer(accounts, settings.incoming) === undefined ? 'new' : 'existing',
    smtpPassword: settings.outgoing.credentials === 'separate',
    smtpUsername: settings.outgoing.username ?? settings.incoming.username,
    insecure: settings.allowInsecure === true,
  }));
}

/** The mailboxes a source's trees hold, each by the path of the folder it will fill. */
async function previewMailboxes(accounts: AccountService, source: ProgramSource, withAccounts: boolean): Promise<ProgramMailboxView[]> {
  const trees: PreviewTree[] = [];
  // Local Folders is a mark, not a name: the window says it in its language (the stored folders keep theirs).
  if (source.format === 'eudora') trees.push({ directory: source.directory, top: [], inLocalFolders: false });
  else {
    for (const account of source.accounts) {
      if (account.directory === undefined) continue;
      const existing = accountForServer(accounts, account.settings.incoming);
      const name = existing === undefined ? account.settings.name : accounts.get(existing).name;
      trees.push({ directory: account.directory, top: [name], inLocalFolders: existing === undefined && !withAccounts });
    }
    if (source.localFolders !== undefined) trees.push({ directory: source.localFolders, top: [], inLocalFolders: true });
  }
  // The mailboxes are read and counted in the import worker, off the main thread.
  const outcome = await runImportInWorker({ format: source.format, preview: trees });
  if (outcome.status === 'failed') throw MailbagError.fromData(outcome.error);
  return [...(outcome.counts ?? [])];
}

/** Builds the operations (see the module comment). */
export function createProgramImportHandlers(options: ProgramImportHandlerOptions): ProgramImportHandlers {
  const { accounts, store, database, events } = options;
  const deps = { accounts, store, database };
  return {
    findThunderbirdProfiles: async () => (await Promise.all(options.thunderbirdRoots.map((root) => listThunderbirdProfiles(root)))).flat(),
    previewProgramImport: async ({ kind, source, mail, accounts: withAccounts }) => {
      const read = await readProgramSource(kind, source);
      const mailboxes = kind === 'eudora' || mail ? await previewMailboxes(accounts, read, withAccounts) : [];
      return {
        source: read.directory,
        accounts: accountView(accounts, read),
        mailboxes: mailboxes.slice(0, MAX_PREVIEW_MAILBOXES),
        moreMailboxes: Math.max(0, mailboxes.length - MAX_PREVIEW_MAILBOXES),
      };
    },
    startProgramImport: async ({ runId, kind, source, mail, accounts: withAccounts, passwords }) => {
      if (options.isRunning(runId)) throw wordedError('VALIDATION', { id: 'refusal.importRunning' });
      const read = await readProgramSource(kind, source);
      const given = new Map(passwords.map((entry) => [entry.key, entry]));
      const imported: ImportedAccount[] = [];
      if (withAccounts) {
        for (const account of read.accounts) {
          imported.push(
            await importSourceAccount(deps, account, ({ key, settings }) => {
              const entry = given.get(key);
              if (entry === undefined)
                return Promise.reject(
                  wordedError('VALIDATION', { id: 'refusal.importPasswordNeeded', values: { user: settings.incoming.username, host: settings.incoming.host } }),
                );
              return Promise.resolve({ pop3Password: entry.pop3Password, ...(entry.smtpPassword === undefined ? {} : { smtpPassword: entry.smtpPassword }) });
            }),
          );
        }
        if (imported.some((account) => account.status === 'created')) events.emit('accountsChanged', accounts.list());
      }
      const views = imported.map((account) => ({
        key: account.key,
        name: account.name,
        host: account.host,
        status: account.status,
        knownOnServer: account.knownOnServer ?? 0,
        ...(account.error === undefined ? {} : { error: account.error }),
      }));
      if (imported.some((account) => account.status === 'failed') || (!mail && kind === 'thunderbird')) return { runId, started: false, accounts: views };
      const owner = imported.find((account) => account.accountId !== undefined)?.accountId ?? accounts.list()[0]?.id;
      const trees: ImportTree[] = await sourceTrees(deps, read, owner);
      if (trees.length === 0) {
        if (owner === undefined) throw wordedError('VALIDATION', { id: 'refusal.importNoAccountForMail' });
        return { runId, started: false, accounts: views };
      }
      let total = 0;
      for (const tree of trees) total += await directorySize(tree.directory);
      options.launch(runId, { format: kind, trees, ...options.paths }, total > 0 ? total : null, {
        accountIds: [...new Set(trees.map((tree) => tree.accountId))],
        folderIds: [],
      });
      return { runId, started: true, accounts: views };
    },
  };
}
