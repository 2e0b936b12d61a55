/**
 * The mail window driven as the desktop app drives it: the core runs in the test's own process, so the
 * test can do what Electron's main process does — click the application menu (built on the fake
 * electron module), emit a window command, open a `mailto:` link — while Chromium shows the renderer
 * through the browser bridge. Mail comes from a real Postfix delivering into a real Dovecot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { createCore, type Core } from '../../../electron/main/core';
import { builtRendererDir } from '../../../electron/main/paths';
import { createStreamLogger } from '../../../electron/services/logger';
import { startWebBridge, type WebBridge } from '../../../electron/web/server';
import { accountSettingsSchema, defaultPolicy } from '../../../shared/accounts';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { startPostfix, TEST_DOMAIN, type PostfixServer } from '../../servers/postfix';
import { launchChromium, watchForProblems } from './browser';

/** A desktop mail window on a profile of the test's own. */
export interface DesktopWindow {
  readonly core: Core;
  readonly postfix: PostfixServer;
  readonly bridge: WebBridge;
  readonly browser: Browser;
  /** Adds `local`@example.test (mail left on the server, no check at start-up); returns its id. */
  addAccount(local: string): Promise<string>;
  /** Delivers a raw message to `to` through Postfix and waits until Dovecot stored it. */
  deliver(raw: string, to: string): Promise<void>;
  /** A page of the window at the given size, collecting problems. */
  openPage(size: { readonly width: number; readonly height: number }): Promise<{ page: Page; problems: string[] }>;
  stop(): Promise<void>;
}

/** Starts the servers, the core with its bridge, and Chromium. */
export async function startDesktopWindow(): Promise<DesktopWindow> {
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'mailbag-e2e-desktop-'));
  const stops: Array<() => Promise<unknown>> = [async () => rmSync(profileDir, { recursive: true, force: true })];
  const stop = async (): Promise<void> => {
    for (const step of stops.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    const postfix = await startPostfix();
    stops.push(() => postfix.stop());
    const logger = createStreamLogger(() => undefined, true);
    const core = await createCore({ profileDir, logger, keychain: memoryKeychain() });
    stops.push(() => core.close());
    const bridge = await startWebBridge({ registry: core.registry, events: core.events, rendererDir: builtRendererDir(), logger });
    stops.push(() => bridge.close());
    const browser = await launchChromium();
    stops.push(() => browser.close());
    const transport = nodemailer.createTransport({ host: postfix.host, port: postfix.plainPort, secure: false, ignoreTLS: true });
    return {
      core,
      postfix,
      bridge,
      browser,
      async addAccount(local) {
        const address = `${local}@${TEST_DOMAIN}`;
        const display = local.charAt(0).toUpperCase() + local.slice(1);
        const settings = accountSettingsSchema.parse({
          name: display,
          displayName: `${display} Example`,
          address,
          identities: [],
          incoming: { host: postfix.host, port: postfix.dovecot.tlsPort, security: 'tls', username: postfix.user, auth: 'auto', caPem: postfix.caPem },
          outgoing: {
            host: postfix.host,
            port: postfix.submissionPort,
            security: 'starttls',
            username: postfix.user,
            credentials: 'same',
            caPem: postfix.caPem,
          },
          policy: { ...defaultPolicy(true), checkAtStartup: false },
          allowInsecure: false,
        });
        const result = await core.registry.dispatch('saveAccount', { settings, pop3Password: postfix.password, rememberPasswords: true }, { transport: 'web' });
        if (!result.ok) throw new Error(`saveAccount failed: ${result.error.code} ${result.error.message}`);
        return (result.value as { account: { id: string } }).account.id;
      },
      async deliver(raw, to) {
        const before = (await postfix.listDelivered()).length;
        await transport.sendMail({ envelope: { from: `sender@${TEST_DOMAIN}`, to: [to] }, raw });
        await postfix.waitForDeliveries(before + 1);
      },
      async openPage(size) {
        const page = await browser.newPage({ viewport: { width: size.width, height: size.height } });
        const problems = watchForProblems(page);
        await page.goto(bridge.url);
        return { page, problems };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
