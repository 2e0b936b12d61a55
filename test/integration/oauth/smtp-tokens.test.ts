/**
 * One sign-in with the provider serves both protocols: Chromium goes through the authorization
 * server's pages, Dovecot validates the access token for POP3, and Postfix accepts the same token
 * for SMTP through Dovecot SASL (OAUTHBEARER and XOAUTH2). A token for another audience is refused.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { connectPop3 } from '../../../electron/protocols/pop3';
import { composeMessage, sendMessage, type SmtpSendOutcome } from '../../../electron/protocols/smtp';
import { createCredentialStore } from '../../../electron/services/credentials/credential-store';
import type { OAuthConfiguration } from '../../../electron/services/oauth/client-config';
import type { TokenSet } from '../../../electron/services/oauth/token-endpoint';
import { createOAuthTokenKeeper } from '../../../electron/services/oauth/token-keeper';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { OTHER_RESOURCE } from '../../servers/authorization-server';
import type { PostfixServer } from '../../servers/postfix';
import { postfixConnection, POSTFIX_TEST_TIMEOUT_MS } from '../smtp/support';
import { startPostfixSignIn, type PostfixSignIn } from './consent-browser';

let world: PostfixSignIn;
let postfix: PostfixServer;

before(async () => {
  world = await startPostfixSignIn();
  postfix = world.postfix;
});
after(() => world.stop());

const configuration = (extra: Readonly<Record<string, string>> = {}): OAuthConfiguration => world.configuration(extra);
const signIn = (extra: Readonly<Record<string, string>> = {}): Promise<TokenSet> => world.signIn(extra);

function code(outcome: SmtpSendOutcome): string {
  return outcome.kind === 'sent' ? 'sent' : `${outcome.kind}:${outcome.error.code}`;
}

test('sign in once, send with the token through Postfix, and receive the message by POP3 with it', { timeout: POSTFIX_TEST_TIMEOUT_MS }, async () => {
  const keeper = createOAuthTokenKeeper({
    credentials: createCredentialStore({ profileDir: '/nonexistent-profile', keychain: memoryKeychain() }),
    configurationOf: () => configuration(),
  });
  await keeper.rememberSignIn('account-1', await signIn());
  const subject = `Signed in with a token ${Date.now()}`;
  const message = await composeMessage({
    from: { address: 'alice@example.test' },
    to: [{ address: `bob@${postfix.domain}` }],
    subject,
    text: 'Sent and fetched with one sign-in.\n',
  });
  const outcome = await keeper.withAccessToken('account-1', (accessToken) =>
    sendMessage({ connection: postfixConnection(postfix, 'starttls'), credentials: { type: 'oauth2', username: postfix.user, accessToken }, message }),
  );
  assert.equal(code(outcome), 'sent', JSON.stringify(outcome));
  assert.equal(outcome.server?.mechanism, 'OAUTHBEARER');
  await postfix.waitForDeliveries(1);

  const received = await keeper.withAccessToken('account-1', async (accessToken) => {
    const session = await connectPop3({ host: postfix.dovecot.host, port: postfix.dovecot.tlsPort, security: 'tls', ca: postfix.caPem });
    try {
      await session.authenticate({ username: postfix.user, oauth2Token: accessToken, mechanisms: ['OAUTHBEARER'] });
      const { count } = await session.stat();
      const texts: string[] = [];
      for (let number = 1; number <= count; number += 1) {
        const chunks: Buffer[] = [];
        const sink = new Writable({
          write(chunk: Buffer, _encoding, done) {
            chunks.push(chunk);
            done();
          },
        });
        await session.retr(number, sink);
        texts.push(Buffer.concat(chunks).toString('utf8'));
      }
      return texts;
    } finally {
      session.close();
    }
  });
  assert.ok(
    received.some((text) => text.includes(`Subject: ${subject}`)),
    'the sent message arrives in the mailbox',
  );
});

test('XOAUTH2 can be forced for SMTP and signs in with the same token', { timeout: POSTFIX_TEST_TIMEOUT_MS }, async () => {
  const tokens = await signIn();
  const message = await composeMessage({
    from: { address: 'alice@example.test' },
    to: [{ address: `bob@${postfix.domain}` }],
    subject: 'xoauth2',
    text: 'hi\n',
  });
  const outcome = await sendMessage({
    connection: postfixConnection(postfix, 'tls'),
    credentials: { type: 'oauth2', username: postfix.user, accessToken: tokens.accessToken, mechanism: 'XOAUTH2' },
    message,
  });
  assert.equal(code(outcome), 'sent', JSON.stringify(outcome));
  assert.equal(outcome.server?.mechanism, 'XOAUTH2');
});

test('Postfix refuses a token for another audience', { timeout: POSTFIX_TEST_TIMEOUT_MS }, async () => {
  const tokens = await signIn({ resource: OTHER_RESOURCE });
  const message = await composeMessage({
    from: { address: 'alice@example.test' },
    to: [{ address: `bob@${postfix.domain}` }],
    subject: 'refused',
    text: 'hi\n',
  });
  const outcome = await sendMessage({
    connection: postfixConnection(postfix, 'starttls'),
    credentials: { type: 'oauth2', username: postfix.user, accessToken: tokens.accessToken, mechanism: 'OAUTHBEARER' },
    message,
  });
  assert.equal(code(outcome), 'failed:AUTH_FAILED', JSON.stringify(outcome));
});
