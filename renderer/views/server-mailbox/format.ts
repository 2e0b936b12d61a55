/** Plain display of sizes and dates in the Server mailbox. */

/** A size in plain units ("12.3 KB", "50.0 MB"), or "?" when the server did not say. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '?';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}

const DATE_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const DAY_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A message date with its time. */
export function formatDate(time: number | null): string {
  return time === null ? '' : DATE_FORMAT.format(time);
}

/** A day, for removal dates. */
export function formatDay(time: number): string {
  return DAY_FORMAT.format(time);
}
