import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { accountSettingsSchema, defaultPolicy, type AccountSettingsInput } from '../../../shared/accounts';
import { startPostfix, TEST_DOMAIN, type PostfixOptions, type PostfixServer } from '../../servers/postfix';
import { startSecretService, type SecretService } from '../../servers/secret-service';
import { launchChromium, watchForProblems } from './browser';
import { connectContract, type ContractClient } from './contract-client';
import { startWebApp, type RunningWebApp } from './web-app';

/** Where every end-to-end test saves its screenshots. */
export const ARTIFACTS_DIR = path.resolve(__dirname, '..', '..', '..', 'test-results');

/** The two window sizes every view must hold at. */
export const WINDOW_SIZES = [
  { name: 'small', width: 1024, height: 640 },
  { name: 'large', width: 1920, height: 1080 },
] as const;

/** Time an end-to-end scenario with real servers may take. */
export const MAIL_E2E_TIMEOUT_MS = 170_000;

/**
 * Everything a mail scenario runs against: a real Postfix delivering into a real Dovecot (one shared
 * maildir for every @example.test mailbox), a private Secret Service for the keychain, `npm run web`
 * on a profile of the test's own, headless Chromium, and a contract client for arranging state.
 */
export interface MailEnvironment {
  readonly postfix: PostfixServer;
  readonly secrets: SecretService;
  readonly app: RunningWebApp;
  readonly browser: Browser;
  readonly client: ContractClient;
  readonly profileDir: string;
  /** Account settings for `local`@example.test on the test servers (implicit TLS POP3, STARTTLS submission, the test CA). */
  settingsFor(local: string, overrides?: Partial<AccountSettingsInput>): AccountSettingsInput;
  /** Adds an account through the contract (password checked by a real login); returns its id. */
  addAccount(local: string, overrides?: Partial<AccountSettingsInput>): Promise<string>;
  /** Delivers a raw RFC 5322 message through Postfix (port 25 style) and waits until Dovecot stored it. */
  deliver(raw: string | Buffer, envelope: { from: string; to: readonly string[] }): Promise<void>;
  /**
   * A page at the given size, collecting problems (page errors, console errors, failed requests); its
   * browser languages are the tests' language unless `locale` names another (a test of one language).
   */
  openPage(size?: { width: number; height: number }, colorScheme?: 'light' | 'dark', locale?: string): Promise<{ page: Page; problems: string[] }>;
  /** Saves a screenshot under test-results/ as `<name>.png`. */
  screenshot(page: Page, name: string): Promise<void>;
  /** Stops the web app, the browser and the servers, and removes the profile. */
  stop(): Promise<void>;
}

/**
 * Starts the servers, the bridge (with `appEnv` added to its environment) and the browser, which speaks
 * `locale` (English unless a test asks for another language).
 */
export async function startMailEnvironment(
  options: { readonly postfix?: PostfixOptions; readonly appEnv?: NodeJS.ProcessEnv; readonly locale?: string } = {},
): Promise<MailEnvironment> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'mailbag-e2e-mail-'));
  const stops: Array<() => Promise<unknown>> = [async () => rmSync(profileDir, { recursive: true, force: true })];
  const stop = async (): Promise<void> => {
    for (const step of stops.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    const postfix = await startPostfix(options.postfix);
    stops.push(() => postfix.stop());
    const secrets = await startSecretService();
    stops.push(() => secrets.stop());
    const app = await startWebApp(profileDir, { env: { ...process.env, ...secrets.env, ...options.appEnv } });
    stops.push(() => app.stop());
    const browser = await launchChromium(options.locale === undefined ? {} : { locale: options.locale });
    stops.push(() => browser.close());
    const client = await connectContract(app.url);
    stops.push(() => client.close());

    const settingsFor = (local: string, overrides: Partial<AccountSettingsInput> = {}): AccountSettingsInput => {
      const address = `${local}@${TEST_DOMAIN}`;
      const display = local.charAt(0).toUpperCase() + local.slice(1);
      return {
        name: display,
        displayName: `${display} Example`,
        address,
        identities: [],
        incoming: { host: postfix.host, port: postfix.dovecot.tlsPort, security: 'tls', username: postfix.user, auth: 'auto', caPem: postfix.caPem },
        outgoing: { host: postfix.host, port: postfix.submissionPort, security: 'starttls', username: postfix.user, credentials: 'same', caPem: postfix.caPem },
        policy: defaultPolicy(false),
        allowInsecure: false,
        ...overrides,
      };
    };
    const transport = nodemailer.createTransport({ host: postfix.host, port: postfix.plainPort, secure: false, ignoreTLS: true });
    return {
      postfix,
      secrets,
      app,
      browser,
      client,
      profileDir,
      settingsFor,
      async addAccount(local, overrides) {
        const settings = accountSettingsSchema.parse(settingsFor(local, overrides));
        const result = await client.call('saveAccount', { settings, pop3Password: postfix.password, rememberPasswords: true });
        if (!result.ok) throw new Error(`saveAccount failed: ${result.error.code} ${result.error.message}`);
        return result.value.account.id;
      },
      async deliver(raw, envelope) {
        const before = (await postfix.listDelivered()).length;
        await transport.sendMail({ envelope: { from: envelope.from, to: [...envelope.to] }, raw });
        await postfix.waitForDeliveries(before + envelope.to.length);
      },
      async openPage(size = WINDOW_SIZES[0], colorScheme = 'light', locale) {
        const page = await browser.newPage({ viewport: { width: size.width, height: size.height }, colorScheme, ...(locale === undefined ? {} : { locale }) });
        const problems = watchForProblems(page);
        await page.goto(app.url);
        return { page, problems };
      },
      async screenshot(page, name) {
        await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
