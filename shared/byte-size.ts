/**
 * One way of showing a size everywhere Mailbag shows one (lists, reader, Server mailbox, command line):
 * 1 KB = 1024 bytes as file managers count, one decimal below 10 units, whole numbers above.
 */
const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/** A byte count as people read it: "812 B", "2.9 KB", "14 KB", "3.2 MB". */
export function formatByteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value < 10 ? value.toFixed(1) : String(Math.round(value));
  // Rounding can reach the next unit (1023.6 KB shows as 1024 KB): say 1.0 MB instead.
  if (shown === '1024' && unit < UNITS.length - 1) return `1.0 ${UNITS[unit + 1]}`;
  return `${shown} ${UNITS[unit]}`;
}
