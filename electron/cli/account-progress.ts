/**
 * Progress of several accounts at once for `mailbag receive`: on a terminal one bar per account, each
 * on its own line, redrawn in place; elsewhere plain lines (each phase, then every 10% step).
 */
import { createTranslator, type Translator } from '../../shared/i18n/catalogs';
import { PLAIN_PROGRESS_STEP_PERCENT, PROGRESS_BAR_WIDTH } from './progress';

/** Progress keyed by account: `update` redraws that account's line. */
export interface AccountProgress {
  update(account: string, phase: string, done: number, total: number): void;
  finish(message: string): void;
}

const CURSOR_UP = (lines: number): string => `\x1b[${lines}A`;
const CLEAR_LINE = '\r\x1b[2K';

const ENGLISH = createTranslator('en');

function bar(done: number, total: number, translator: Translator): string {
  const value = total <= 0 ? 0 : Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
  const filled = Math.round((value / 100) * PROGRESS_BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(PROGRESS_BAR_WIDTH - filled)}] ${translator.intl.formatNumber(value / 100, { style: 'percent' }).padStart(4)}`;
}

/**
 * A bar per account on a terminal (`stream.isTTY`), plain progress lines otherwise; numbers in the
 * translator's locale (the phase arrives in words already).
 */
export function createAccountProgress(stream: { write(text: string): unknown; readonly isTTY?: boolean }, translator: Translator = ENGLISH): AccountProgress {
  const number = (value: number): string => translator.intl.formatNumber(value);
  const percent = (done: number, total: number): string =>
    translator.intl.formatNumber(Math.floor((Math.min(done, total) / total) * 100) / 100, { style: 'percent' });
  if (stream.isTTY !== true) {
    // One line when an account enters a phase, then one per 10% step of a phase that has a total.
    const last = new Map<string, string>();
    return {
      update(account, phase, done, total) {
        const step = total > 0 ? Math.floor(((Math.min(done, total) / total) * 100) / PLAIN_PROGRESS_STEP_PERCENT) : -1;
        const key = `${phase}:${step}`;
        if (last.get(account) === key) return;
        last.set(account, key);
        stream.write(total > 0 ? `${account}: ${phase} ${number(done)}/${number(total)} (${percent(done, total)})\n` : `${account}: ${phase}\n`);
      },
      finish: (message) => void stream.write(`${message}\n`),
    };
  }
  const lines = new Map<string, string>();
  let drawn = 0;
  const redraw = (): void => {
    const width = Math.max(...[...lines.keys()].map((name) => name.length));
    let text = drawn > 0 ? CURSOR_UP(drawn) : '';
    for (const [account, line] of lines) text += `${CLEAR_LINE}${account.padEnd(width)}  ${line}\n`;
    stream.write(text);
    drawn = lines.size;
  };
  return {
    update(account, phase, done, total) {
      lines.set(account, `${bar(done, total, translator)} ${phase}${total > 0 ? ` (${number(done)}/${number(total)})` : ''}`);
      redraw();
    },
    finish(message) {
      stream.write(`${message}\n`);
      drawn = 0;
      lines.clear();
    },
  };
}
