import { z } from 'zod';

/** Longest automatic check interval offered (one day), in minutes. */
export const MAX_CHECK_INTERVAL_MINUTES = 24 * 60;

/** The user's application-wide preferences, validated wherever they are read or written. */
export const settingsSchema = z.strictObject({
  /** Light, dark, or follow the operating system. */
  appearance: z.enum(['system', 'light', 'dark']),
  /** Minutes between automatic Send/Receive runs; 0 means only when asked. */
  checkIntervalMinutes: z.number().int().min(0).max(MAX_CHECK_INTERVAL_MINUTES),
  /** Whether to run Send/Receive when Mailbag starts. */
  checkAtStartup: z.boolean(),
  /** Keyboard shortcuts preset; Outlook-like by default. */
  keyboardPreset: z.enum(['outlook']),
  /** Desktop notifications for new mail. */
  notifications: z.boolean(),
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
};
