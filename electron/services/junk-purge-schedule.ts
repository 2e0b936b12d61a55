/**
 * Empties Junk after the days the `junkRetentionDays` setting says: once when the app starts and then
 * once a day, one run at a time. What a run deletes is announced with mailChanged so open windows
 * refresh their lists and counts.
 */
import type { MessageStore } from '../storage/message-store';
import { DAY_MS, purgeOldJunk, type JunkPurge } from '../storage/junk-purge';
import type { EventHub } from './events';
import { describeError, type Logger } from './logger';
import type { SettingsService } from './settings';

/** The junk purge's schedule. */
export interface JunkPurgeSchedule {
  /** Runs now (after a run in progress) and returns what it deleted. */
  runNow(now?: number): Promise<JunkPurge>;
  /** Runs now and then every day. */
  start(): void;
  /** Stops the daily runs and waits for one in progress. */
  stop(): Promise<void>;
}

/** Builds the junk purge's schedule. */
export function createJunkPurgeSchedule(options: {
  readonly store: MessageStore;
  readonly settings: SettingsService;
  readonly events: EventHub;
  readonly logger: Logger;
}): JunkPurgeSchedule {
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const runNow = (now = Date.now()): Promise<JunkPurge> => {
    const run = running.then(async () => {
      const purged = await purgeOldJunk(options.store, options.settings.get().junkRetentionDays, now);
      if (purged.messageIds.length > 0) {
        options.events.emit('mailChanged', { accountIds: purged.accountIds, folderIds: purged.folderIds, messageIds: purged.messageIds });
      }
      return purged;
    });
    running = run.catch(() => undefined);
    return run;
  };
  const runLogged = (): void => {
    runNow().catch((error: unknown) => options.logger.warn('emptying junk failed', { error: describeError(error) }));
  };
  return {
    runNow,
    start() {
      runLogged();
      timer ??= setInterval(runLogged, DAY_MS);
      timer.unref();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
