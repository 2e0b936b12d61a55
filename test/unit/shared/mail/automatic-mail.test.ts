/**
 * The RFC 3834 guard: a rule's automatic answer goes to a person, never to a bounce, a delivery report,
 * list or bulk mail, or another automatic answer; and where a reply goes and what its template says.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerAddress, automaticMailReason, fillAnswerTemplate } from '../../../../shared/mail/automatic-mail';

const PERSON = ['Return-Path: <ann@example.com>', 'From: Ann Example <ann@example.com>', 'Subject: Hello', 'Content-Type: text/plain'];

function section(...lines: string[]): string {
  return [...lines, ''].join('\r\n');
}

test('a message a person wrote may be answered, at its Return-Path, else its From', () => {
  assert.equal(automaticMailReason(section(...PERSON)), null);
  assert.equal(automaticMailReason(section(...PERSON, 'Auto-Submitted: no')), null, 'Auto-Submitted: no is a person');
  assert.equal(automaticMailReason(section(...PERSON, 'Precedence: first-class')), null);
  assert.equal(answerAddress(section('Return-Path: <bounces+ann@lists.example.com>', 'From: Ann <ann@example.com>')), 'bounces+ann@lists.example.com');
  assert.equal(answerAddress(section('From: "Ann, Example" <ann@example.com>')), 'ann@example.com');
});

test('bounces, reports, list and bulk mail and automatic answers are never answered', () => {
  const cases: Array<[string[], string]> = [
    [['Auto-Submitted: auto-replied'], 'auto-submitted'],
    [['Auto-Submitted: Auto-Generated; owner-email="x@example.com"'], 'auto-submitted'],
    [['auto-submitted:  auto-notified'], 'auto-submitted'],
    [['Precedence: bulk'], 'precedence'],
    [['Precedence: JUNK'], 'precedence'],
    [['Precedence: list'], 'precedence'],
    [['List-Id: Announcements <announce.example.org>'], 'mailing-list'],
  ];
  for (const [extra, reason] of cases) assert.equal(automaticMailReason(section(...PERSON, ...extra)), reason, extra.join(' '));
  assert.equal(automaticMailReason(section('Return-Path: <>', 'From: Ann <ann@example.com>', 'Subject: x')), 'null-return-path');
  assert.equal(automaticMailReason(section('Return-Path: < >', 'From: Ann <ann@example.com>')), 'null-return-path');
  assert.equal(automaticMailReason(section('From: Mail Delivery System <MAILER-DAEMON@mx.example.com>', 'Subject: Undelivered')), 'mailer-daemon');
  assert.equal(automaticMailReason(section('From: postmaster@example.com')), 'mailer-daemon');
  assert.equal(
    automaticMailReason(section('From: Ann <ann@example.com>', 'Content-Type: multipart/report; report-type=delivery-status;', '\tboundary="b"')),
    'delivery-report',
  );
  assert.equal(automaticMailReason(section('Subject: nobody')), 'no-return-address');
  assert.equal(automaticMailReason(''), 'no-return-address', 'no header section stored: nobody to answer');
});

test('a template has its sender, subject and date filled in once, other braces left alone', () => {
  const text = fillAnswerTemplate('Dear {sender},\nabout “{subject}” of {date}: {unknown} {sender}', {
    sender: 'Ann {subject}',
    subject: 'Invoice',
    date: 'Tue, 03 Nov 2026 10:00:00 GMT',
  });
  assert.equal(text, 'Dear Ann {subject},\nabout “Invoice” of Tue, 03 Nov 2026 10:00:00 GMT: {unknown} Ann {subject}');
});
