/**
 * When and on which cores the full-text index catches up with stored mail. Two paces, one queue:
 *   - in full (`indexPending`): every message waiting, in large batches, by one parse worker per core;
 *   - beside a download (`indexBesideDownload`, asked for as each receive batch is committed): one
 *     parse worker at background priority (it gives way to the download whenever both want a core),
 *     in batches as small as a receive batch (short write transactions, so a receive commit waits
 *     little for one), and only while a download runs: when the last one ends it takes no further
 *     batch, and the rest waits for a run in full (the window's after each Send/Receive, the next
 *     search, the next start); and only when the machine has a core to spare, since on a machine
 *     already busy even a thread of low priority slowed the download (it holds the write lock while
 *     waiting for a core), and the index then waits for the run in full instead.
 * Runs go one at a time; what a run committed stays, and a message is indexed whole or not at all (one
 * transaction per batch), so a stop or a crash leaves nothing half-indexed and the next run goes on.
 * Closing lets a batch under way beside a download be written (one small batch: `mailbag receive`
 * measured no later exit for it, and its work is not lost) and stops a run in full at once.
 */
import os from 'node:os';
import type { Logger } from '../services/logger';
import { describeError } from '../services/logger';
import { BESIDE_DOWNLOAD_PACE, type IndexPace } from '../storage/message-index';
import type { MessageStore } from '../storage/message-store';
import { startParseWorker, startParseWorkers, type ParseWorkerClient } from '../workers/parse-client';
import type { IndexTarget } from '../workers/parse-messages';

/** What the indexing needs. */
export interface FullTextIndexingOptions {
  readonly store: MessageStore;
  /** The database the parse workers write to in their own connections. */
  readonly target: IndexTarget;
  readonly logger: Logger;
  /** Whether a download (a receive run) is under way now. */
  readonly downloading: () => boolean;
  /** Whether the machine has a core to spare for indexing beside the download; default {@link hasSpareCore}. */
  readonly spareCore?: () => boolean;
  /** The parse workers' entry file (tests); default the built or source one beside parse-client. */
  readonly workerFile?: string;
}

/** The full-text index's catching up (see the module comment). */
export interface FullTextIndexing {
  /** Indexes every message waiting, at full pace; calls while a run waits to start share it. */
  indexPending(): Promise<void>;
  /** Indexes what waits beside the download under way, yielding to it; does nothing when none runs. */
  indexBesideDownload(): Promise<void>;
  /**
   * Stops taking batches and ends the parse workers: a batch under way beside a download is written
   * first, one under way in full is dropped (it waits for the next run).
   */
  close(): Promise<void>;
}

/**
 * Load (runnable threads, averaged over the last minute) above the number of cores that still leaves a
 * core to spare: the download's own threads and a local server count in it.
 */
export const SPARE_CORE_LOAD_MARGIN = 1;

/**
 * Whether the machine has a core to spare: its load average of the last minute is below its cores plus
 * {@link SPARE_CORE_LOAD_MARGIN}. (Systems without a load average report 0: always.)
 */
export function hasSpareCore(load: number = os.loadavg()[0] ?? 0, cores: number = os.availableParallelism()): boolean {
  return load < cores + SPARE_CORE_LOAD_MARGIN;
}

/** How a queued run indexes: in full, or beside a download. */
type Pace = 'full' | 'beside-download';

/** Starts nothing until asked: parse workers are started on a run's first need of them. */
export function createFullTextIndexing(options: FullTextIndexingOptions): FullTextIndexing {
  const { store, target, logger } = options;
  const spareCore = options.spareCore ?? (() => hasSpareCore());
  const besideDownload = (): boolean => options.downloading() && spareCore();
  let full: ParseWorkerClient | undefined;
  let background: ParseWorkerClient | undefined;
  let indexing: Promise<void> = Promise.resolve();
  // Closing stops indexing between two commits; what is left is indexed at the next run.
  const closing = new AbortController();
  // Once closing, no run takes another batch; the pace of the run under way, if any.
  let finishing = false;
  let running: Pace | undefined;
  // A run waiting to start: calls share it, and a call in full makes it a run in full.
  let queued: { pace: Pace; readonly run: Promise<void> } | undefined;

  const runAt = async (pace: Pace): Promise<void> => {
    if (finishing || !store.hasUnindexed()) return;
    if (pace === 'beside-download') {
      if (!besideDownload()) return;
      background ??= startParseWorker(options.workerFile, 'background');
      const pace: IndexPace = { ...BESIDE_DOWNLOAD_PACE, until: () => finishing || !besideDownload() };
      await store.indexPending(background.parse, closing.signal, background.indexer(target), pace);
      return;
    }
    full ??= startParseWorkers(undefined, options.workerFile);
    // The workers write what they parse in their own connections; the parser isolates a message they fail on.
    await store.indexPending(full.parse, closing.signal, full.indexer(target));
  };

  const queue = (pace: Pace): Promise<void> => {
    if (queued !== undefined) {
      if (pace === 'full') queued.pace = 'full';
      return queued.run;
    }
    const entry: { pace: Pace; run: Promise<void> } = {
      pace,
      run: indexing.then(async () => {
        queued = undefined;
        running = entry.pace;
        try {
          await runAt(entry.pace);
        } catch (error) {
          logger.warn('indexing failed', { error: describeError(error) });
        } finally {
          running = undefined;
        }
      }),
    };
    queued = entry;
    indexing = entry.run;
    return entry.run;
  };

  return {
    indexPending: () => queue('full'),
    indexBesideDownload: () => queue('beside-download'),
    async close() {
      finishing = true;
      if (running !== 'beside-download') closing.abort();
      await indexing;
      closing.abort();
      await Promise.all([full?.terminate(), background?.terminate()]);
    },
  };
}
