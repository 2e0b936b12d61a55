/**
 * Opening attachments with the desktop's program: through a real core whose openPath is a fake, the
 * bytes handed over equal the attachment, the copy sits in a private folder under the profile with a
 * sanitized name, programs are refused with what they are as data, and without openPath the answer is
 * opened:false with nothing refused (the page saves instead). Also the name sanitizing, the program checks and the startup clean-up on their own.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../../../electron/main/core';
import {
  createAttachmentOpener,
  looksLikeProgram,
  OPENED_ATTACHMENTS_DIRECTORY,
  programType,
  removeOldOpenedAttachments,
  sanitizeOpenFileName,
} from '../../../electron/main/attachment-opener';
import { silentLogger } from '../../../electron/services/logger';
import type { FakePop3Server } from '../../fakes/pop3-server';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { crlf, openMailFixture, startServer } from './mail-fixture';

const PDF_BYTES = Buffer.from('%PDF-1.4 pretend report \x00\x01\x02\xff', 'latin1');
const PROGRAM_BYTES = Buffer.from('MZ\x90\x00pretend program', 'latin1');

const MESSAGE = crlf([
  'From: Bob <bob@example.org>',
  'To: ann@example.com',
  'Subject: Files to open',
  'Date: Tue, 03 Mar 2026 10:00:00 +0000',
  'Message-ID: <open@example>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  '--outer',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Two files.',
  '--outer',
  'Content-Type: application/pdf; name="report.pdf"',
  'Content-Disposition: attachment; filename="..\\\\..\\\\.config\\\\report.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  PDF_BYTES.toString('base64'),
  '--outer',
  'Content-Type: application/octet-stream; name="invoice.pdf.exe"',
  'Content-Disposition: attachment; filename="invoice.pdf.exe"',
  'Content-Transfer-Encoding: base64',
  '',
  PROGRAM_BYTES.toString('base64'),
  '--outer--',
]);

const context = { transport: 'electron' } as const;
const opened: string[] = [];
let profileDir: string;
let server: FakePop3Server;
let core: Core;
let messageId: number;

before(async () => {
  profileDir = mkdtempSync(path.join(os.tmpdir(), 'mailbag-open-attachment-'));
  server = await startServer([{ uid: 'uid-open', body: MESSAGE }]);
  // Receive the message with a core as the browser bridge has it (no openPath), then reopen the profile as the app does.
  const fixture = await openMailFixture({ profileDir, keepProfile: true });
  const accountId = await fixture.addAccount(server, {});
  const since = fixture.events.length;
  await fixture.value('startSendReceive', { accountId });
  await fixture.waitFor('sendReceiveFinished', (event) => event.accountId === accountId, since);
  const results = await fixture.value('searchMessages', { text: 'Files to open' });
  assert.ok(results.kind === 'results', JSON.stringify(results));
  const { messages } = results;
  assert.equal(messages.length, 1);
  messageId = messages[0]?.id ?? 0;
  const withoutOpenPath = await fixture.value('openAttachment', { messageId, index: 0 });
  assert.deepEqual(withoutOpenPath, { opened: false, refused: null }, 'without openPath the page must save instead');
  await fixture.dispose();
  core = await createCore({ profileDir, logger: silentLogger, keychain: memoryKeychain(), openPath: async (filePath) => (opened.push(filePath), '') });
});

after(async () => {
  await core.close();
  await server.close();
  rmSync(profileDir, { recursive: true, force: true });
});

test('Open writes the attachment to a private folder under the profile with a safe name and opens that copy', async () => {
  const view = await core.registry.dispatch('getMessage', { id: messageId }, context);
  assert.ok(view.ok);
  const pdf = (view.value as { attachments: { index: number; contentType: string }[] }).attachments.find((entry) => entry.contentType === 'application/pdf');
  assert.ok(pdf, 'the PDF is listed');
  const result = await core.registry.dispatch('openAttachment', { messageId, index: pdf.index }, context);
  assert.deepEqual(result, { ok: true, value: { opened: true } });
  assert.equal(opened.length, 1);
  const filePath = opened[0] ?? '';
  const root = path.join(profileDir, OPENED_ATTACHMENTS_DIRECTORY);
  assert.equal(path.dirname(path.dirname(filePath)), root, 'one fresh folder per open, under <profile>/tmp/open');
  const name = path.basename(filePath);
  assert.doesNotMatch(name, /[/\\]|^\./);
  assert.match(name, /report\.pdf$/);
  assert.deepEqual(readFileSync(filePath), PDF_BYTES);
  assert.equal(statSync(filePath).mode & 0o777, 0o600);
  assert.equal(statSync(path.dirname(filePath)).mode & 0o777, 0o700);

  const again = await core.registry.dispatch('openAttachment', { messageId, index: pdf.index }, context);
  assert.ok(again.ok);
  assert.notEqual(path.dirname(opened[1] ?? ''), path.dirname(filePath), 'every open gets its own folder');
});

test('Open refuses an attachment that is a program and opens nothing', async () => {
  const view = await core.registry.dispatch('getMessage', { id: messageId }, context);
  assert.ok(view.ok);
  const program = (view.value as { attachments: { index: number; fileName: string | null }[] }).attachments.find(
    (entry) => entry.fileName === 'invoice.pdf.exe',
  );
  assert.ok(program, 'the program is listed');
  const before = opened.length;
  const result = await core.registry.dispatch('openAttachment', { messageId, index: program.index }, context);
  assert.deepEqual(result, { ok: true, value: { opened: false, refused: { fileName: 'invoice.pdf.exe', kind: { by: 'name', extension: 'exe' } } } });
  assert.equal(opened.length, before);
});

test('bad input is a validation error', async () => {
  for (const input of [
    { messageId: 0, index: 0 },
    { messageId: 1, index: -1 },
    { messageId: 1, index: 10_001 },
    { messageId: 1.5, index: 0 },
    { messageId: 1 },
    { messageId: 1, index: 0, path: '/etc' },
  ]) {
    const result = await core.registry.dispatch('openAttachment', input, context);
    assert.equal(!result.ok && result.error.code, 'VALIDATION', JSON.stringify(input));
  }
});

test('a program failing to open the file is reported in plain words', async () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-open-fail-'));
  try {
    const open = createAttachmentOpener({
      profileDir: directory,
      readAttachment: async () => ({ fileName: 'notes.odt', contentType: 'application/vnd.oasis.opendocument.text', bytes: new Uint8Array([1, 2, 3]) }),
      openPath: async () => 'No application is registered for this file',
    });
    await assert.rejects(open({ messageId: 1, index: 0 }), /No program could open notes\.odt/);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('file names lose folders, hidden-file dots, control and bidi characters, and stay bounded', () => {
  assert.equal(sanitizeOpenFileName('../../etc/passwd'), '_._etc_passwd');
  assert.equal(sanitizeOpenFileName('..\\..\\x.pdf'), '_._x.pdf');
  assert.equal(sanitizeOpenFileName('.bashrc'), 'bashrc');
  assert.equal(sanitizeOpenFileName('photo\u202Egpj.exe'), 'photogpj.exe');
  assert.equal(sanitizeOpenFileName('a\u0000b\r\nc.txt'), 'abc.txt');
  assert.equal(sanitizeOpenFileName('report.pdf. . '), 'report.pdf');
  assert.equal(sanitizeOpenFileName('CON.txt'), '_CON.txt');
  assert.equal(sanitizeOpenFileName(null), 'attachment');
  assert.equal(sanitizeOpenFileName('...'), 'attachment');
  assert.equal(sanitizeOpenFileName('\u0001\u0002'), 'attachment');
  const long = sanitizeOpenFileName(`${'é'.repeat(400)}.pdf`);
  assert.ok(Buffer.byteLength(long) <= 180, `${Buffer.byteLength(long)} bytes`);
  assert.match(long, /^é+\.pdf$/);
});

test('programs are recognized by extension, declared type or first bytes', () => {
  const text = new Uint8Array(Buffer.from('hello'));
  for (const name of [
    'a.exe',
    'a.BAT',
    'a.cmd',
    'a.com',
    'a.scr',
    'a.msi',
    'a.js',
    'a.jse',
    'a.vbs',
    'a.vbe',
    'a.wsf',
    'a.ps1',
    'a.sh',
    'a.app',
    'a.jar',
    'a.lnk',
    'a.desktop',
    'a.pdf.exe',
  ]) {
    assert.ok(looksLikeProgram(name, 'application/octet-stream', text), name);
  }
  assert.ok(looksLikeProgram('readme.txt', 'application/x-msdownload', text));
  assert.ok(looksLikeProgram('readme.txt', 'text/javascript; charset=utf-8', text));
  assert.ok(looksLikeProgram('photo.jpg', 'image/jpeg', new Uint8Array(Buffer.from('MZ\x90\x00', 'latin1'))));
  assert.ok(looksLikeProgram('attachment', 'application/octet-stream', new Uint8Array(Buffer.from('\x7fELF', 'latin1'))));
  assert.ok(looksLikeProgram('notes', 'text/plain', new Uint8Array(Buffer.from('#!/bin/sh\n'))));
  assert.equal(looksLikeProgram('report.pdf', 'application/pdf', new Uint8Array(PDF_BYTES)), false);
  assert.equal(looksLikeProgram('photo.jpg', 'image/jpeg', new Uint8Array([0xff, 0xd8, 0xff])), false);
});

test('what a program is comes as data: by its name, its declared type, or its first bytes', () => {
  const text = new Uint8Array(Buffer.from('plain words'));
  assert.deepEqual(programType('Setup.EXE', 'application/pdf', text), { by: 'name', extension: 'exe' });
  assert.deepEqual(programType('readme.txt', 'Text/JavaScript; charset=utf-8', text), { by: 'type', contentType: 'text/javascript' });
  assert.deepEqual(programType('photo.jpg', 'image/jpeg', new Uint8Array(Buffer.from('MZ\x90\x00', 'latin1'))), { by: 'content', program: 'windows' });
  assert.deepEqual(programType('a', 'application/octet-stream', new Uint8Array(Buffer.from('\x7fELF', 'latin1'))), { by: 'content', program: 'linux' });
  assert.deepEqual(programType('a', 'application/octet-stream', new Uint8Array([0xcf, 0xfa, 0xed, 0xfe])), { by: 'content', program: 'macos' });
  assert.deepEqual(programType('notes', 'text/plain', new Uint8Array(Buffer.from('#!/bin/sh\n'))), { by: 'content', program: 'script' });
  assert.equal(programType('report.pdf', 'application/pdf', new Uint8Array(PDF_BYTES)), null);
});

test('startup removes copies older than the limit and keeps recent ones', async () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-open-clean-'));
  try {
    const root = path.join(directory, OPENED_ATTACHMENTS_DIRECTORY);
    mkdirSync(path.join(root, 'old'), { recursive: true });
    mkdirSync(path.join(root, 'recent'), { recursive: true });
    const longAgo = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000);
    utimesSync(path.join(root, 'old'), longAgo, longAgo);
    assert.equal(await removeOldOpenedAttachments(directory), 1);
    assert.equal(existsSync(path.join(root, 'old')), false);
    assert.equal(existsSync(path.join(root, 'recent')), true);
    assert.equal(await removeOldOpenedAttachments(path.join(directory, 'missing')), 0);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
