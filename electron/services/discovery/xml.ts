/**
 * A deliberately small XML reader for autoconfig documents: elements, attributes, text, comments,
 * CDATA and the predefined and numeric character references. Document type declarations are refused,
 * so no entity can expand and nothing external is ever loaded.
 */

/** The most text one document may have; autoconfig files are a few kilobytes. */
export const XML_MAX_LENGTH = 256 * 1024;
/** The deepest nesting accepted. */
export const XML_MAX_DEPTH = 32;

/** An element with its attributes, child elements and concatenated text. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_][\w.:-]*/;

function decode(raw: string): string {
  return raw.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const value = PREDEFINED[ref];
    if (value === undefined) throw new SyntaxError(`Unknown entity ${whole}`);
    return value;
  });
}

/** Parses a document and returns its root element; throws SyntaxError on anything malformed. */
export function parseXml(text: string): XmlElement {
  if (text.length > XML_MAX_LENGTH) throw new SyntaxError('The document is too large.');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let index = 0;
  const fail = (message: string): never => {
    throw new SyntaxError(`${message} at offset ${index}`);
  };
  while (index < text.length) {
    const open = text.indexOf('<', index);
    const chunk = text.slice(index, open === -1 ? text.length : open);
    const top = stack[stack.length - 1];
    if (top !== undefined) top.text += decode(chunk);
    else if (chunk.trim() !== '') fail('Text outside the root element');
    if (open === -1) break;
    index = open;
    if (text.startsWith('<?', index)) {
      const end = text.indexOf('?>', index);
      if (end === -1) fail('Unterminated processing instruction');
      index = end + 2;
    } else if (text.startsWith('<!--', index)) {
      const end = text.indexOf('-->', index);
      if (end === -1) fail('Unterminated comment');
      index = end + 3;
    } else if (text.startsWith('<![CDATA[', index)) {
      const end = text.indexOf(']]>', index);
      if (end === -1 || top === undefined) fail('Misplaced CDATA');
      if (top !== undefined) top.text += text.slice(index + 9, end);
      index = end + 3;
    } else if (text.startsWith('<!', index)) {
      fail('Document type declarations are not accepted');
    } else if (text.startsWith('</', index)) {
      const end = text.indexOf('>', index);
      const name = text.slice(index + 2, end === -1 ? undefined : end).trim();
      const closing = stack.pop();
      if (end === -1 || closing?.name !== name) fail(`Unexpected </${name}>`);
      index = end + 1;
    } else {
      const end = text.indexOf('>', index);
      if (end === -1) fail('Unterminated tag');
      const selfClosing = text[end - 1] === '/';
      let body = text.slice(index + 1, selfClosing ? end - 1 : end);
      const name = NAME.exec(body)?.[0] ?? fail('Bad element name');
      body = body.slice(name.length);
      const attributes: Record<string, string> = {};
      const attribute = /\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/y;
      let consumed = 0;
      let match: RegExpExecArray | null;
      while ((match = attribute.exec(body)) !== null) {
        attributes[match[1] ?? ''] = decode(match[3] ?? match[4] ?? '');
        consumed = attribute.lastIndex;
      }
      if (body.slice(consumed).trim() !== '') fail(`Bad attributes in <${name}>`);
      const element: XmlElement = { name, attributes, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.children.push(element);
      else if (root === undefined) root = element;
      else fail('A second root element');
      if (!selfClosing) stack.push(element);
      if (stack.length > XML_MAX_DEPTH) fail('Nesting too deep');
      index = end + 1;
    }
  }
  if (stack.length > 0 || root === undefined) fail('Unclosed or missing root element');
  return root as XmlElement;
}

/** The direct children of `element` named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The trimmed text of the first direct child named `name`, if any. */
export function childText(element: XmlElement, name: string): string | undefined {
  return childrenNamed(element, name)[0]?.text.trim();
}
