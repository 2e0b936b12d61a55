/**
 * Inline images sent through a real Postfix: parts with a Content-ID that the HTML names by `cid:`
 * (RFC 2392) arrive inside multipart/related with the HTML (RFC 2387), that part inside the
 * multipart/alternative beside the plain text, every cid: of the HTML matching a part's Content-ID,
 * while an ordinary attachment stays outside in multipart/mixed.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { composeMessage, sendMessage } from '../../../electron/protocols/smtp';
import { startPostfix, type PostfixServer } from '../../servers/postfix';
import { accountCredentials, POSTFIX_TEST_TIMEOUT_MS, postfixConnection } from './support';

let server: PostfixServer;

before(async () => {
  server = await startPostfix();
});
after(() => server?.stop());

/** The Content-Type (without parameters) and Content-ID of each part, in order, with its depth. */
function partList(raw: string): string[] {
  const text = raw.replace(/\r\n/g, '\n');
  const lines: string[] = [];
  const walk = (part: string, depth: number): void => {
    const split = part.indexOf('\n\n');
    const header = part.slice(0, split).replace(/\n[ \t]+/g, ' ');
    const typeLine = /^content-type:\s*([^\n]*)/im.exec(header)?.[1] ?? 'text/plain';
    const type = (typeLine.split(';')[0] ?? '').trim().toLowerCase();
    const contentId = /^content-id:\s*<([^>]*)>/im.exec(header)?.[1];
    lines.push(`${' '.repeat(depth * 2)}${type}${contentId === undefined ? '' : ` <${contentId}>`}`);
    if (!type.startsWith('multipart/')) return;
    const boundary = /boundary="?([^";]+)"?/i.exec(typeLine)?.[1] ?? '';
    for (const piece of `\n${part.slice(split + 2)}`.split(`\n--${boundary}`).slice(1, -1)) walk(piece.replace(/^\n/, ''), depth + 1);
  };
  walk(text, 0);
  return lines;
}

test('inline images go in multipart/related beside the HTML and every cid: matches a part', { timeout: POSTFIX_TEST_TIMEOUT_MS }, async () => {
  const logo = new Uint8Array(3_000).map((_, index) => (index * 7) % 256);
  const chart = new Uint8Array(5_000).map((_, index) => (index * 13 + 1) % 256);
  const composed = await composeMessage({
    from: { address: 'alice@example.test' },
    to: [{ address: 'bob@example.test' }],
    subject: 'Pictures inside — مرحبا',
    text: 'Logo and chart\n',
    html: '<p dir="auto">Logo <img src="cid:image1.f00d@mailbag.invalid" alt=""> and chart <img src="cid:image2.f00d@mailbag.invalid" alt=""></p>',
    attachments: [
      { fileName: 'image-1.png', contentType: 'image/png', content: logo, contentId: 'image1.f00d@mailbag.invalid', inline: true },
      { fileName: 'image-2.gif', contentType: 'image/gif', content: chart, contentId: 'image2.f00d@mailbag.invalid', inline: true },
      { fileName: 'notes.pdf', contentType: 'application/pdf', content: new Uint8Array([37, 80, 68, 70]) },
    ],
  });
  const before = (await server.listDelivered()).length;
  const outcome = await sendMessage({ connection: postfixConnection(server, 'starttls'), credentials: accountCredentials(server), message: composed });
  assert.equal(outcome.kind, 'sent', JSON.stringify(outcome));
  const delivered = (await server.waitForDeliveries(before + 1)).slice(before);
  const [raw] = delivered;
  assert.ok(raw !== undefined);

  assert.deepEqual(partList(raw.toString('latin1')), [
    'multipart/mixed',
    '  multipart/alternative',
    '    text/plain',
    '    multipart/related',
    '      text/html',
    '      image/png <image1.f00d@mailbag.invalid>',
    '      image/gif <image2.f00d@mailbag.invalid>',
    '  application/pdf',
  ]);
  const parsed = await simpleParser(raw, { keepCidLinks: true });
  const named = [...String(parsed.html).matchAll(/src="cid:([^"]+)"/g)].map((match) => match[1]);
  const related = parsed.attachments.filter((item) => item.related === true);
  assert.deepEqual(named, ['image1.f00d@mailbag.invalid', 'image2.f00d@mailbag.invalid']);
  assert.deepEqual(
    related.map((item) => item.cid),
    named,
  );
  assert.deepEqual(new Uint8Array(related[0]?.content ?? []), logo);
  assert.deepEqual(new Uint8Array(related[1]?.content ?? []), chart);
});
