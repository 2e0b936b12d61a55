/**
 * Opens an attachment with the system's program for its type, as desktop mail clients do: the bytes go
 * to a fresh private folder under the profile and the desktop opens that copy. Programs and scripts are
 * never opened from mail (one click must not run code someone sent); the user can still save them.
 * Where nothing can open files (the browser bridge, the command line) the answer says so and the page
 * saves the attachment instead.
 */
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MailbagError } from '../../shared/errors';
import type { AttachmentBytes } from '../jobs/display/display-message';

/** Folder under the profile that holds the copies handed to other programs. */
export const OPENED_ATTACHMENTS_DIRECTORY = path.join('tmp', 'open');

/** How old a copy must be before startup removes it (the program that shows it may still have it open). */
export const OPENED_ATTACHMENT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Most bytes of a file name written to disk (file systems allow 255). */
const MAX_FILE_NAME_BYTES = 180;

/** The name used when the message gives none or nothing of it is usable. */
const FALLBACK_FILE_NAME = 'attachment';

/** What the user is told when an attachment looks like a program. */
export const REFUSED_PROGRAM_MESSAGE = 'Mailbag does not open programs from mail; save it instead if you trust it.';

/**
 * Extensions that run code (or hand it to an installer, a shell or a disk image mount) when opened,
 * on Windows, macOS or Linux desktops.
 */
const PROGRAM_EXTENSIONS = new Set([
  'exe', 'bat', 'cmd', 'com', 'scr', 'pif', 'cpl', 'msi', 'msp', 'msc', 'mst', 'appx', 'msix', 'appxbundle', 'msixbundle',
  'js', 'jse', 'mjs', 'vbs', 'vbe', 'vb', 'wsf', 'wsh', 'ws', 'wsc', 'sct', 'hta', 'ps1', 'ps1xml', 'ps2', 'psm1', 'psd1', 'psc1',
  'reg', 'inf', 'scf', 'url', 'lnk', 'website', 'gadget', 'application', 'appref-ms', 'settingcontent-ms', 'xll', 'chm', 'diagcab',
  'iso', 'img', 'vhd', 'vhdx', 'sh', 'bash', 'zsh', 'csh', 'ksh', 'fish', 'command', 'tool', 'app', 'pkg', 'mpkg', 'dmg',
  'jar', 'jnlp', 'class', 'desktop', 'appimage', 'run', 'bin', 'out', 'elf', 'so', 'dll', 'sys', 'drv', 'ocx', 'deb', 'rpm',
  'apk', 'snap', 'flatpakref', 'py', 'pyw', 'pyc', 'pl', 'rb', 'php', 'lua', 'tcl', 'awk', 'workflow', 'action', 'scpt',
]);

/** Content types of programs and scripts, compared without parameters and in lower case. */
const PROGRAM_CONTENT_TYPES = new Set([
  'application/x-msdownload', 'application/x-msdos-program', 'application/x-dosexec', 'application/x-executable',
  'application/vnd.microsoft.portable-executable', 'application/x-ms-installer', 'application/x-msi', 'application/x-ms-shortcut',
  'application/x-sh', 'application/x-shellscript', 'application/x-csh', 'text/x-shellscript', 'application/javascript',
  'application/x-javascript', 'text/javascript', 'application/ecmascript', 'text/ecmascript', 'text/vbscript', 'application/x-vbscript',
  'application/hta', 'application/java-archive', 'application/x-java-archive', 'application/x-java-jnlp-file',
  'application/x-desktop', 'application/x-elf', 'application/x-sharedlib', 'application/x-mach-binary', 'application/x-apple-diskimage',
  'application/x-debian-package', 'application/x-rpm', 'application/vnd.android.package-archive', 'application/x-iso9660-image',
  'application/x-python', 'text/x-python', 'application/x-perl', 'text/x-perl', 'application/x-ruby', 'application/x-php',
  'application/x-powershell',
]);

/** Leading bytes of native programs and scripts: Windows PE ("MZ"), ELF, Mach-O and "#!" scripts. */
const PROGRAM_SIGNATURES: readonly (readonly number[])[] = [
  [0x4d, 0x5a],
  [0x7f, 0x45, 0x4c, 0x46],
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0x23, 0x21],
];

/** Names Windows reserves for devices, whatever extension follows. */
const RESERVED_WINDOWS_NAME = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/** Cuts a string, whole code points only, until it fits in `maxBytes` of UTF-8. */
function fitBytes(text: string, maxBytes: number): string {
  let result = '';
  for (const character of text) {
    if (Buffer.byteLength(result + character) > maxBytes) break;
    result += character;
  }
  return result;
}

/**
 * A file name safe to create in the private folder: no folders, no control or invisible formatting
 * characters (which could disguise "gpj.exe" as "exe.jpg"), no characters Windows forbids, no leading
 * dots (hidden files), bounded in length with its extension kept, never empty.
 */
export function sanitizeOpenFileName(name: string | null): string {
  let cleaned = (name ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (RESERVED_WINDOWS_NAME.test(cleaned)) cleaned = `_${cleaned}`;
  if (Buffer.byteLength(cleaned) > MAX_FILE_NAME_BYTES) {
    const extension = path.extname(cleaned);
    const keep = extension.length > 1 && Buffer.byteLength(extension) <= 32 ? extension : '';
    cleaned = fitBytes(cleaned.slice(0, cleaned.length - keep.length), MAX_FILE_NAME_BYTES - Buffer.byteLength(keep)).replace(/[.\s]+$/, '') + keep;
  }
  return cleaned === '' ? FALLBACK_FILE_NAME : cleaned;
}

/** Whether an attachment looks like a program or script by its name, its declared type or its first bytes. */
export function looksLikeProgram(fileName: string, contentType: string, bytes: Uint8Array): boolean {
  const extension = path.extname(fileName).slice(1).toLowerCase();
  if (PROGRAM_EXTENSIONS.has(extension)) return true;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (PROGRAM_CONTENT_TYPES.has(type)) return true;
  return PROGRAM_SIGNATURES.some((signature) => signature.length <= bytes.length && signature.every((byte, offset) => bytes[offset] === byte));
}

/** What opening attachments needs. */
export interface AttachmentOpenerOptions {
  readonly profileDir: string;
  /** Reads one attachment of a stored message (bounded in size by the caller). */
  readonly readAttachment: (messageId: number, index: number) => Promise<AttachmentBytes>;
  /**
   * Opens a file with the desktop's program for it; resolves to an error text, empty on success
   * (Electron's shell.openPath). Absent where Mailbag cannot start programs.
   */
  readonly openPath?: (filePath: string) => Promise<string>;
}

/** The openAttachment operation: false when this transport cannot open files. */
export function createAttachmentOpener(options: AttachmentOpenerOptions): (input: { readonly messageId: number; readonly index: number }) => Promise<{ readonly opened: boolean }> {
  const root = path.join(options.profileDir, OPENED_ATTACHMENTS_DIRECTORY);
  return async ({ messageId, index }) => {
    const { openPath } = options;
    if (openPath === undefined) return { opened: false };
    const attachment = await options.readAttachment(messageId, index);
    const fileName = sanitizeOpenFileName(attachment.fileName);
    if (looksLikeProgram(fileName, attachment.contentType, attachment.bytes)) throw new MailbagError('VALIDATION', REFUSED_PROGRAM_MESSAGE);
    let filePath: string;
    try {
      await mkdir(root, { recursive: true, mode: 0o700 });
      const folder = await mkdtemp(root + path.sep);
      filePath = path.join(folder, fileName);
      await writeFile(filePath, attachment.bytes, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      throw new MailbagError('STORAGE', `Mailbag could not prepare ${fileName} for opening.`, { cause: error });
    }
    const failure = await openPath(filePath);
    if (failure !== '') throw new MailbagError('INTERNAL', `No program could open ${fileName}. Save it and open it from your file manager.`);
    return { opened: true };
  };
}

/**
 * Removes copies opened earlier that are older than `maxAgeMs` (best effort: a copy still in use or a
 * folder that cannot be read stays). Returns how many folders went.
 */
export async function removeOldOpenedAttachments(profileDir: string, maxAgeMs = OPENED_ATTACHMENT_MAX_AGE_MS, now = Date.now()): Promise<number> {
  const root = path.join(profileDir, OPENED_ATTACHMENTS_DIRECTORY);
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const entry of entries) {
    const folder = path.join(root, entry);
    try {
      const info = await stat(folder);
      if (now - info.mtimeMs < maxAgeMs) continue;
      await rm(folder, { recursive: true, force: true });
      removed += 1;
    } catch {
      // Best effort: what cannot be removed now is tried again at the next start.
    }
  }
  return removed;
}
