import { wordedPop3Error } from '../errors';

/** A message number as RFC 1939 §5 defines it: a positive integer. Anything else is refused before sending. */
export function checkedNumber(messageNumber: number): number {
  if (!Number.isSafeInteger(messageNumber) || messageNumber < 1) {
    throw wordedPop3Error('VALIDATION', { id: 'protocolError.notMessageNumber', values: { value: String(messageNumber) } });
  }
  return messageNumber;
}

/** A line count for TOP (RFC 1939 §7): a non-negative integer. */
export function checkedCount(lines: number): number {
  if (!Number.isSafeInteger(lines) || lines < 0) throw wordedPop3Error('VALIDATION', { id: 'protocolError.notLineCount', values: { value: String(lines) } });
  return lines;
}
