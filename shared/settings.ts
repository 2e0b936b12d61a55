import { z } from 'zod';
import { conversationFoldersSchema, DEFAULT_CONVERSATION_FOLDERS } from './conversations';
import { languageSchema } from './i18n/language-schema';

/** Longest automatic check interval offered (one day), in minutes. */
export const MAX_CHECK_INTERVAL_MINUTES = 24 * 60;

/** Longest time a sent message can still be taken back (undo send), in seconds. */
export const MAX_UNDO_SEND_SECONDS = 30;

/** Longest wait before a shown message is marked read, in seconds (Thunderbird allows any; a minute is plenty). */
export const MAX_MARK_READ_SECONDS = 60;

/** Most senders whose remote content (images) loads without asking; the oldest choices go first. */
export const MAX_REMOTE_CONTENT_SENDERS = 1000;

/** Longest time junk may be kept before it is deleted for good, in days (ten years). */
export const MAX_JUNK_RETENTION_DAYS = 3650;

/** Narrowest and widest the folder pane may be dragged, in CSS pixels. */
export const FOLDER_PANE_WIDTH = { min: 140, max: 480 } as const;

/** Narrowest and widest the message list may be dragged, in CSS pixels. */
export const LIST_PANE_WIDTH = { min: 280, max: 2400 } as const;

/** Longest update feed address accepted. */
export const MAX_UPDATE_FEED_LENGTH = 2048;

/**
 * Whether a text can be the update feed: an https address without user name or password (updates are
 * code Mailbag will run, so they never come over plain http).
 */
export function isUpdateFeedUrl(text: string): boolean {
  if (text.length > MAX_UPDATE_FEED_LENGTH) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname !== '';
  } catch {
    return false;
  }
}
/** Most spell-checking languages at once (Chromium checks against each; a few is what anyone uses). */
export const MAX_SPELL_CHECK_LANGUAGES = 8;

/** A BCP 47 language tag as Chromium names its dictionaries ("en-US", "de", "pt-BR"). */
export const SPELL_CHECK_LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** Longest address kept in `remoteContentSenders` (RFC 5321 §4.5.3.1.3 path limit). */
const MAX_REMOTE_CONTENT_SENDER_LENGTH = 256;

/** The user's application-wide preferences, validated wherever they are read or written. */
export const settingsSchema = z.strictObject({
  /** Light, dark, or follow the operating system. */
  appearance: z.enum(['system', 'light', 'dark']),
  /** Minutes between automatic Send/Receive runs; 0 means only when asked. */
  checkIntervalMinutes: z.number().int().min(0).max(MAX_CHECK_INTERVAL_MINUTES),
  /** Whether to run Send/Receive when Mailbag starts. */
  checkAtStartup: z.boolean(),
  /** Keyboard shortcuts preset: Outlook's keys by default, Thunderbird's as the alternative. */
  keyboardPreset: z.enum(['outlook', 'thunderbird']),
  /** Desktop notifications for new mail. */
  notifications: z.boolean(),
  /** Send a message as soon as its undo time has passed (Outlook's "send immediately when connected"); otherwise it waits for Send/Receive. */
  sendImmediately: z.boolean(),
  /** Seconds a sent message waits in the Outbox so Undo can take it back; 0 sends at once. */
  undoSendSeconds: z.number().int().min(0).max(MAX_UNDO_SEND_SECONDS),
  /** Lower-case sender addresses whose messages show remote images at once (the reader's "Always for this sender"). */
  remoteContentSenders: z.array(z.string().min(3).max(MAX_REMOTE_CONTENT_SENDER_LENGTH)).max(MAX_REMOTE_CONTENT_SENDERS),
  /** In dark mode, show messages' HTML with dark colours too (skipped for messages that bring their own dark design). */
  darkReading: z.boolean(),
  /** Widths the user dragged the folder pane and the message list to, in CSS pixels; null keeps the window's own layout. */
  paneWidths: z
    .strictObject({
      folders: z.number().int().min(FOLDER_PANE_WIDTH.min).max(FOLDER_PANE_WIDTH.max),
      list: z.number().int().min(LIST_PANE_WIDTH.min).max(LIST_PANE_WIDTH.max),
    })
    .nullable(),
  /** The message list shows conversations (threads) instead of single messages. */
  conversations: z.boolean(),
  /** Folder roles conversations span besides the folder shown (Inbox and Sent by default). */
  conversationFolders: conversationFoldersSchema,
  /**
   * Seconds a message stays shown in the reader before it is marked read (0: at once, as Thunderbird
   * does by default); null: never, only by hand. Choosing another message first cancels the wait.
   */
  markReadAfterSeconds: z.number().int().min(0).max(MAX_MARK_READ_SECONDS).nullable(),
  /**
   * Days a message judged junk stays in Junk before it is deleted for good, as Thunderbird's junk purge
   * (counted from the verdict, checked at start and daily); 0 keeps junk until it is deleted by hand.
   */
  junkRetentionDays: z.number().int().min(0).max(MAX_JUNK_RETENTION_DAYS),
  /** Desktop app: an icon in the notification area (tray) with the unread count and a few commands. */
  trayIcon: z.boolean(),
  /** Desktop app: start with the window minimised (hidden in the tray when the tray icon is on). */
  startMinimised: z.boolean(),
  /** Desktop app: start Mailbag when the user signs in to the computer. */
  startAtLogin: z.boolean(),
  /** Desktop app: at start, ask to become the default mail program when it is not (the question's "Always check at startup"). */
  checkDefaultMailHandler: z.boolean(),
  /**
   * Desktop app: where updates are published (an electron-builder "generic" feed, the folder holding
   * latest.yml); null: no automatic updates, unless the build names a feed.
   */
  updateFeedUrl: z.string().max(MAX_UPDATE_FEED_LENGTH).refine(isUpdateFeedUrl, 'An https address').nullable(),
  /** Everyone the user writes to is added to the address book's "Collected addresses" once the server accepted the message. */
  collectAddresses: z.boolean(),
  /** The language of the window, the command line's defaults and the reply and forward headers; null follows the operating system. */
  language: languageSchema,
  /** Misspelled words are underlined while writing (Electron's spell checker in the app, the browser's own in a browser). */
  spellCheck: z.boolean(),
  /** The dictionaries the app's spell checker uses; empty: the app's language. Not used on macOS, whose checker chooses. */
  spellCheckLanguages: z.array(z.string().max(35).regex(SPELL_CHECK_LANGUAGE)).max(MAX_SPELL_CHECK_LANGUAGES),
  /** Ask before sending a message the spell checker finds misspelled words in (in the app; a browser cannot say). */
  checkSpellingBeforeSend: z.boolean(),
});

/** Application-wide preferences. */
export type Settings = z.infer<typeof settingsSchema>;

/** A change to some of the settings; keys not given stay as they are. */
export const settingsPatchSchema = settingsSchema.partial();

/** A change to some of the settings. */
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** What a new profile starts with. */
export const DEFAULT_SETTINGS: Settings = {
  appearance: 'system',
  checkIntervalMinutes: 10,
  checkAtStartup: true,
  keyboardPreset: 'outlook',
  notifications: true,
  sendImmediately: true,
  undoSendSeconds: 5,
  remoteContentSenders: [],
  darkReading: true,
  paneWidths: null,
  conversations: false,
  conversationFolders: [...DEFAULT_CONVERSATION_FOLDERS],
  markReadAfterSeconds: 0,
  junkRetentionDays: 30,
  trayIcon: false,
  startMinimised: false,
  startAtLogin: false,
  checkDefaultMailHandler: true,
  updateFeedUrl: null,
  collectAddresses: true,
  language: null,
  spellCheck: true,
  spellCheckLanguages: [],
  checkSpellingBeforeSend: false,
};
