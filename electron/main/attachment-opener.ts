/**
 * Opens an attachment with the system's program for its type, as desktop mail clients do: the bytes go
 * to a fresh private folder under the profile and the desktop opens that copy. Programs and scripts are
 * never opened from mail (one click must not run code someone sent); the user can still save them. The
 * refusal says what the attachment is as data, and the window words it in the user's language.
 * Where nothing can open files (the browser bridge, the command line) the answer says so and the page
 * saves the attachment instead.
 */
import { wordedError } from '../../shared/error-words';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileExtension, safeFileName } from '../../shared/file-name';
import type { AttachmentOpening, ProgramKind } from '../../shared/mail';
import type { AttachmentBytes } from '../jobs/display/display-message';

/** What a program's first bytes show it to be. */
type ContentProgram = Extract<ProgramKind, { by: 'content' }>['program'];

/** Folder under the profile that holds the copies handed to other programs. */
export const OPENED_ATTACHMENTS_DIRECTORY = path.join('tmp', 'open');

/** How old a copy must be before startup removes it (the program that shows it may still have it open). */
export const OPENED_ATTACHMENT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Most bytes of a file name written to disk (file systems allow 255; the private folder's path is long). */
const MAX_OPEN_FILE_NAME_BYTES = 180;

/** The name used when the message gives none or nothing of it is usable. */
const FALLBACK_FILE_NAME = 'attachment';

/**
 * Extensions that run code (or hand it to an installer, a shell or a disk image mount) when opened,
 * on Windows, macOS or Linux desktops.
 */
const PROGRAM_EXTENSIONS = new Set([
  'exe',
  'bat',
  'cmd',
  'com',
  'scr',
  'pif',
  'cpl',
  'msi',
  'msp',
  'msc',
  'mst',
  'appx',
  'msix',
  'appxbundle',
  'msixbundle',
  'js',
  'jse',
  'mjs',
  'vbs',
  'vbe',
  'vb',
  'wsf',
  'wsh',
  'ws',
  'wsc',
  'sct',
  'hta',
  'ps1',
  'ps1xml',
  'ps2',
  'psm1',
  'psd1',
  'psc1',
  'reg',
  'inf',
  'scf',
  'url',
  'lnk',
  'website',
  'gadget',
  'application',
  'appref-ms',
  'settingcontent-ms',
  'xll',
  'chm',
  'diagcab',
  'iso',
  'img',
  'vhd',
  'vhdx',
  'sh',
  'bash',
  'zsh',
  'csh',
  'ksh',
  'fish',
  'command',
  'tool',
  'app',
  'pkg',
  'mpkg',
  'dmg',
  'jar',
  'jnlp',
  'class',
  'desktop',
  'appimage',
  'run',
  'bin',
  'out',
  'elf',
  'so',
  'dll',
  'sys',
  'drv',
  'ocx',
  'deb',
  'rpm',
  'apk',
  'snap',
  'flatpakref',
  'py',
  'pyw',
  'pyc',
  'pl',
  'rb',
  'php',
  'lua',
  'tcl',
  'awk',
  'workflow',
  'action',
  'scpt',
]);

/** Content types of programs and scripts, compared without parameters and in lower case. */
const PROGRAM_CONTENT_TYPES = new Set([
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-dosexec',
  'application/x-executable',
  'application/vnd.microsoft.portable-executable',
  'application/x-ms-installer',
  'application/x-msi',
  'application/x-ms-shortcut',
  'application/x-sh',
  'application/x-shellscript',
  'application/x-csh',
  'text/x-shellscript',
  'application/javascript',
  'application/x-javascript',
  'text/javascript',
  'application/ecmascript',
  'text/ecmascript',
  'text/vbscript',
  'application/x-vbscript',
  'application/hta',
  'application/java-archive',
  'application/x-java-archive',
  'application/x-java-jnlp-file',
  'application/x-desktop',
  'application/x-elf',
  'application/x-sharedlib',
  'application/x-mach-binary',
  'application/x-apple-diskimage',
  'application/x-debian-package',
  'application/x-rpm',
  'application/vnd.android.package-archive',
  'application/x-iso9660-image',
  'application/x-python',
  'text/x-python',
  'application/x-perl',
  'text/x-perl',
  'application/x-ruby',
  'application/x-php',
  'application/x-powershell',
]);

/** Leading bytes of native programs and scripts: Windows PE ("MZ"), ELF, Mach-O and "#!" scripts. */
const PROGRAM_SIGNATURES: ReadonlyArray<{ readonly bytes: readonly number[]; readonly program: ContentProgram }> = [
  { bytes: [0x4d, 0x5a], program: 'windows' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], program: 'linux' },
  { bytes: [0xfe, 0xed, 0xfa, 0xce], program: 'macos' },
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], program: 'macos' },
  { bytes: [0xce, 0xfa, 0xed, 0xfe], program: 'macos' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], program: 'macos' },
  { bytes: [0x23, 0x21], program: 'script' },
];

/** The name an attachment is written under to be opened (see shared/file-name). */
export function sanitizeOpenFileName(name: string | null): string {
  return safeFileName(name, FALLBACK_FILE_NAME, MAX_OPEN_FILE_NAME_BYTES);
}

/**
 * What an attachment really is when it is a program or script, by its name, its declared type or its
 * first bytes (the window words it: "a program or script (.exe)"); null otherwise.
 */
export function programType(fileName: string, contentType: string, bytes: Uint8Array): ProgramKind | null {
  const extension = fileExtension(fileName).slice(1).toLowerCase();
  if (PROGRAM_EXTENSIONS.has(extension)) return { by: 'name', extension };
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (PROGRAM_CONTENT_TYPES.has(type)) return { by: 'type', contentType: type };
  const signature = PROGRAM_SIGNATURES.find((entry) => entry.bytes.length <= bytes.length && entry.bytes.every((byte, offset) => bytes[offset] === byte));
  return signature === undefined ? null : { by: 'content', program: signature.program };
}

/** Whether an attachment looks like a program or script by its name, its declared type or its first bytes. */
export function looksLikeProgram(fileName: string, contentType: string, bytes: Uint8Array): boolean {
  return programType(fileName, contentType, bytes) !== null;
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
export function createAttachmentOpener(
  options: AttachmentOpenerOptions,
): (input: { readonly messageId: number; readonly index: number }) => Promise<AttachmentOpening> {
  const root = path.join(options.profileDir, OPENED_ATTACHMENTS_DIRECTORY);
  return async ({ messageId, index }) => {
    const { openPath } = options;
    const attachment = await options.readAttachment(messageId, index);
    const fileName = sanitizeOpenFileName(attachment.fileName);
    // Checked before anything else, so a page that saves instead of opening is refused the same way.
    const kind = programType(fileName, attachment.contentType, attachment.bytes);
    if (kind !== null) return { opened: false, refused: { fileName, kind } };
    if (openPath === undefined) return { opened: false, refused: null };
    let filePath: string;
    try {
      await mkdir(root, { recursive: true, mode: 0o700 });
      const folder = await mkdtemp(root + path.sep);
      filePath = path.join(folder, fileName);
      await writeFile(filePath, attachment.bytes, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      throw wordedError('STORAGE', { id: 'refusal.attachmentNotPrepared', values: { file: fileName } }, { cause: error });
    }
    const failure = await openPath(filePath);
    if (failure !== '') throw wordedError('INTERNAL', { id: 'refusal.attachmentNoProgram', values: { file: fileName } });
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
