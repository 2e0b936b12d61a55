/**
 * One way of showing a size everywhere Mailbag shows one (lists, reader, Server mailbox, command line):
 * 1 KB = 1024 bytes as file managers count; kilobytes whole from 10 KB up (a tenth of a KB says nothing),
 * megabytes and larger always with one decimal (a tenth of a MB matters for a slow connection).
 */
const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/** A byte count as people read it: "812 B", "2.9 KB", "14 KB", "3.2 MB", "51.1 MB". */
export function formatByteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  // A value that would round to 1024 of a unit is shown as 1.0 of the next one.
  while (value >= 1023.95 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 && value >= 10 ? String(Math.round(value)) : value.toFixed(1);
  return `${shown} ${UNITS[unit]}`;
}
