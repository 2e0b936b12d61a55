/**
 * Eudora takes attachments out of a message when it arrives: it saves each one as a file (in its
 * `Attach` folder) and leaves a line `Attachment Converted: "C:\Eudora\Attach\report.pdf"` in the text,
 * which is stored decoded. The stored form is therefore not the message that was received. On import
 * the message is rebuilt as multipart/mixed — its header fields as Eudora kept them (Content-Type and
 * Content-Transfer-Encoding replaced), the text as the first part, then every attachment file found as
 * a base64 part with its name — and those rebuilt bytes are what is stored (the original bytes no
 * longer exist anywhere). The boundary comes from the message's own bytes, so importing the same
 * mailbox again rebuilds the same bytes and adds nothing. A file is looked for by its name in the
 * attachment folders only, and one that is no longer there leaves its line in the text.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { MailboxItem, MailboxMessage } from '../mbox-reader';

/** An attachment file larger than this stays a line in the text (a message must stay storable). */
export const MAX_EUDORA_ATTACHMENT_BYTES = 64 * 1024 * 1024;
const BASE64_LINE = 76;
const CRLF = '\r\n';
const ATTACHMENT_LINE = /^Attachment Converted:[ \t]*"?([^"\r\n]+?)"?[ \t]*$/;
const CONTENT_FIELD = /^content-(type|transfer-encoding)[ \t]*:/i;
const MEDIA_TYPES: ReadonlyMap<string, string> = new Map([
  ['.pdf', 'application/pdf'],
  ['.txt', 'text/plain'],
  ['.htm', 'text/html'],
  ['.html', 'text/html'],
  ['.jpg', 'image/jpeg'],
  ['.jpeg', 'image/jpeg'],
  ['.png', 'image/png'],
  ['.gif', 'image/gif'],
  ['.zip', 'application/zip'],
  ['.doc', 'application/msword'],
  ['.xls', 'application/vnd.ms-excel'],
]);

function decodeText(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.includes('\uFFFD') ? bytes.toString('latin1') : text;
}

async function findAttachment(written: string, directories: readonly string[]): Promise<string | undefined> {
  // Only by name in the attachment folders: a path written in a message is never followed, so a
  // message cannot pull a file of the user's (a key, a document) into the store.
  const base = written.split(/[\\/]/).at(-1) ?? '';
  if (base === '' || base === '.' || base === '..') return undefined;
  for (const candidate of directories.map((directory) => path.join(directory, base))) {
    const stat = await fs.stat(candidate).catch(() => undefined);
    if (stat?.isFile() === true && stat.size <= MAX_EUDORA_ATTACHMENT_BYTES) return candidate;
  }
  return undefined;
}

function nameParameter(parameter: string, name: string): string {
  if (/^[\x20-\x7e]*$/.test(name)) return `${parameter}="${name.replace(/["\\]/g, '\\$&')}"`;
  return `${parameter}*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

function base64Lines(bytes: Buffer): string {
  const text = bytes.toString('base64');
  const lines: string[] = [];
  for (let start = 0; start < text.length; start += BASE64_LINE) lines.push(text.slice(start, start + BASE64_LINE));
  return lines.join(CRLF);
}

function textCharset(header: string, body: Buffer): string {
  const declared = /^content-type[ \t]*:[ \t]*text\/[^\r\n]*charset="?([A-Za-z0-9._:-]+)"?/im.exec(header)?.[1];
  if (declared !== undefined) return declared;
  return body.toString('utf8').includes('\uFFFD') ? 'windows-1252' : 'utf-8';
}

/** Drops header fields (with their continuation lines) that the rebuilt message declares anew. */
function headerWithout(header: string): string {
  const kept: string[] = [];
  let dropping = false;
  for (const line of header.split(CRLF)) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (!dropping) kept.push(line);
      continue;
    }
    dropping = CONTENT_FIELD.test(line);
    if (!dropping) kept.push(line);
  }
  return kept.join(CRLF);
}

/** The message with its converted attachments brought back in as MIME parts (see the module comment). */
export async function withEudoraAttachments(message: MailboxMessage, directories: readonly string[]): Promise<MailboxItem> {
  const bytes = message.bytes;
  const split = bytes.indexOf('\r\n\r\n');
  if (split === -1) return { kind: 'message', message };
  const header = bytes.subarray(0, split).toString('latin1');
  const body = bytes.subarray(split + 4);
  const lines = body.toString('latin1').split(CRLF);
  const textLines: string[] = [];
  const parts: Buffer[] = [];
  for (const line of lines) {
    const match = ATTACHMENT_LINE.exec(line);
    const written = match?.[1] === undefined ? undefined : decodeText(Buffer.from(match[1], 'latin1')).trim();
    const file = written === undefined ? undefined : await findAttachment(written, directories);
    if (file === undefined) {
      textLines.push(line);
      continue;
    }
    const name = path.basename(file);
    const type = MEDIA_TYPES.get(path.extname(name).toLowerCase()) ?? 'application/octet-stream';
    parts.push(
      Buffer.from(
        `Content-Type: ${type}; ${nameParameter('name', name)}${CRLF}Content-Transfer-Encoding: base64${CRLF}Content-Disposition: attachment; ${nameParameter('filename', name)}${CRLF}${CRLF}${base64Lines(await fs.readFile(file))}${CRLF}`,
        'latin1',
      ),
    );
  }
  if (parts.length === 0) return { kind: 'message', message };
  const text = Buffer.from(textLines.join(CRLF), 'latin1');
  const boundary = `=_eudora_${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`;
  const eightBit = text.some((byte) => byte > 0x7f);
  const head = headerWithout(header);
  const mimeVersion = /^mime-version[ \t]*:/im.test(head) ? '' : `MIME-Version: 1.0${CRLF}`;
  const rebuilt = Buffer.concat([
    Buffer.from(`${head}${CRLF}${mimeVersion}Content-Type: multipart/mixed; boundary="${boundary}"${CRLF}${CRLF}`, 'latin1'),
    Buffer.from(`--${boundary}${CRLF}Content-Type: text/plain; charset=${textCharset(header, text)}${CRLF}`, 'latin1'),
    Buffer.from(`Content-Transfer-Encoding: ${eightBit ? '8bit' : '7bit'}${CRLF}${CRLF}`, 'latin1'),
    text,
    Buffer.from(text.length > 0 && !text.subarray(-2).equals(Buffer.from(CRLF)) ? CRLF : '', 'latin1'),
    ...parts.flatMap((part) => [Buffer.from(`--${boundary}${CRLF}`, 'latin1'), part]),
    Buffer.from(`--${boundary}--${CRLF}`, 'latin1'),
  ]);
  return { kind: 'message', message: { ...message, bytes: rebuilt } };
}
