/**
 * The mail window while a large Send/Receive arrives: Dovecot's maildrop is filled with thousands of
 * small messages, F9 fetches them over POP3, and Chromium watches the whole arrival with a long-task
 * observer. The list must stay responsive (no main-thread task over the limit), show new mail batch by
 * batch rather than all at the end, never show a row whose sender or subject is still a placeholder,
 * and list every message once the receive is done.
 *
 * A long task is measured in wall time, and on a loaded machine the operating system takes the
 * renderer off the processor in the middle of a task: a task of 2 ms of work was seen to last 100 ms,
 * and one of 24 ms to last 500 ms. So the goal — no task over 100 ms — is asserted as work, from a
 * Chromium trace of the arrival (the processor time of every main-thread task, which a loaded machine
 * does not stretch); the long-task observer's wall times, what the user would feel, are reported
 * against the goal and asserted only at a freeze (FREEZE_MS), which load alone does not reach.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import type { SizeBand } from '../servers/maildir';
import { startMailEnvironment, type MailEnvironment } from './support/mail-environment';
import { FREEZE_MS, traceMainThreadTasks } from './support/task-times';
import { ui } from './support/words';

/** Messages in the maildrop when F9 is pressed. */
const MESSAGE_COUNT = 10_000;
/** Small messages, so the time goes to listing them and not to moving bytes. */
const SMALL_MESSAGES: readonly SizeBand[] = [{ weight: 1, minBytes: 600, maxBytes: 2_000 }];
/**
 * The goal for the longest main-thread task while mail arrives (a user feels more as a stall): asserted
 * on the processor time of each task, reported for the long-task observer's wall time.
 */
const MAX_TASK_MS = 100;
/** A deliberate stall that checks the long-task observer works in this browser. */
const CALIBRATION_STALL_MS = 2 * MAX_TASK_MS;
/** Longest wait for the window to show something. */
const UI_TIMEOUT_MS = 20_000;
/** Longest wait for every message to be listed. */
const ARRIVAL_TIMEOUT_MS = 150_000;
/** Whole scenario, maildrop filling included. */
const TEST_TIMEOUT_MS = 240_000;
/** What the sender and subject columns show before a message's headers are known. */
const PLACEHOLDERS = [ui('list.notReadYet'), 'not indexed', '…'] as const;

/** What the page records during the arrival. */
interface ArrivalRecord {
  longTasks: number[];
  rowCounts: number[];
  placeholders: string[];
  rowsSeen: number;
}

let env: MailEnvironment;

/** Runs a deliberate stall of `stallMs` in the page, as a task of its own. */
async function stall(page: Page, stallMs: number): Promise<void> {
  await page.evaluate((milliseconds: number) => {
    setTimeout(() => {
      const until = performance.now() + milliseconds;
      while (performance.now() < until) {
        // A task as long as a stall a user would feel.
      }
    }, 0);
  }, stallMs);
}

before(async () => {
  env = await startMailEnvironment();
  await env.postfix.dovecot.generateMessages({ count: MESSAGE_COUNT, sizes: SMALL_MESSAGES, seed: 16 });
  await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
});

after(async () => {
  await env?.stop();
});

test(
  `${MESSAGE_COUNT.toLocaleString('en')} new messages arrive batch by batch with their columns filled, and the window stays responsive`,
  { timeout: TEST_TIMEOUT_MS },
  async () => {
    const { page, problems } = await env.openPage();
    const grid = page.getByRole('grid', { name: ui('mail.messages') });
    await grid.waitFor({ timeout: UI_TIMEOUT_MS });
    await page.getByRole('treeitem', { name: /^Alice/ }).waitFor({ timeout: UI_TIMEOUT_MS });

    await page.evaluate(
      ({ placeholders }) => {
        const record: ArrivalRecord = { longTasks: [], rowCounts: [], placeholders: [], rowsSeen: 0 };
        (window as unknown as { arrival: ArrivalRecord }).arrival = record;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) record.longTasks.push(entry.duration);
        }).observe({ type: 'longtask' });
        new MutationObserver(() => {
          const count = Number(document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') ?? '1') - 1;
          if (record.rowCounts.at(-1) !== count) record.rowCounts.push(count);
          for (const cell of document.querySelectorAll('.grid-body [role="row"] .col-sender, .grid-body [role="row"] .col-subject')) {
            record.rowsSeen += 1;
            const text = cell.textContent ?? '';
            if (placeholders.some((placeholder) => text.includes(placeholder)) && record.placeholders.length < 20) record.placeholders.push(text);
          }
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-rowcount'] });
      },
      { placeholders: PLACEHOLDERS },
    );

    // The observer and the trace see a deliberate stall, so a quiet record below means a quiet window.
    const calibration = await traceMainThreadTasks(page, async () => {
      await stall(page, CALIBRATION_STALL_MS);
      await page.waitForFunction(
        (stallMs) => (window as unknown as { arrival: ArrivalRecord }).arrival.longTasks.some((duration) => duration >= stallMs),
        CALIBRATION_STALL_MS,
        { timeout: UI_TIMEOUT_MS },
      );
    });
    assert.ok(
      calibration.some((task) => task.wallMs >= CALIBRATION_STALL_MS && task.cpuMs > 0),
      `the trace shows the deliberate stall among ${calibration.length} main-thread tasks`,
    );
    await page.evaluate(() => (window as unknown as { arrival: ArrivalRecord }).arrival.longTasks.splice(0));

    let arrivalMs = 0;
    let record: ArrivalRecord | undefined;
    const arrivalTasks = await traceMainThreadTasks(page, async () => {
      const started = performance.now();
      await grid.focus();
      await page.keyboard.press('F9');
      await page.waitForFunction((count) => document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === String(count + 1), MESSAGE_COUNT, {
        timeout: ARRIVAL_TIMEOUT_MS,
        polling: 500,
      });
      arrivalMs = performance.now() - started;
      // Read while the trace still runs: ending a trace is work of its own in the window.
      record = await page.evaluate(() => (window as unknown as { arrival: ArrivalRecord }).arrival);
    });
    assert.ok(record !== undefined, 'the page kept its record of the arrival');
    assert.ok(arrivalTasks.length > 0, 'the trace shows the tasks of the arrival');
    const mostWork = Math.max(0, ...arrivalTasks.map((task) => task.cpuMs));

    const longest = Math.max(0, ...record.longTasks, ...arrivalTasks.map((task) => task.wallMs));
    const steps = record.rowCounts.filter((count) => count > 0 && count < MESSAGE_COUNT);
    console.log(
      `${MESSAGE_COUNT} messages listed ${Math.round(arrivalMs)} ms after F9, in ${record.rowCounts.length} steps ` +
        `(${record.rowCounts.slice(0, 12).join(', ')}${record.rowCounts.length > 12 ? ', …' : ''}); ` +
        `long tasks: ${record.longTasks.length}, longest ${Math.round(longest)} ms (goal ${MAX_TASK_MS} ms ${longest <= MAX_TASK_MS ? 'met' : 'missed'}); ` +
        `most processor time in one of ${arrivalTasks.length} tasks: ${mostWork.toFixed(1)} ms`,
    );
    assert.ok(steps.length >= 1, `rows appeared batch by batch, not all at once: ${JSON.stringify(record.rowCounts)}`);
    assert.ok(record.rowsSeen > 0, 'rows were rendered while mail arrived');
    assert.deepEqual(record.placeholders, [], 'every listed row had its sender and subject');
    assert.ok(
      mostWork <= MAX_TASK_MS,
      `a main-thread task worked ${mostWork.toFixed(1)} ms: ${JSON.stringify(
        arrivalTasks
          .map((task) => Math.round(task.cpuMs))
          .sort((left, right) => right - left)
          .slice(0, 10),
      )}`,
    );
    assert.ok(longest <= FREEZE_MS, `the window froze for ${Math.round(longest)} ms: ${JSON.stringify(record.longTasks.map(Math.round))}`);

    // The newest message is at the top with the columns its headers give.
    const firstRow = grid.locator('.grid-body [role="row"][aria-rowindex="2"]');
    assert.match(await firstRow.locator('.col-subject').innerText(), new RegExp(`#${MESSAGE_COUNT}$`));
    assert.match(await firstRow.locator('.col-sender').innerText(), /^Sender \d+$/);
    assert.deepEqual(problems, []);
    await page.close();
  },
);
