import { createTranslator, type Translator } from '../../shared/i18n/catalogs';

const ENGLISH = createTranslator('en');

/** Width of the bar drawn on a terminal, in characters. */
export const PROGRESS_BAR_WIDTH = 24;

/** Percentage step between plain progress lines when output is not a terminal. */
export const PLAIN_PROGRESS_STEP_PERCENT = 10;

/** Reports progress of a long operation (Send/Receive, export, rebuild). */
export interface ProgressReporter {
  update(label: string, done: number, total: number): void;
  /** Ends the progress display with a final line. */
  finish(message: string): void;
}

function percent(done: number, total: number): number {
  if (total <= 0) return 100;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}

/**
 * A progress bar redrawn in place on a terminal; plain lines (at most one per 10% step and label) when
 * output goes to a file, a pipe or cron's mail. JSON mode reports nothing here: results go to stdout.
 */
export function createProgressReporter(stream: { write(text: string): unknown; readonly isTTY?: boolean }, translator: Translator = ENGLISH): ProgressReporter {
  // Numbers in the user's locale: the label and the final line arrive in words already.
  const number = (value: number): string => translator.intl.formatNumber(value);
  const share = (value: number): string => translator.intl.formatNumber(value / 100, { style: 'percent' });
  if (stream.isTTY === true) {
    let drawn = false;
    return {
      update(label, done, total) {
        const value = percent(done, total);
        const filled = Math.round((value / 100) * PROGRESS_BAR_WIDTH);
        const bar = `${'#'.repeat(filled)}${'-'.repeat(PROGRESS_BAR_WIDTH - filled)}`;
        stream.write(`\r\x1b[2K[${bar}] ${share(value).padStart(4)} ${label} (${number(done)}/${number(total)})`);
        drawn = true;
      },
      finish(message) {
        stream.write(`${drawn ? '\r\x1b[2K' : ''}${message}\n`);
        drawn = false;
      },
    };
  }
  const lastStep = new Map<string, number>();
  return {
    update(label, done, total) {
      const step = Math.floor(percent(done, total) / PLAIN_PROGRESS_STEP_PERCENT);
      if (lastStep.get(label) === step) return;
      lastStep.set(label, step);
      stream.write(`${label}: ${number(done)}/${number(total)} (${share(percent(done, total))})\n`);
    },
    finish(message) {
      stream.write(`${message}\n`);
    },
  };
}
