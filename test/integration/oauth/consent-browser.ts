import type { Browser, Page } from 'playwright-core';

/**
 * Goes through oidc-provider's own sign-in and consent pages in Chromium as a person would: the user
 * name and password typed into the form, then "Continue" on the consent page. Resolves once the
 * browser has followed the redirect back to Mailbag's loopback listener and shows its page.
 */
export async function consentInBrowser(browser: Browser, url: string, user: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.locator('input[name="login"]').fill(user);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((target) => target.pathname === '/oauth/callback');
  return page;
}
