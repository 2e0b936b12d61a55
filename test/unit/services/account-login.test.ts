/**
 * The verification login of a new account: it refuses a leave-on-server policy that a server without
 * CAPA, UIDL and TOP cannot honour, with the explanation receive gives, and accepts it where the
 * commands work. Probing the outgoing server runs in a worker, never on the calling thread.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, test } from 'node:test';
import { accountSettingsSchema, type AccountSettings } from '../../../shared/accounts';
import { probeOutgoing, verifyPop3Login } from '../../../electron/services/account-login';
import type { TranscriptEntry } from '../../../electron/protocols/transcript';
import { CANNOT_LEAVE_MAIL_WORDS } from '../../../electron/protocols/pop3/probe';
import { englishMessage } from '../../../shared/error-words';
import { sampleSettings } from '../../fakes/account-settings';
import { FakePop3Server } from '../../fakes/pop3-server';
import { startFakeSmtpServer } from '../../fakes/smtp-server';

const MESSAGE = 'From: a@example.org\r\nSubject: one\r\nMessage-ID: <one@example.org>\r\n\r\nbody\r\n';
const servers: FakePop3Server[] = [];
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function bareServer(refuse: readonly string[]): Promise<FakePop3Server> {
  const server = await FakePop3Server.start({ layer: 'rfc1939', users: { ann: 'pw' }, messages: [{ uid: 'u1', body: MESSAGE }] });
  for (const verb of refuse) server.handle(verb, (connection) => connection.send('-ERR Unknown command'));
  servers.push(server);
  return server;
}

function settings(port: number, leaveOnServer: AccountSettings['policy']['leaveOnServer']): AccountSettings {
  const base = accountSettingsSchema.parse(
    sampleSettings({ incoming: { host: '127.0.0.1', port, security: 'none', username: 'ann', auth: 'auto' }, allowInsecure: true }),
  );
  return { ...base, policy: { ...base.policy, leaveOnServer } };
}

test('leaving mail on a server with neither UIDL nor TOP is refused at setup, with the receive explanation', async () => {
  const server = await bareServer(['UIDL', 'TOP']);
  await assert.rejects(verifyPop3Login(settings(server.port, { mode: 'forever' }), 'pw'), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'SERVER_PERMANENT');
    assert.equal(error.message, englishMessage(CANNOT_LEAVE_MAIL_WORDS));
    return true;
  });
  // Deleting after download needs neither command.
  await verifyPop3Login(settings(server.port, { mode: 'never' }), 'pw');
});

test('a server without CAPA whose UIDL or TOP works may keep mail', async () => {
  const noUidl = await bareServer(['UIDL']);
  await verifyPop3Login(settings(noUidl.port, { mode: 'days', days: 14 }), 'pw');
  const both = await bareServer([]);
  await verifyPop3Login(settings(both.port, { mode: 'forever' }), 'pw');
  assert.ok(both.connections.some((connection) => connection.received.includes('UIDL 1')));
});

test('probing the outgoing server opens no socket on the calling thread and still streams its transcript', async () => {
  const server = await startFakeSmtpServer({ extensions: ['SIZE 4096'] });
  const connect = net.Socket.prototype.connect;
  let connectsHere = 0;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    connectsHere += 1;
    return (connect as (...rest: unknown[]) => net.Socket).apply(this, args);
  } as typeof connect;
  try {
    const base = accountSettingsSchema.parse(
      sampleSettings({ outgoing: { host: '127.0.0.1', port: server.port, security: 'none', username: 'ann', credentials: 'none' }, allowInsecure: true }),
    );
    const transcript: TranscriptEntry[] = [];
    const outcome = await probeOutgoing(base, undefined, { transcript: (entry) => transcript.push(entry) });
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.equal(outcome.server.maxMessageSize, 4096);
    assert.ok(
      transcript.some((entry) => entry.text.includes('SIZE 4096')),
      JSON.stringify(transcript),
    );
    assert.equal(connectsHere, 0);
    assert.ok(server.lines.some((line) => line.startsWith('EHLO')));
  } finally {
    net.Socket.prototype.connect = connect;
    await server.close();
  }
});
