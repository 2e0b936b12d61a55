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

/** Starts headless Chromium. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
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
