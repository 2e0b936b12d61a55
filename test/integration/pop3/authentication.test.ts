/**
 * Signing in to a real Dovecot with every mechanism it offers, and failing the right way.
 * Dovecot delays repeated failures from one address (auth penalty), so each failure case gets a
 * server of its own and fails exactly once there.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Pop3Error, type Pop3AuthMechanism } from '../../../electron/protocols/pop3';
import { startDovecot, type DovecotServer } from '../../servers/dovecot';
import { connectToServer, SERVER_TEST_TIMEOUT_MS, waitForLog, waitForLogMatches } from './support';

/** Every mechanism the engine implements that Dovecot can verify from a stored password. */
const PASSWORD_MECHANISMS: readonly Pop3AuthMechanism[] = ['USER', 'APOP', 'PLAIN', 'LOGIN', 'CRAM-MD5', 'SCRAM-SHA-1', 'SCRAM-SHA-256'];
/** How Dovecot names each mechanism in its login log line (USER/PASS is checked as PLAIN). */
const LOGGED_METHOD: Record<string, string> = { USER: 'PLAIN' };

const LOGIN_LINE = /Login: user=<([^>]*)>, method=([A-Z0-9-]+)/g;

/** The logins Dovecot has logged so far, as `user:METHOD`. */
async function loggedLogins(server: DovecotServer): Promise<string[]> {
  return [...(await server.readLog()).matchAll(LOGIN_LINE)].map((match) => `${match[1] ?? ''}:${match[2] ?? ''}`);
}

/** Waits for the login after the first `previous` ones to reach the log and returns it as `user:METHOD`. */
async function nextLogin(server: DovecotServer, previous: number): Promise<string> {
  const match = (await waitForLogMatches(server, LOGIN_LINE, previous + 1))[previous];
  return `${match?.[1] ?? ''}:${match?.[2] ?? ''}`;
}

describe('signing in to Dovecot', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  let server: DovecotServer;
  before(async () => {
    server = await startDovecot();
    await server.generateMessages({ count: 3, seed: 11 });
  });
  after(() => server.stop());

  test('Dovecot offers every password mechanism, and APOP in its greeting', async () => {
    const session = await connectToServer(server, 'none');
    try {
      assert.deepEqual([...session.capabilities.sasl].sort(), ['CRAM-MD5', 'DIGEST-MD5', 'LOGIN', 'PLAIN', 'SCRAM-SHA-1', 'SCRAM-SHA-256']);
      assert.equal(session.capabilities.user, true);
      assert.match(session.greeting.apopTimestamp ?? '', /^<.+@.+>$/);
    } finally {
      await session.quit();
    }
  });

  for (const security of ['none', 'starttls', 'tls'] as const) {
    for (const mechanism of PASSWORD_MECHANISMS) {
      test(`${mechanism} over ${security} signs in and opens the mailbox`, async () => {
        const previous = (await loggedLogins(server)).length;
        const session = await connectToServer(server, security);
        try {
          const result = await session.authenticate({ username: server.user, password: server.password, mechanisms: [mechanism] });
          assert.equal(result.mechanism, mechanism);
          assert.equal(session.state, 'transaction');
          assert.equal((await session.stat()).count, 3);
        } finally {
          await session.quit();
        }
        assert.equal(await nextLogin(server, previous), `${server.user}:${LOGGED_METHOD[mechanism] ?? mechanism}`, 'Dovecot logged a different method');
      });
    }
  }

  test('without a restriction the engine picks SCRAM-SHA-256, the strongest mechanism offered', async () => {
    for (const security of ['none', 'starttls', 'tls'] as const) {
      const session = await connectToServer(server, security);
      try {
        const result = await session.authenticate({ username: server.user, password: server.password });
        assert.equal(result.mechanism, 'SCRAM-SHA-256', security);
      } finally {
        await session.quit();
      }
    }
  });

  test('on a plain connection no password mechanism is used unless the account allows it', async () => {
    const before = (await loggedLogins(server)).length;
    const session = await connectToServer(server, 'none', { allowInsecureAuth: false });
    try {
      await assert.rejects(session.authenticate({ username: server.user, password: server.password }), (error: unknown) => {
        assert.ok(error instanceof Pop3Error, String(error));
        assert.ok(['AUTH_UNSUPPORTED', 'TLS_REQUIRED'].includes(error.code), error.code);
        return true;
      });
    } finally {
      session.close();
    }
    assert.equal((await loggedLogins(server)).length, before);
    assert.doesNotMatch(await server.readLog(), /Password mismatch/);
  });
});

describe('a wrong password', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  const servers: DovecotServer[] = [];
  after(() => Promise.all(servers.map((server) => server.stop())));

  for (const mechanism of PASSWORD_MECHANISMS) {
    test(`is an AUTH failure with ${mechanism}, and the session does not retry with another mechanism`, async () => {
      const server = await startDovecot();
      servers.push(server);
      const session = await connectToServer(server, 'tls');
      try {
        await assert.rejects(session.authenticate({ username: server.user, password: `${server.password}x`, mechanisms: [mechanism] }), (error: unknown) => {
          assert.ok(error instanceof Pop3Error, String(error));
          assert.equal(error.code, 'AUTH_FAILED', `${error.code}: ${error.message} (${error.response ?? ''})`);
          assert.equal(error.responseCode, 'AUTH');
          assert.equal(error.retryable, false);
          return true;
        });
      } finally {
        session.close();
      }
      // Dovecot sums up the connection when it ends: one failed attempt, and no login.
      const summary = await waitForLog(server, /Disconnected: [^(]*\(auth failed, (\d+) attempts?/);
      assert.equal(summary[1], '1', 'exactly one attempt reached Dovecot');
      assert.equal((await loggedLogins(server)).length, 0);
    });
  }

  test('an unknown user is an AUTH failure too', async () => {
    const server = await startDovecot();
    servers.push(server);
    const session = await connectToServer(server, 'tls');
    try {
      await assert.rejects(session.authenticate({ username: 'nobody-here', password: server.password }), (error: unknown) => {
        assert.ok(error instanceof Pop3Error, String(error));
        assert.equal(error.code, 'AUTH_FAILED');
        return true;
      });
    } finally {
      session.close();
    }
  });
});

describe('OAuth 2.0 access tokens (Dovecot validates them itself)', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  const servers: DovecotServer[] = [];
  let server: DovecotServer;
  before(async () => {
    server = await startDovecot({ oauth2: true });
    servers.push(server);
  });
  after(() => Promise.all(servers.map((each) => each.stop())));

  for (const security of ['starttls', 'tls'] as const) {
    for (const mechanism of ['XOAUTH2', 'OAUTHBEARER'] as const) {
      test(`${mechanism} over ${security} signs in with a valid token`, async () => {
        const previous = (await loggedLogins(server)).length;
        const session = await connectToServer(server, security);
        try {
          assert.ok(session.capabilities.sasl.includes(mechanism));
          const result = await session.authenticate({ username: server.user, oauth2Token: server.issueOAuth2Token(), mechanisms: [mechanism] });
          assert.equal(result.mechanism, mechanism);
          assert.equal((await session.stat()).count, 0);
        } finally {
          await session.quit();
        }
        assert.equal(await nextLogin(server, previous), `${server.user}:${mechanism}`);
      });
    }
  }

  const badTokens = [
    ['a token signed with another key', { wrongKey: true }],
    ['an expired token', { expiresInSeconds: -60 }],
    ['a token for another user', { subject: 'someone-else' }],
  ] as const;
  for (const mechanism of ['XOAUTH2', 'OAUTHBEARER'] as const) {
    for (const [label, tokenOptions] of badTokens) {
      test(`${mechanism}: ${label} is an AUTH failure`, async () => {
        const fresh = await startDovecot({ oauth2: true });
        servers.push(fresh);
        const session = await connectToServer(fresh, 'tls');
        try {
          await assert.rejects(
            session.authenticate({ username: fresh.user, oauth2Token: fresh.issueOAuth2Token(tokenOptions), mechanisms: [mechanism] }),
            (error: unknown) => {
              assert.ok(error instanceof Pop3Error, String(error));
              assert.equal(error.code, 'AUTH_FAILED', `${error.code}: ${error.message} (${error.response ?? ''})`);
              return true;
            },
          );
        } finally {
          session.close();
        }
        await waitForLog(fresh, /Disconnected: [^(]*\(auth failed/);
        assert.equal((await loggedLogins(fresh)).length, 0);
      });
    }
  }
});
