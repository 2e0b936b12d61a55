/**
 * A message of a text part and one attached file (multipart/mixed, RFC 2046 §5.1.3; the file in base64,
 * RFC 2045 §6.8): the shape the search, list and window tests use to find mail by attachment and file
 * name. `head` is every header line up to MIME-Version; the text is UTF-8.
 */
export function attachmentMessage(message: {
  readonly head: readonly string[];
  readonly text: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly content: string;
  readonly boundary?: string;
}): Buffer {
  const boundary = message.boundary ?? 'b1';
  return Buffer.from(
    [
      ...message.head,
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      message.text,
      `--${boundary}`,
      `Content-Type: ${message.contentType}; name="${message.fileName}"`,
      `Content-Disposition: attachment; filename="${message.fileName}"`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(message.content).toString('base64'),
      `--${boundary}--`,
      '',
    ].join('\r\n'),
    'utf8',
  );
}
