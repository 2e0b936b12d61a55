/**
 * Scenarios that answer mail in the window (Reply, Reply all, Forward) and read what arrives: Alice's
 * window with the test's messages received, and the copies Postfix delivers after a Send.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { defaultPolicy } from '../../../shared/accounts';
import type { MailEnvironment } from './mail-environment';
import { ui } from './words';

/** How often a condition is looked at again. */
const POLL_MS = 100;
/** Longest wait for a condition, unless the caller says otherwise. */
const WAIT_TIMEOUT_MS = 30_000;

/** Looks at `condition` until it holds; fails naming `what` after `timeoutMs`. */
export async function waitFor(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = WAIT_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Alice's window with `count` messages received: her account added with mail left on the server (so
 * the maildir keeps every delivery the test reads) and no check at start-up, sending without an undo
 * delay, a page at `size`, and Send/Receive pressed until the unified Inbox lists every message indexed.
 */
export async function openAnsweringWindow(
  env: MailEnvironment,
  size: { readonly width: number; readonly height: number },
  count: number,
): Promise<{ page: Page; problems: string[] }> {
  const accountId = await env.addAccount('alice', { policy: { ...defaultPolicy(true), checkAtStartup: false } });
  assert.ok(accountId !== '');
  const settings = await env.client.call('updateSettings', { undoSendSeconds: 0 });
  assert.ok(settings.ok, 'the undo delay could not be switched off');
  const opened = await env.openPage(size);
  await opened.page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.sendReceive') })
    .click();
  await waitFor(async () => {
    const list = await env.client.call('listMessages', { source: { kind: 'unified-inbox' } });
    return list.ok && list.value.total === count && list.value.messages.every((message) => message.indexed);
  }, `${count} received and indexed messages`);
  return opened;
}

/** The names of the messages in the shared maildir now (every @example.test mailbox is delivered there). */
export async function deliveredNames(env: MailEnvironment): Promise<Set<string>> {
  return new Set((await env.postfix.listDelivered()).map((entry) => entry.baseName));
}

/** Waits until at least `copies` messages arrived that were not there `before`; returns their paths. */
export async function freshDeliveries(env: MailEnvironment, before: ReadonlySet<string>, copies: number): Promise<string[]> {
  let fresh: string[] = [];
  await waitFor(async () => {
    fresh = (await env.postfix.listDelivered()).filter((entry) => !before.has(entry.baseName)).map((entry) => entry.path);
    return fresh.length >= copies;
  }, `${copies} delivered copies`);
  return fresh;
}
