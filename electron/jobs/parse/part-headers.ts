/**
 * The MIME fields of one part's header section (RFC 2045 §5, RFC 2183), read the way mailparser's
 * splitter reads them, for the shapes written by mail programs: a type, and parameters that are
 * tokens or simple quoted strings, file names as file-names.ts reads them. Anything it would have to
 * guess at — comments, escapes, RFC 2231 parameter continuations, a repeated parameter — answers
 * undefined, and the message is left to mailparser.
 */
import { decodeExtendedValue, decodeWordsName } from './file-names';

/** What the text-part walker needs of a part's header section. */
export interface PartFields {
  /** The lower-case type and subtype, `text/plain` when the section has no Content-Type. */
  readonly contentType: string;
  /** Whether the section has a Content-Type field. */
  readonly typed: boolean;
  /** The charset parameter, as written. */
  readonly charset: string | undefined;
  /** The boundary parameter of a multipart, without trailing whitespace. */
  readonly boundary: string | undefined;
  /** Whether the type carries format=flowed (RFC 3676). */
  readonly flowed: boolean;
  /** The lower-case disposition type, undefined when there is none. */
  readonly disposition: string | undefined;
  /** The file name from the disposition's filename or the type's name parameter. */
  readonly fileName: string | undefined;
  /** The lower-case Content-Transfer-Encoding. */
  readonly encoding: string;
  /** The first Content-ID, as written. */
  readonly contentId: string | undefined;
}

/** A parsed structured field: its value and lower-case parameters. */
interface Structured {
  readonly value: string;
  readonly params: ReadonlyMap<string, string>;
}

const TOKEN = /^[^\s;"()\\]+/;
const QUOTED = /^"([^"\\]*)"/;
const NAME = /^[A-Za-z0-9_.-]+\*?/;

/**
 * A value with parameters in the common form `type; name=token; name="quoted"`, or undefined for
 * any other form (the two readers could disagree on it).
 */
function structured(field: string): Structured | undefined {
  let rest = field;
  const value = TOKEN.exec(rest);
  if (value === null) return rest.trim() === '' ? { value: '', params: new Map() } : undefined;
  rest = rest.slice(value[0].length).trimStart();
  const params = new Map<string, string>();
  while (rest.length > 0) {
    if (!rest.startsWith(';')) return undefined;
    rest = rest.slice(1).trimStart();
    if (rest.length === 0) break;
    const name = NAME.exec(rest);
    if (name === null) return undefined;
    rest = rest.slice(name[0].length).trimStart();
    if (!rest.startsWith('=')) return undefined;
    rest = rest.slice(1).trimStart();
    const quoted = QUOTED.exec(rest);
    const token = quoted === null ? TOKEN.exec(rest) : null;
    const match = quoted ?? token;
    if (match === null) return undefined;
    const key = name[0].toLowerCase();
    if (params.has(key)) return undefined;
    params.set(key, quoted === null ? match[0] : (quoted[1] ?? ''));
    rest = rest.slice(match[0].length).trimStart();
  }
  return { value: value[0], params };
}

/**
 * The file name parameter `name` of a field: its extended form (RFC 2231) when given, which wins over
 * the plain one as it does for mailparser, else the plain one with encoded words decoded; undefined
 * for a form left to mailparser.
 */
function fileNameParameter(field: Structured, name: string): string | undefined {
  if ([...field.params.keys()].some((key) => key.includes('*') && key !== 'filename*' && key !== 'name*')) return undefined;
  const extended = field.params.get(`${name}*`);
  if (extended !== undefined) return decodeExtendedValue(extended);
  return decodeWordsName(field.params.get(name) ?? '');
}

/** A header line's text: UTF-8 when its bytes are valid UTF-8, else one character per byte (as mailparser reads it). */
function lineText(latin1: string): string {
  const utf8 = Buffer.from(latin1, 'latin1').toString('utf8');
  return utf8.includes('\uFFFD') ? latin1 : utf8;
}

/** The unfolded values of every field in a header section, first occurrence of each name kept. */
function fieldValues(section: string): Map<string, string> | undefined {
  let end = section.length;
  while (end > 0 && (section.charCodeAt(end - 1) === 0x0a || section.charCodeAt(end - 1) === 0x0d)) end -= 1;
  const lines = section.slice(0, end).split(/\r?\n/);
  const logical: string[] = [];
  for (const line of lines) {
    if (line.length === 0) continue;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (logical.length === 0) return undefined;
      logical[logical.length - 1] += `\r\n${line}`;
    } else {
      if (!line.includes(':') || /^(from|post) /i.test(line)) return undefined;
      logical.push(line);
    }
  }
  const fields = new Map<string, string>();
  for (const line of logical) {
    const unfolded = lineText(line)
      .replace(/(?:\r?\n|\r)[ \t]*/g, ' ')
      .trim();
    const colon = unfolded.indexOf(':');
    const key = unfolded.slice(0, colon).trim().toLowerCase();
    if (!fields.has(key)) fields.set(key, unfolded.slice(colon + 1).trim());
  }
  return fields;
}

/**
 * Reads a part's header section (the bytes up to and including its blank line, as Latin-1 text), or
 * undefined for a form left to mailparser.
 */
export function readPartFields(section: string): PartFields | undefined {
  const fields = fieldValues(section);
  if (fields === undefined) return undefined;
  const typeField = fields.get('content-type');
  const dispositionField = fields.get('content-disposition') ?? '';
  const encodingField = fields.get('content-transfer-encoding') ?? '';
  if (encodingField.includes('(')) return undefined;
  const type = structured(typeField ?? 'text/plain');
  const disposition = structured(dispositionField);
  if (type === undefined || disposition === undefined) return undefined;
  const contentType = type.value.toLowerCase().trim();
  const dispositionName = fileNameParameter(disposition, 'filename');
  const typeName = fileNameParameter(type, 'name');
  if (dispositionName === undefined || typeName === undefined) return undefined;
  const fileName = dispositionName || typeName;
  // Without a type, mailparser's splitter guesses one from the file name.
  if (contentType.length === 0 || (typeField === undefined && fileName.length > 0)) return undefined;
  const dispositionType = disposition.value.toLowerCase().trim();
  if (dispositionType.includes('=?')) return undefined;
  const boundary = type.params.get('boundary')?.trimEnd();
  // A boundary outside ASCII is no boundary to the splitter.
  if (boundary !== undefined && Buffer.byteLength(boundary) !== boundary.length) return undefined;
  const contentId = fields.get('content-id');
  // mailparser reads a Content-ID's bytes as UTF-8 whatever they are; only ASCII reads the same both ways.
  if (contentId !== undefined && /[^\x20-\x7e]/.test(contentId)) return undefined;
  return {
    contentType: typeField === undefined && /^attachment$/i.test(disposition.value) ? 'application/octet-stream' : contentType,
    typed: typeField !== undefined,
    charset: type.params.get('charset'),
    boundary: boundary === '' ? undefined : boundary,
    flowed: contentType === 'text/plain' && type.params.get('format')?.toLowerCase().trim() === 'flowed',
    disposition: dispositionType.length > 0 ? dispositionType : undefined,
    fileName: fileName.length > 0 ? fileName : undefined,
    encoding: encodingField.toLowerCase().trim(),
    contentId: contentId === undefined || contentId.length === 0 ? undefined : contentId,
  };
}
