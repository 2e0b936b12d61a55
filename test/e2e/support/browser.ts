import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, which the tests drive (Playwright's own browser download is not used). */
export const CHROMIUM_PATH = process.env['MAILBAG_CHROMIUM'] ?? '/usr/bin/chromium';

/** Flags for a quiet headless Chromium that contacts nothing but the page under test. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
] as const;

/**
 * The browser's language unless a test asks for another: the tests find controls by their English
 * names. MAILBAG_E2E_LOCALE runs the tests in another language (`de-DE`): those that find controls by
 * role or structure, not by English text, must pass in every language.
 */
export const DEFAULT_BROWSER_LOCALE = process.env['MAILBAG_E2E_LOCALE'] ?? 'en-US';

/**
 * Starts headless Chromium speaking `locale` (a BCP 47 tag: `de-DE`, `ar`, `en-XA`): every page and
 * context it opens reports it in `navigator.languages` (unless the test passes a locale of its own), so
 * a new profile's window follows it as it follows the system.
 */
export async function launchChromium(options: { readonly locale?: string } = {}): Promise<Browser> {
  const locale = options.locale ?? DEFAULT_BROWSER_LOCALE;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, `--lang=${locale}`] });
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = (contextOptions = {}) => newContext({ locale, ...contextOptions });
  browser.newPage = (pageOptions = {}) => newPage({ locale, ...pageOptions });
  return browser;
}

/**
 * Collects what would tell a user something is broken: uncaught page errors, console errors (CSP
 * violations among them) and failed requests.
 */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  return problems;
}
