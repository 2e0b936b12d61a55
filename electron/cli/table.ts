/** The one table printer of the command line: what `list`, `search`, `account list`, `server list` and `outbox` print. */
import { visibleControls } from '../../shared/terminal-text';

/** Left-aligned columns separated by two spaces; the first row (the headings) sets the number of columns. */
export function table(rawRows: readonly (readonly string[])[]): string {
  // Cells quote mail and servers: control characters are made visible before the columns are measured.
  const rows = rawRows.map((row) => row.map((cell) => visibleControls(cell)));
  const widths = rows[0]?.map((_cell, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
