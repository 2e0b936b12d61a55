/**
 * The Outbox of an account that signs in with its provider, through the real Postfix trusting the test
 * authorization server: when Postfix refuses the access token the keeper holds, the Outbox renews it
 * once and sends with the new one, and the message is delivered exactly once.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountSettingsSchema, type Account } from '../../../shared/accounts';
import { composeMessage, sendMessage, smtpErrorData, type SmtpSendOutcome } from '../../../electron/protocols/smtp';
import { createCredentialStore } from '../../../electron/services/credentials/credential-store';
import type { OAuthConfiguration } from '../../../electron/services/oauth/client-config';
import type { TokenSet } from '../../../electron/services/oauth/token-endpoint';
import { createOAuthTokenKeeper } from '../../../electron/services/oauth/token-keeper';
import { createOutbox, type OutboxSender } from '../../../electron/services/outbox';
import { openDatabase } from '../../../electron/storage/database';
import { openMessageStore, RAW_DIRECTORY_NAME } from '../../../electron/storage/message-store';
import { sampleSettings } from '../../fakes/account-settings';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { OTHER_RESOURCE } from '../../servers/authorization-server';
import type { PostfixServer } from '../../servers/postfix';
import { POSTFIX_TEST_TIMEOUT_MS } from '../smtp/support';
import { startPostfixSignIn, type PostfixSignIn } from './consent-browser';

const ACCOUNT_ID = 'account-1';
/** Reply timeout of the in-thread sender against the local Postfix. */
const REPLY_TIMEOUT_MS = 30_000;

let world: PostfixSignIn;
let postfix: PostfixServer;

before(async () => {
  world = await startPostfixSignIn();
  postfix = world.postfix;
});
after(() => world.stop());

const configuration = (extra: Readonly<Record<string, string>> = {}): OAuthConfiguration => world.configuration(extra);
const signIn = (extra: Readonly<Record<string, string>> = {}): Promise<TokenSet> => world.signIn(extra);

test('a token Postfix refuses is renewed once, and the Outbox message is sent exactly once', { timeout: POSTFIX_TEST_TIMEOUT_MS }, async () => {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'mailbag-outbox-tokens-'));
  const database = openDatabase(path.join(profile, 'mailbag.sqlite'));
  const store = await openMessageStore({ database, rawDirectory: path.join(profile, RAW_DIRECTORY_NAME) });
  try {
    const settings = accountSettingsSchema.parse(
      sampleSettings({
        name: 'Work',
        address: `alice@${postfix.domain}`,
        signInWith: 'microsoft',
        outgoing: { host: postfix.host, port: postfix.submissionPort, security: 'starttls', username: postfix.user, credentials: 'same', caPem: postfix.caPem },
      }),
    );
    const account: Account = { id: ACCOUNT_ID, name: settings.name, address: settings.address, settings, messageCount: 0, createdAt: 1, updatedAt: 1 };
    database
      .prepare('insert into accounts (id, name, email, settings, created_at, updated_at) values (?, ?, ?, ?, 1, 1)')
      .run(ACCOUNT_ID, settings.name, settings.address, JSON.stringify(settings));

    // The keeper holds a token Postfix refuses (issued for another audience) and a good refresh token.
    const refusedToken = (await signIn({ resource: OTHER_RESOURCE })).accessToken;
    const good = await signIn();
    const keeper = createOAuthTokenKeeper({
      credentials: createCredentialStore({ profileDir: '/nonexistent-profile', keychain: memoryKeychain() }),
      configurationOf: () => configuration(),
    });
    await keeper.rememberSignIn(ACCOUNT_ID, { ...good, accessToken: refusedToken });

    const attempts: Array<{ readonly token: string | undefined; readonly outcome: SmtpSendOutcome }> = [];
    const inThread: OutboxSender = async (job) => {
      const outcome = await sendMessage({
        connection: { ...job.connection, timeouts: { connect: REPLY_TIMEOUT_MS, greeting: REPLY_TIMEOUT_MS, reply: REPLY_TIMEOUT_MS } },
        ...(job.credentials === undefined ? {} : { credentials: job.credentials }),
        message: job.message,
      });
      attempts.push({ token: job.credentials?.type === 'oauth2' ? job.credentials.accessToken : undefined, outcome });
      return outcome;
    };
    const outbox = createOutbox({
      database,
      store,
      accounts: {
        get: () => account,
        password: () => Promise.reject(new Error('the account signs in with its provider')),
        accessToken: (id) => keeper.accessToken(id),
        renewAccessToken: (id, refused) => keeper.renewAfterRefusal(id, refused),
      },
      sendInWorker: inThread,
      composeInWorker: async (message) => {
        try {
          return { composed: await composeMessage(message) };
        } catch (error) {
          return { error: smtpErrorData(error) };
        }
      },
      indexPending: async () => {},
    });

    const subject = `Sent after a renewed sign-in — مرحبا ${Date.now()}`;
    const entry = await outbox.queue(ACCOUNT_ID, {
      to: [{ name: 'Bob', address: `bob@${postfix.domain}` }],
      subject,
      text: Array.from({ length: 300 }, (_, line) => `Line ${line + 1} of a tall message.`).join('\n'),
    });
    const results = await outbox.flush({ accountId: ACCOUNT_ID, urgency: 'now' });
    assert.deepEqual(
      results.map((result) => result.result),
      ['sent'],
      JSON.stringify(results),
    );
    assert.equal(outbox.get(entry.id).state, 'sent');

    // Postfix refused the held token at AUTH (nothing was sent), then took the renewed one.
    assert.equal(attempts.length, 2);
    const [first, second] = attempts;
    assert.equal(first?.token, refusedToken);
    assert.ok(first?.outcome.kind === 'failed' && first.outcome.error.code === 'AUTH_FAILED', JSON.stringify(first?.outcome));
    assert.ok(second?.token !== undefined && second.token !== refusedToken, 'the second attempt carries a renewed token');
    assert.equal(second?.outcome.kind, 'sent', JSON.stringify(second?.outcome));

    // Exactly one copy arrives, and nothing is left to send.
    const delivered = await postfix.waitForDeliveries(1);
    assert.equal(delivered.length, 1);
    assert.match(delivered[0]?.toString('utf8') ?? '', /Line 300 of a tall message\./);
    assert.deepEqual(await outbox.flush({ accountId: ACCOUNT_ID, urgency: 'now' }), []);
    assert.equal(attempts.length, 2, 'a sent message is never sent again');
    assert.equal((await postfix.listDelivered()).length, 1);
  } finally {
    await store.close();
    database.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
