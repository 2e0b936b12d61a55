/**
 * Server rules against a real Dovecot: before anything new is downloaded, each new message's header
 * section (`TOP n 0`) and LIST size decide whether it stays on the server undownloaded, comes as
 * headers only, or is deleted from the server without downloading — recorded in the audit log with the
 * rule's name. A message already stored here is never touched, even when a rule matches it.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { receiveAccount } from '../../../../electron/jobs/receive/receive-account';
import type { ReceiveOutcome } from '../../../../electron/jobs/receive/receive-types';
import { listServerDeletions } from '../../../../electron/storage/pop-journal';
import { addRule } from '../../../../electron/storage/rules';
import { startDovecot, type DovecotServer } from '../../../servers/dovecot';
import type { GeneratedMessage } from '../../../servers/maildir';
import { SERVER_TEST_TIMEOUT_MS } from '../../pop3/support';
import { ACCOUNT, assertStatus, KEEP_FOREVER, journalStates, temporaryStore } from '../../../unit/jobs/receive/support';

const SMALL = [{ weight: 1, minBytes: 2_000, maxBytes: 6_000 }];
const BIG = [{ weight: 1, minBytes: 150_000, maxBytes: 160_000 }];

describe('Server rules on Dovecot', { timeout: SERVER_TEST_TIMEOUT_MS * 2 }, () => {
  let server: DovecotServer;
  let local: Awaited<ReturnType<typeof temporaryStore>>;
  let stored: GeneratedMessage;
  let fresh: GeneratedMessage[];
  let big: GeneratedMessage;

  before(async () => {
    server = await startDovecot();
    local = await temporaryStore();
    [stored] = (await server.generateMessages({ count: 1, seed: 20, sizes: SMALL })) as [GeneratedMessage];
    assertStatus(await receive(), 'completed');
  });

  after(async () => {
    local?.dispose();
    await server?.stop();
  });

  function receive(): Promise<ReceiveOutcome> {
    return receiveAccount({
      accountId: ACCOUNT,
      store: local.store,
      connection: { host: server.host, port: server.tlsPort, security: 'tls', ca: server.certificates.caPem },
      credentials: { username: server.user, password: server.password },
      policy: KEEP_FOREVER,
    });
  }

  /** The Message-ID the generator wrote into a message. */
  async function messageId(message: GeneratedMessage): Promise<string> {
    const found = /^Message-ID: (\S+)$/im.exec(await readFile(message.path, 'latin1'));
    assert.ok(found?.[1] !== undefined);
    return found[1];
  }

  const storedUidls = (): string[] =>
    local.database.prepare<[string], string>('select uidl from pop_journal where account_id = ? and message_id is not null order by uidl').pluck().all(ACCOUNT);

  test('each new message is left, fetched as headers only or deleted by the first rule it matches, before download', async () => {
    const rule = (name: string, query: string, mode: 'leave' | 'headers-only' | 'delete'): void => {
      addRule(local.database, { name, query, actions: [{ kind: 'server', mode }], stop: false, accountId: null, confirmedServerDelete: mode === 'delete' });
    };
    fresh = await server.generateMessages({ count: 3, seed: 21, sizes: SMALL });
    [big] = (await server.generateMessages({ count: 1, seed: 22, sizes: BIG })) as [GeneratedMessage];
    const [dropped, headersOnly, whole] = fresh as [GeneratedMessage, GeneratedMessage, GeneratedMessage];
    rule('Big stays', 'larger:100K', 'leave');
    rule('Second as headers', `header:message-id:=${await messageId(headersOnly)}`, 'headers-only');
    // Written to match the message stored before too: a server rule never touches stored mail.
    const [storedId, droppedId] = [await messageId(stored), await messageId(dropped)].map((id) => id.replace(/[.<>]/g, '\\$&'));
    rule('Drop the first', `header:message-id:"/^(${storedId ?? ''}|${droppedId ?? ''})$/"`, 'delete');

    const outcome = await receive();
    assertStatus(outcome, 'completed');
    assert.equal(outcome.summary.newMessages, 1, JSON.stringify(outcome.summary));
    assert.equal(outcome.summary.partialMessages, 1);
    assert.deepEqual(storedUidls(), [stored.baseName, headersOnly.baseName, whole.baseName].sort());
    const states = journalStates(local.database);
    assert.equal(states.get(headersOnly.baseName), 'headers-only');
    assert.equal(states.get(big.baseName), 'kept-on-server');
    assert.equal(states.get(dropped.baseName), 'deleted');
    assert.equal(states.get(stored.baseName), 'downloaded', 'a stored message the rule matches is left alone');

    const remaining = (await server.listMessages()).map((entry) => entry.baseName).sort();
    assert.deepEqual(remaining, [stored.baseName, headersOnly.baseName, whole.baseName, big.baseName].sort(), await server.readLog());
    const audit = listServerDeletions(local.database, ACCOUNT);
    assert.deepEqual(
      audit.map((record) => [record.uidl, record.reason, record.messageId]),
      [[dropped.baseName, 'deleted-by-rule:Drop the first', null]],
    );
  });

  test('the next Send/Receive neither downloads what a rule left on the server nor asks again', async () => {
    const outcome = await receive();
    assertStatus(outcome, 'completed');
    assert.equal(outcome.summary.newMessages, 0);
    assert.equal(journalStates(local.database).get(big.baseName), 'kept-on-server');
    assert.equal((await server.listMessages()).length, 4);
  });
});
