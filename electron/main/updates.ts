/**
 * Automatic updates through electron-builder's electron-updater, off until a feed is known: the
 * `updateFeedUrl` setting (an https "generic" feed), or a feed the build itself configured (its
 * app-update.yml). With one, Mailbag checks at start and every few hours, downloads an update in the
 * background, and asks whether to restart into it once it is ready (or installs it when Mailbag quits).
 */
import type { Settings } from '../../shared/settings';
import type { EventHub } from '../services/events';
import { describeError, type Logger } from '../services/logger';

/** Hours between two checks for an update while Mailbag runs. */
export const UPDATE_CHECK_INTERVAL_HOURS = 6;
const HOUR_MS = 60 * 60 * 1000;

/** The parts of electron-updater's autoUpdater Mailbag uses. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { readonly provider: 'generic'; readonly url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
  on(event: 'update-downloaded', listener: (info: { readonly version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Timers of the checks (tests pass fakes). */
export interface UpdateTimers {
  every(callback: () => void, intervalMs: number): { stop(): void };
}

const REAL_TIMERS: UpdateTimers = {
  every(callback, intervalMs) {
    const handle = setInterval(callback, intervalMs);
    handle.unref();
    return { stop: () => clearInterval(handle) };
  },
};

/** What the update checks need. */
export interface UpdateOptions {
  /** electron-updater's autoUpdater; only asked for once a feed is known, so nothing loads without one. */
  readonly updater: () => Updater;
  readonly settings: () => Settings;
  readonly events: EventHub;
  /** Whether the build configured a feed of its own (electron-builder's `publish`, app-update.yml). */
  readonly buildFeed: boolean;
  /** Asks whether to restart into the downloaded version now; true to restart. */
  readonly askRestart: (version: string) => Promise<boolean>;
  readonly logger: Logger;
  readonly timers?: UpdateTimers;
}

/** The feed to use: the setting's address, the build's own feed, or none (no checks). */
export function chooseFeed(settings: Settings, buildFeed: boolean): { readonly url: string } | 'build' | null {
  if (settings.updateFeedUrl !== null) return { url: settings.updateFeedUrl };
  return buildFeed ? 'build' : null;
}

/** Starts checking for updates whenever a feed is known, following the setting; returns a stop function. */
export function startUpdates(options: UpdateOptions): () => void {
  const timers = options.timers ?? REAL_TIMERS;
  let updater: Updater | null = null;
  let feedKey: string | null = null;
  let schedule: { stop(): void } | null = null;

  const check = (): void => {
    updater?.checkForUpdates().catch((error: unknown) => options.logger.warn('checking for an update failed', { error: describeError(error) }));
  };
  const prepare = (): Updater => {
    if (updater !== null) return updater;
    const created = options.updater();
    created.autoDownload = true;
    created.autoInstallOnAppQuit = true;
    created.on('error', (error) => options.logger.warn('updating failed', { error: describeError(error) }));
    created.on('update-downloaded', (info) => {
      void options
        .askRestart(info.version)
        .then((restart) => {
          if (restart) created.quitAndInstall();
        })
        .catch((error: unknown) => options.logger.warn('asking to restart for the update failed', { error: describeError(error) }));
    });
    updater = created;
    return created;
  };

  const follow = (): void => {
    const feed = chooseFeed(options.settings(), options.buildFeed);
    const key = feed === null ? null : feed === 'build' ? 'build' : feed.url;
    if (key === feedKey) return;
    feedKey = key;
    schedule?.stop();
    schedule = null;
    if (feed === null) return;
    const running = prepare();
    if (feed !== 'build') running.setFeedURL({ provider: 'generic', url: feed.url });
    check();
    schedule = timers.every(check, UPDATE_CHECK_INTERVAL_HOURS * HOUR_MS);
  };

  follow();
  const unsubscribe = options.events.subscribe((name) => {
    if (name === 'settingsChanged') follow();
  });
  return () => {
    unsubscribe();
    schedule?.stop();
  };
}
