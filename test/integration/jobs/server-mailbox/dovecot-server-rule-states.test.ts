/**
 * The Server mailbox shows the state the server rules will give each message, listed from a real
 * Dovecot: a new message a rule matches says which rule leaves it on the server, downloads its headers
 * only or deletes it (with no removal date of the policy), a message already stored here says only
 * that it is downloaded (a server rule never touches stored mail), and a rule that is off says nothing.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { receiveAccount } from '../../../../electron/jobs/receive/receive-account';
import { serverMailboxSession } from '../../../../electron/jobs/server-mailbox/run-server-mailbox-job';
import { TranscriptRecorder } from '../../../../electron/jobs/server-mailbox/transcript-recorder';
import { buildListing } from '../../../../electron/services/server-mailbox/mailbox-view';
import { readPopJournal } from '../../../../electron/storage/pop-journal';
import { addRule, setRuleEnabled } from '../../../../electron/storage/rules';
import { stateWords } from '../../../../shared/server-mailbox';
import { startDovecot, type DovecotServer } from '../../../servers/dovecot';
import type { GeneratedMessage } from '../../../servers/maildir';
import { SERVER_TEST_TIMEOUT_MS } from '../../pop3/support';
import { ACCOUNT, assertStatus, KEEP_FOREVER, temporaryStore } from '../../../unit/jobs/receive/support';

const SMALL = [{ weight: 1, minBytes: 2_000, maxBytes: 6_000 }];
const BIG = [{ weight: 1, minBytes: 150_000, maxBytes: 160_000 }];
const NOW = Date.UTC(2026, 11, 6, 12);

describe('Server rule states in the Server mailbox, on Dovecot', { timeout: SERVER_TEST_TIMEOUT_MS * 2 }, () => {
  let server: DovecotServer;
  let local: Awaited<ReturnType<typeof temporaryStore>>;
  const connection = () => ({ host: server.host, port: server.tlsPort, security: 'tls' as const, ca: server.certificates.caPem });

  before(async () => {
    server = await startDovecot();
    local = await temporaryStore();
  });
  after(async () => {
    local?.dispose();
    await server?.stop();
  });

  async function messageId(message: GeneratedMessage): Promise<string> {
    const found = /^Message-ID: (\S+)$/im.exec(await readFile(message.path, 'latin1'));
    assert.ok(found?.[1] !== undefined);
    return found[1];
  }

  test('each new message shows what the first server rule it matches will do, stored mail shows none', async () => {
    const [stored] = (await server.generateMessages({ count: 1, seed: 30, sizes: SMALL })) as [GeneratedMessage];
    assertStatus(
      await receiveAccount({
        accountId: ACCOUNT,
        store: local.store,
        connection: connection(),
        credentials: { username: server.user, password: server.password },
        policy: KEEP_FOREVER,
      }),
      'completed',
    );
    const [headersOnly, dropped, plain] = (await server.generateMessages({ count: 3, seed: 31, sizes: SMALL })) as [
      GeneratedMessage,
      GeneratedMessage,
      GeneratedMessage,
    ];
    const [big] = (await server.generateMessages({ count: 1, seed: 32, sizes: BIG })) as [GeneratedMessage];
    const rule = (name: string, query: string, mode: 'leave' | 'headers-only' | 'delete') =>
      addRule(local.database, { name, query, actions: [{ kind: 'server', mode }], stop: false, accountId: null, confirmedServerDelete: mode === 'delete' });
    const off = rule('Switched off', `header:message-id:=${await messageId(plain)}`, 'delete');
    setRuleEnabled(local.database, off.id, false);
    rule('Big stays', 'larger:100K', 'leave');
    rule('Headers of one', `header:message-id:=${await messageId(headersOnly)}`, 'headers-only');
    const ids = [await messageId(stored), await messageId(dropped)].map((id) => id.replace(/[.<>]/g, '\\$&'));
    rule('Drop — שלום', `header:message-id:"/^(${ids.join('|')})$/"`, 'delete');

    const result = await serverMailboxSession(
      {
        accountId: ACCOUNT,
        databaseFile: '',
        rawDirectory: '',
        connection: connection(),
        credentials: { username: server.user, password: server.password },
        request: { kind: 'list' },
      },
      local.store,
      new TranscriptRecorder('server-mailbox'),
      new AbortController().signal,
    );
    const listing = buildListing({
      accountId: ACCOUNT,
      session: result,
      journal: readPopJournal(local.database, ACCOUNT),
      keptForever: new Set(),
      policy: { ...KEEP_FOREVER, leaveOnServer: { mode: 'never' } },
      now: NOW,
    });
    const byUidl = new Map(listing.messages.map((message) => [message.uidl, message]));
    const words = (message: GeneratedMessage): string => {
      const shown = byUidl.get(message.baseName) ?? assert.fail(`${message.baseName} is not listed`);
      return stateWords(shown, () => 'the day');
    };
    assert.equal(words(stored), 'Downloaded; will be removed from the server on the day', 'stored mail: only the policy');
    assert.equal(words(big), 'Not yet downloaded; the rule “Big stays” leaves it on the server, never downloaded');
    assert.equal(words(headersOnly), 'Not yet downloaded; the rule “Headers of one” downloads its headers only');
    assert.equal(words(dropped), 'Not yet downloaded; the rule “Drop — שלום” deletes it from the server without downloading it');
    assert.equal(words(plain), 'Not yet downloaded; will be removed from the server on the day', 'a rule that is off decides nothing');
    assert.equal(local.database.prepare('select count(*) from messages').pluck().get(), 1, 'listing stores nothing');
  });
});
