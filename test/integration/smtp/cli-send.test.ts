/**
 * `mailbag send` through a real Postfix (STARTTLS, AUTH through Dovecot SASL, delivery into Dovecot):
 * a message with a non-ASCII subject and an attachment to two recipients, one of whom Postfix refuses
 * with 550 — exit 3 naming the refused address, the other delivered byte for byte, the message in
 * Sent, and a second flush that sends nothing again.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { outboxCommand, outboxOf } from '../../../electron/cli/commands/outbox';
import { sendCommand } from '../../../electron/cli/commands/send';
import { createCore, type Core } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { folderIdForRole } from '../../../electron/storage/folders';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { REJECTED_RECIPIENT, startPostfix, type PostfixServer } from '../../servers/postfix';
import { aliceOnPostfix } from '../../servers/test-accounts';
import { runCommand } from '../../support/cli';
import { POSTFIX_TEST_TIMEOUT_MS } from './support';

/** Time allowed for a delivery that must not happen, before concluding it did not. */
const NO_DELIVERY_WAIT_MS = 1_500;
const SUBJECT = 'Angebot für Søren — 見積もり ✓';

/** The body with LF line ends (a maildir stores LF; the Outbox keeps CRLF). */
function bodyOf(message: Buffer): string {
  const text = message.toString('latin1').replace(/\r\n/g, '\n');
  return text.slice(text.indexOf('\n\n') + 2);
}

describe('mailbag send through Postfix', { timeout: POSTFIX_TEST_TIMEOUT_MS }, () => {
  let server: PostfixServer;
  let scratch: string;
  const keychain = memoryKeychain();
  const open = (): Promise<Core> => createCore({ profileDir: path.join(scratch, 'profile'), logger: silentLogger, keychain });

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-send-'));
    server = await startPostfix();
    const core = await open();
    try {
      const saved = await core.accounts.save({ settings: aliceOnPostfix(server, { displayName: 'Alice Ørsted' }), pop3Password: server.password });
      assert.equal(saved.smtpVerified, true, JSON.stringify(saved.smtpError));
    } finally {
      await core.close();
    }
  });
  after(async () => {
    await server?.stop();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  const run = (command: typeof sendCommand, args: string[], json = false) =>
    runCommand(command, args, { profileDir: path.join(scratch, 'profile'), openCore: open, json });

  test('one recipient refused: exit 3 with the reason, the other delivered, the message in Sent, never sent twice', async () => {
    const attachment = Buffer.from(Array.from({ length: 30_000 }, (_, index) => (index * 7 + 3) % 256));
    const attachmentFile = path.join(scratch, 'Preisliste Ü.bin');
    const bodyFile = path.join(scratch, 'body.txt');
    writeFileSync(attachmentFile, attachment);
    writeFileSync(bodyFile, 'Hallo Bob,\nanbei die Preisliste.\n');

    const sent = await run(sendCommand, [
      '--account',
      'Alice',
      '--to',
      `Bob <bob@example.test>, ${REJECTED_RECIPIENT}`,
      '--subject',
      SUBJECT,
      '--body-file',
      bodyFile,
      '--attach',
      attachmentFile,
    ]);
    assert.equal(sent.code, 3, `${sent.out}\n${sent.err}\n${await server.readLogs()}`);
    assert.match(sent.out, /Sent to bob@example\.test\./);
    assert.match(sent.out, new RegExp(`Refused: ${REJECTED_RECIPIENT.replace('.', '\\.')} — .*550`));

    const [delivered] = await server.waitForDeliveries(1);
    assert.ok(delivered !== undefined);
    const parsed = await simpleParser(delivered);
    assert.equal(parsed.subject, SUBJECT);
    assert.equal(parsed.attachments.length, 1);
    assert.equal(parsed.attachments[0]?.filename, 'Preisliste Ü.bin');
    assert.ok(parsed.attachments[0]?.content.equals(attachment), 'the attachment arrived byte for byte');
    assert.match(parsed.text ?? '', /anbei die Preisliste/);

    const core = await open();
    try {
      const outbox = outboxOf(core);
      const [entry] = outbox.list();
      assert.ok(entry !== undefined);
      assert.equal(entry.state, 'sent');
      assert.deepEqual(
        entry.recipients.map((recipient) => [recipient.address, recipient.status]),
        [
          ['bob@example.test', 'accepted'],
          [REJECTED_RECIPIENT, 'refused'],
        ],
      );
      const stored = core.store.getMessage(entry.storedMessageId);
      assert.equal(stored.folderId, folderIdForRole(core.database, stored.accountId ?? '', 'sent'));
      const raw = await core.store.readRawMessage(entry.storedMessageId);
      assert.ok(bodyOf(delivered) === bodyOf(raw), 'Sent holds the bytes that were delivered');
      assert.match(raw.toString('latin1'), /\r\n\r\n/, 'stored with CRLF line ends');

      assert.deepEqual(await outbox.flush(), [], 'a second flush sends nothing');
    } finally {
      await core.close();
    }
    await new Promise((resolve) => setTimeout(resolve, NO_DELIVERY_WAIT_MS));
    assert.equal((await server.listDelivered()).length, 1, 'nothing was delivered again');

    const listed = await run(outboxCommand, [], true);
    assert.equal(listed.code, 0);
    const entries = JSON.parse(listed.out) as Array<{ state: string; subject: string | null; reason: string | null }>;
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.state, 'sent');
    assert.match(entries[0]?.reason ?? '', new RegExp(REJECTED_RECIPIENT.replace('.', '\\.')));
  });
  test('send --eml: a ready message goes to To and Bcc, and the Bcc field never leaves the computer', async () => {
    const before = (await server.listDelivered()).length;
    const file = path.join(scratch, 'ready.eml');
    writeFileSync(
      file,
      [
        'From: Alice <alice@example.test>',
        'To: Bob <bob@example.test>',
        'Bcc: Carol <carol@example.test>',
        'Subject: Ready-made',
        '',
        'Made elsewhere.',
        '',
      ].join('\n'),
    );
    const sent = await run(sendCommand, ['--account', 'alice@example.test', '--eml', file], true);
    assert.equal(sent.code, 0, `${sent.out}\n${sent.err}`);
    const report = JSON.parse(sent.out) as { entry: { state: string; recipients: Array<{ address: string; status: string }> } };
    assert.equal(report.entry.state, 'sent');
    assert.deepEqual(
      report.entry.recipients.map((recipient) => recipient.address),
      ['bob@example.test', 'carol@example.test'],
    );
    const delivered = (await server.waitForDeliveries(before + 2)).slice(before);
    assert.equal(delivered.length, 2);
    for (const message of delivered) {
      const header = message.toString('latin1').slice(0, message.toString('latin1').search(/\r?\n\r?\n/));
      assert.doesNotMatch(header, /^bcc:|carol/im);
      assert.match(header, /^Message-ID: </im);
    }
  });
});
