import { test } from 'node:test';
import assert from 'node:assert/strict';
import PostalMime from 'postal-mime';
import { headerColumns } from '../../../electron/storage/header-columns';

type Address = { name: string; address?: string | undefined; group?: Array<{ name: string; address: string }> | undefined };

function flatten(list: readonly Address[] | undefined): Array<{ name: string; address: string }> {
  return (list ?? []).flatMap((entry) =>
    entry.group !== undefined
      ? flatten(entry.group)
      : entry.address !== undefined && entry.address.length > 0
        ? [{ name: entry.name, address: entry.address }]
        : [],
  );
}

/** What a whole postal-mime parse of the header section gives for the columns the list reads. */
async function throughPostalMime(header: string): Promise<unknown> {
  const email = await PostalMime.parse(Buffer.from(`${header}\r\n\r\n`), { maxNestingDepth: 1, maxRfc822NestingDepth: 0 });
  const raw = (key: string) => email.headers.find((entry) => entry.key === key)?.value;
  return {
    subject: email.subject?.trim() || null,
    from: flatten(email.from === undefined ? [] : [email.from])[0] ?? null,
    to: flatten(email.to),
    cc: flatten(email.cc),
    date: raw('date') === undefined ? null : new Date(raw('date')!.replace(/\s+/g, ' ').trim()).getTime() || null,
    messageId: email.messageId?.trim() || null,
    references: (email.references ?? '').split(/\s+/).filter((entry) => entry.length > 0),
    hasAttachments: /^\s*multipart\/(mixed|related)\b/i.test(raw('content-type') ?? ''),
  };
}

async function columns(header: string): Promise<unknown> {
  const read = await headerColumns(Buffer.from(header));
  assert.ok(read !== undefined);
  return {
    subject: read.subject,
    from: read.from,
    to: read.to,
    cc: read.cc,
    date: read.date,
    messageId: read.messageId,
    references: read.references,
    hasAttachments: read.hasAttachments,
  };
}

const HEADERS: readonly string[] = [
  'From: =?utf-8?B?Wm/DqyBRdWlsbA==?= <zoe@example.org>\r\nTo: ann@example.com, "Bob, the builder" <bob@example.com>\r\nSubject: =?utf-8?Q?Quartalszahlen_f=C3=BCr?=\r\n Q1',
  'From: Team: carl@example.net, dee@example.net;\r\nCc: Team: carl@example.net, dee@example.net;\r\nCc: eve@example.org\r\nTo:\r\nTo: Fay <fay@example.org>',
  'Subject:\r\nSubject: the second subject is not read\r\nFrom: ann@example.com, bob@example.com',
  'Subject : obsolete spacing\r\nFrom\t: "Ann" <ann@example.com>\r\nDate: Mon, 2 Feb 2026\r\n 09:00:00 +0100',
  'subject: lower case name\r\nMESSAGE-ID:   <id@example.org>   \r\nReferences: <a@example.org>\r\n\t<b@example.org>  <c@example.org>',
  'Subject: a bare\rcarriage return\r\nFrom: \u202Bأحمد علي\u202C <ahmad@example.org>\r\nContent-Type: Multipart/Mixed; boundary=x',
  'Subject: =?iso-8859-1?q?caf=E9?= =?utf-8?b?8J+Ygw==?= tail\nFrom: 李明 <liming@example.cn>\nDate: not a date\nContent-Type: text/plain',
  `Subject: ${' '.repeat(5_000)}long blank run${' '.repeat(5_000)}\r\nTo: ${Array.from({ length: 200 }, (_, index) => `r${index}@example.com`).join(', ')}`,
  'Received: from somewhere\r\nX-Junk: not: an address\r\nSubject: Ünïcödé raw UTF-8\r\nFrom: "Dörte" <doerte@example.de>\r\nContent-Type: multipart/related; type="text/html"',
  '\uFEFFSubject: after a byte order mark\r\nnot a field line\r\nFrom: ann@example.com',
];

test('the list columns read from a header section are those a whole postal-mime parse of it gives', async () => {
  for (const header of HEADERS) assert.deepEqual(await columns(header), await throughPostalMime(header), header.slice(0, 80));
});
