/**
 * The mail window while a large Send/Receive arrives: Dovecot's maildrop is filled with thousands of
 * small messages, F9 fetches them over POP3, and Chromium watches the whole arrival with a long-task
 * observer. The list must stay responsive (no main-thread task over the limit), show new mail batch by
 * batch rather than all at the end, never show a row whose sender or subject is still a placeholder,
 * and list every message once the receive is done.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPolicy } from '../../shared/accounts';
import type { SizeBand } from '../servers/maildir';
import { startMailEnvironment, type MailEnvironment } from './support/mail-environment';

/** Messages in the maildrop when F9 is pressed. */
const MESSAGE_COUNT = 10_000;
/** Small messages, so the time goes to listing them and not to moving bytes. */
const SMALL_MESSAGES: readonly SizeBand[] = [{ weight: 1, minBytes: 600, maxBytes: 2_000 }];
/** The goal for the longest main-thread task while mail arrives (a user feels more as a stall); reported. */
const MAX_TASK_MS = 100;
/**
 * The longest task the test accepts. A long task is measured in wall time, and on a loaded two-core
 * machine the receive's own parse workers and other processes stretch the window's batch updates (a few
 * tens of milliseconds of work) past the goal now and then (up to 120 ms seen); a list that redid work
 * in proportion to the folder's size would take seconds and fail here.
 */
const MAX_TASK_UNDER_LOAD_MS = 250;
/** A deliberate stall that checks the long-task observer works in this browser. */
const CALIBRATION_STALL_MS = 2 * MAX_TASK_MS;
/** Longest wait for the window to show something. */
const UI_TIMEOUT_MS = 20_000;
/** Longest wait for every message to be listed. */
const ARRIVAL_TIMEOUT_MS = 150_000;
/** Whole scenario, maildrop filling included. */
const TEST_TIMEOUT_MS = 240_000;
/** What the sender and subject columns show before a message's headers are known. */
const PLACEHOLDERS = ['(not read yet)', 'not indexed', '…'] as const;

/** What the page records during the arrival. */
interface ArrivalRecord {
  longTasks: number[];
  rowCounts: number[];
  placeholders: string[];
  rowsSeen: number;
}

let env: MailEnvironment;

before(async () => {
  env = await startMailEnvironment();
  await env.postfix.dovecot.generateMessages({ count: MESSAGE_COUNT, sizes: SMALL_MESSAGES, seed: 16 });
  await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
});

after(async () => {
  await env?.stop();
});

test(`${MESSAGE_COUNT.toLocaleString('en')} new messages arrive batch by batch with their columns filled, and the window stays responsive`, { timeout: TEST_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage();
  const grid = page.getByRole('grid', { name: 'Messages' });
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

  // The observer sees a deliberate stall, so a quiet record below means a quiet window.
  await page.evaluate((stallMs) => {
    setTimeout(() => {
      const until = performance.now() + stallMs;
      while (performance.now() < until) {
        // A task as long as a stall a user would feel.
      }
    }, 0);
  }, CALIBRATION_STALL_MS);
  await page.waitForFunction((stallMs) => (window as unknown as { arrival: ArrivalRecord }).arrival.longTasks.some((duration) => duration >= stallMs), CALIBRATION_STALL_MS, {
    timeout: UI_TIMEOUT_MS,
  });
  await page.evaluate(() => (window as unknown as { arrival: ArrivalRecord }).arrival.longTasks.splice(0));

  const started = performance.now();
  await grid.focus();
  await page.keyboard.press('F9');
  await page.waitForFunction((count) => document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === String(count + 1), MESSAGE_COUNT, {
    timeout: ARRIVAL_TIMEOUT_MS,
    polling: 500,
  });
  const arrivalMs = performance.now() - started;
  const record = await page.evaluate(() => (window as unknown as { arrival: ArrivalRecord }).arrival);

  const longest = Math.max(0, ...record.longTasks);
  const steps = record.rowCounts.filter((count) => count > 0 && count < MESSAGE_COUNT);
  console.log(
    `${MESSAGE_COUNT} messages listed ${Math.round(arrivalMs)} ms after F9, in ${record.rowCounts.length} steps ` +
      `(${record.rowCounts.slice(0, 12).join(', ')}${record.rowCounts.length > 12 ? ', …' : ''}); ` +
      `long tasks: ${record.longTasks.length}, longest ${Math.round(longest)} ms (goal ${MAX_TASK_MS} ms ${longest <= MAX_TASK_MS ? 'met' : 'missed'})`,
  );
  assert.ok(steps.length >= 1, `rows appeared batch by batch, not all at once: ${JSON.stringify(record.rowCounts)}`);
  assert.ok(record.rowsSeen > 0, 'rows were rendered while mail arrived');
  assert.deepEqual(record.placeholders, [], 'every listed row had its sender and subject');
  assert.ok(longest <= MAX_TASK_UNDER_LOAD_MS, `longest main-thread task ${Math.round(longest)} ms: ${JSON.stringify(record.longTasks.map(Math.round))}`);

  // The newest message is at the top with the columns its headers give.
  const firstRow = grid.locator('.grid-body [role="row"][aria-rowindex="2"]');
  assert.match(await firstRow.locator('.col-subject').innerText(), new RegExp(`#${MESSAGE_COUNT}$`));
  assert.match(await firstRow.locator('.col-sender').innerText(), /^Sender \d+$/);
  assert.deepEqual(problems, []);
  await page.close();
});
