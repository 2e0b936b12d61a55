/** Plain display of sizes and dates in the Server mailbox. */
import { formatByteSize } from '../../../shared/byte-size';

/** A size in plain units, or "?" when the server did not say. */
export function formatBytes(bytes: number | null): string {
  return bytes === null ? '?' : formatByteSize(bytes);
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
