/**
 * A Server mailbox session of an account that signs in with its provider: a token the server refuses
 * is renewed once and the session runs once more, as Send/Receive does; a password is never retried,
 * and a sign-in the provider no longer honours asks to sign in again.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { accountSettingsSchema, type Account } from '../../../../shared/accounts';
import { MailbagError } from '../../../../shared/errors';
import type { AccountService } from '../../../../electron/services/accounts';
import { SIGN_IN_AGAIN_MESSAGE } from '../../../../electron/services/oauth/sign-in-again';
import { createServerMailboxService } from '../../../../electron/services/server-mailbox';
import { AccountSessionLock } from '../../../../electron/services/send-receive/session-lock';
import { openDatabase } from '../../../../electron/storage/database';
import type { ServerMailboxJob, ServerSessionOutcome } from '../../../../electron/jobs/server-mailbox/server-mailbox-job';
import { sampleSettings } from '../../../fakes/account-settings';

const ACCOUNT_ID = 'work';
const HELD_TOKEN = 'held-token';
const RENEWED_TOKEN = 'renewed-token';
const PASSWORD = 'saved password';

function account(signsInWithProvider: boolean): Account {
  return {
    id: ACCOUNT_ID,
    name: 'Work',
    address: 'ann@example.com',
    settings: accountSettingsSchema.parse(sampleSettings(signsInWithProvider ? { signInWith: 'google' } : {})),
    messageCount: 0,
    createdAt: 1,
    updatedAt: 1,
  };
}

const refusal: ServerSessionOutcome = { ok: false, error: { code: 'AUTH_FAILED', message: 'The server refused the sign-in.' } };

function listed(): ServerSessionOutcome {
  return {
    ok: true,
    result: {
      listedAt: 1,
      entries: [{ number: 1, uidl: 'u1', size: 1200, from: 'Bob <bob@example.com>', subject: 'שלום', date: 1 }],
      duplicates: [],
      hasUidl: true,
      expire: null,
      loginDelaySeconds: null,
      downloaded: 0,
      partial: 0,
      deleted: 0,
      errors: [],
      skipped: [],
    },
  };
}

/** The service with accounts whose tokens and renewals are recorded, and a runner the server's answers come from. */
function setUp(options: { provider: boolean; renew?: (refused: string) => Promise<string>; answer: (job: ServerMailboxJob) => ServerSessionOutcome }) {
  const profile = mkdtempSync(path.join(tmpdir(), 'mailbag-server-mailbox-'));
  const database = openDatabase(path.join(profile, 'mailbag.sqlite'));
  const renewals: string[] = [];
  const sessions: Array<{ token: string | undefined; password: string | undefined }> = [];
  const accounts: Pick<AccountService, 'get' | 'accessToken' | 'password' | 'renewAccessToken'> = {
    get: () => account(options.provider),
    accessToken: async () => HELD_TOKEN,
    password: async () => PASSWORD,
    renewAccessToken: async (_id, refused) => {
      renewals.push(refused);
      return (options.renew ?? (async () => RENEWED_TOKEN))(refused);
    },
  };
  const service = createServerMailboxService({
    accounts,
    database,
    paths: { databaseFile: path.join(profile, 'mailbag.sqlite'), rawDirectory: path.join(profile, 'raw') },
    sessions: new AccountSessionLock(),
    runner: async (job) => {
      sessions.push({ token: job.credentials.oauth2Token, password: job.credentials.password });
      return options.answer(job);
    },
  });
  return { service, renewals, sessions, close: () => database.close() };
}

test('a refused access token is renewed once and the listing comes with the renewed one', async () => {
  const { service, renewals, sessions, close } = setUp({
    provider: true,
    answer: (job) => (job.credentials.oauth2Token === HELD_TOKEN ? refusal : listed()),
  });
  try {
    const listing = await service.list(ACCOUNT_ID);
    assert.deepEqual(
      listing.messages.map((message) => message.subject),
      ['שלום'],
    );
    assert.deepEqual(renewals, [HELD_TOKEN]);
    assert.deepEqual(
      sessions.map((session) => session.token),
      [HELD_TOKEN, RENEWED_TOKEN],
    );
  } finally {
    close();
  }
});

test('a token refused again after its renewal is not renewed a second time', async () => {
  const { service, renewals, sessions, close } = setUp({ provider: true, answer: () => refusal });
  try {
    await assert.rejects(service.list(ACCOUNT_ID), (error: unknown) => error instanceof MailbagError && error.code === 'AUTH_FAILED');
    assert.deepEqual(renewals, [HELD_TOKEN]);
    assert.equal(sessions.length, 2);
  } finally {
    close();
  }
});

test('a sign-in the provider revoked asks to sign in again, without a second session', async () => {
  const { service, sessions, close } = setUp({
    provider: true,
    renew: async () => {
      throw new MailbagError('AUTH_FAILED', SIGN_IN_AGAIN_MESSAGE);
    },
    answer: () => refusal,
  });
  try {
    await assert.rejects(
      service.list(ACCOUNT_ID),
      (error: unknown) => error instanceof MailbagError && error.code === 'AUTH_FAILED' && error.message === SIGN_IN_AGAIN_MESSAGE,
    );
    assert.equal(sessions.length, 1);
  } finally {
    close();
  }
});

test('a refused password is not tried again and nothing is renewed', async () => {
  const { service, renewals, sessions, close } = setUp({ provider: false, answer: () => refusal });
  try {
    await assert.rejects(service.list(ACCOUNT_ID), (error: unknown) => error instanceof MailbagError && error.code === 'AUTH_FAILED');
    assert.deepEqual(renewals, []);
    assert.deepEqual(sessions, [{ token: undefined, password: PASSWORD }]);
  } finally {
    close();
  }
});
