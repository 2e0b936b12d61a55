import type { Page } from 'playwright-core';
import type { PostfixServer } from '../../servers/postfix';
import { ui } from './words';

/**
 * Types the test servers into account setup's manual settings, as a user copies them from a provider's
 * page: POP3 over TLS and submission with STARTTLS on 127.0.0.1, signing in as the test user.
 */
export async function fillManualServers(page: Page, postfix: PostfixServer, accountName: string): Promise<void> {
  await page.getByLabel(ui('setup.accountName')).fill(accountName);
  await page.getByLabel(ui('setup.incomingServer')).fill(postfix.host);
  await page.getByLabel(ui('setup.incomingPort')).fill(String(postfix.dovecot.tlsPort));
  await page.getByLabel(ui('setup.incomingSecurity')).selectOption('tls');
  await page.getByLabel(ui('setup.incomingUser')).fill(postfix.user);
  await page.getByLabel(ui('setup.outgoingServer')).fill(postfix.host);
  await page.getByLabel(ui('setup.outgoingPort')).fill(String(postfix.submissionPort));
  await page.getByLabel(ui('setup.outgoingSecurity')).selectOption('starttls');
}
