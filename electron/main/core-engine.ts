/**
 * The services that move mail, which a core wires on first use of one of them (core.ts): Send/Receive,
 * the Outbox, full-text indexing and the rules run on new mail. The commands that only move or index
 * mail (`mailbag receive`, `search`, `send`, `outbox`) wire these alone, without the handler registry,
 * the contract's schemas or the handler controllers; those are built on top of them when first used
 * (core-services.ts), sharing the same Outbox, Send/Receive and indexing.
 */
import { joinRuleProblems } from '../../shared/rule-ops';
import { contactGroupMembers, recordSentMessage } from '../storage/contacts';
import { filterNewMail as filterWithRules, hasClientRules, type RulesReport } from '../storage/rule-engine';
import { SendReceiveService } from '../services/send-receive';
import { createFullTextIndexing } from './full-text-indexing';
import { createOutbox, type Outbox } from '../services/outbox';
import { queueRuleAnswers, type RuleAnswerReport } from '../services/rule-answers';
import { composeInWorker, sendInWorker } from '../workers/smtp-client';
import type { SignInWith } from '../../shared/accounts';
import type { AccountService } from '../services/accounts';
import type { OAuthConfiguration } from '../services/oauth/client-config';
import type { CredentialStore } from '../services/credentials/credential-store';
import type { EventHub } from '../services/events';
import type { SettingsService } from '../services/settings';
import type { SqliteDatabase } from '../storage/database';
import type { MessageStore } from '../storage/message-store';
import type { CoreOptions } from './core-options';

/** What the core opens at once, which the engine and the other services are built on. */
export interface CoreBase {
  readonly profileDir: string;
  readonly events: EventHub;
  readonly settings: SettingsService;
  readonly database: SqliteDatabase;
  /** The message store (raw mail and its index); new mail is committed by the receive workers. */
  readonly store: MessageStore;
  readonly credentials: CredentialStore;
  readonly accounts: AccountService;
  /** Where the profile's database and raw mail live, for the receive workers' own connections. */
  readonly paths: { readonly databaseFile: string; readonly rawDirectory: string };
  /**
   * The provider sign-in (endpoints, scopes and client id) an account of `client` uses, from the provider
   * table and this installation's configuration; AUTH_UNSUPPORTED saying how to configure a client id.
   */
  signInConfiguration(client: SignInWith): OAuthConfiguration;
}

/** The services that move mail, as callers of a core see them. */
export interface CoreEngine {
  /** Runs Send/Receive per account in worker threads. */
  readonly sendReceive: SendReceiveService;
  /** The persistent queue of messages to send (one per core: it recovers interrupted sends when wired). */
  readonly outbox: Outbox;
  /**
   * Parses and indexes every message that is stored but not yet indexed, in the parse workers (started
   * on first use, one per core). Closing the core stops it between two commits; the rest is indexed
   * at the next call, also after a crash. Calls made while a run waits to start share that run. Runs
   * one at a time: a call while indexing is under way waits for it and runs again.
   */
  indexPending(): Promise<void>;
  /**
   * Runs the message rules on mail that arrived and waits for them, indexing it first so word
   * conditions see it; one run at a time. Without rules it only empties the waiting list.
   */
  filterNewMail(): Promise<RulesReport>;
  /** Puts the answers rules recorded (replies, forwards) in the Outbox and sends them; filterNewMail does it too. */
  sendRuleAnswers(): Promise<RuleAnswerReport>;
}

/** What the services built on the engine stop while it closes (core-services.ts). */
export interface EngineUsers {
  /** Stops what would start work on the engine (schedules, waiting sends); before its runs are cancelled. */
  stopStarting(): Promise<void>;
  /** Stops the rest, once the engine's runs are cancelled and before its indexing is waited for. */
  stop(): Promise<void>;
}

/** The engine as the core holds it, with its close. */
export interface WiredEngine extends CoreEngine {
  /**
   * Cancels running Send/Receive, stops indexing between two commits and waits for the rules under way;
   * `users`, the services built on the engine, are stopped in between. The store stays open.
   */
  close(users?: EngineUsers): Promise<void>;
}

/** Wires Send/Receive, the Outbox, full-text indexing and the rules on `base`. */
export function wireCoreEngine(base: CoreBase, options: CoreOptions): WiredEngine {
  const { logger } = options;
  const { events, settings, database, store, accounts, paths } = base;
  const sendReceive = new SendReceiveService(options.receiveRunner);
  // Mail is indexed beside each download and in full after it; parse workers start on first use.
  const fullText = createFullTextIndexing({
    store,
    target: {
      databaseFile: paths.databaseFile,
      ...(options.sqliteNativeBinding === undefined ? {} : { nativeBinding: options.sqliteNativeBinding }),
    },
    logger,
    downloading: () => sendReceive.runningAccounts().length > 0,
    ...(options.spareCoreForIndexing === undefined ? {} : { spareCore: options.spareCoreForIndexing }),
  });
  const { indexPending } = fullText;
  if (options.indexWhileReceiving !== false) {
    // Each batch a run commits is indexed while the next one downloads, yielding to the download.
    sendReceive.onBatchCommitted(() => void fullText.indexBesideDownload());
  }
  const outbox = createOutbox({
    database,
    store,
    accounts,
    sendInWorker,
    composeInWorker,
    indexPending,
    onAccepted: (storedMessageId, recipients) => {
      recordSentMessage(database, storedMessageId, recipients, { collect: settings.get().collectAddresses });
      events.emit('contactsChanged', { at: Date.now() });
    },
    groupMembers: (groupId) => contactGroupMembers(database, groupId),
  });
  /** Queues the answers rules recorded and sends them at once (a failure waits in the Outbox like any message). */
  async function sendRuleAnswers(): Promise<RuleAnswerReport> {
    const report = await queueRuleAnswers({ store, outbox });
    if (report.queued.length > 0) await outbox.flush({ ids: report.queued, urgency: 'now' });
    return report;
  }
  let filtering: Promise<RulesReport | undefined> = Promise.resolve(undefined);
  function filterNewMail(): Promise<RulesReport> {
    const run = filtering.then(async () => {
      if (hasClientRules(database)) await indexPending();
      const report = await filterWithRules(store);
      const answers = await sendRuleAnswers();
      return joinRuleProblems(report, answers);
    });
    filtering = run.catch(() => undefined);
    return run;
  }
  return {
    sendReceive,
    outbox,
    indexPending,
    filterNewMail,
    sendRuleAnswers,
    async close(users) {
      // Indexing stops between two commits; what is left is indexed at the next run, also after a crash.
      const indexingClosed = fullText.close();
      await users?.stopStarting();
      await sendReceive.cancelAll();
      await users?.stop();
      await indexingClosed;
      await filtering;
    },
  };
}
