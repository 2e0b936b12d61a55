import type { Page } from 'playwright-core';
import type { PostfixServer } from '../../servers/postfix';

/**
 * Types the test servers into account setup's manual settings, as a user copies them from a provider's
 * page: POP3 over TLS and submission with STARTTLS on 127.0.0.1, signing in as the test user.
 */
export async function fillManualServers(page: Page, postfix: PostfixServer, accountName: string): Promise<void> {
  await page.getByLabel('Account name').fill(accountName);
  await page.getByLabel('Incoming server').fill(postfix.host);
  await page.getByLabel('Incoming port').fill(String(postfix.dovecot.tlsPort));
  await page.getByLabel('Incoming security').selectOption('tls');
  await page.getByLabel('Incoming user name').fill(postfix.user);
  await page.getByLabel('Outgoing server').fill(postfix.host);
  await page.getByLabel('Outgoing port').fill(String(postfix.submissionPort));
  await page.getByLabel('Outgoing security').selectOption('starttls');
}
