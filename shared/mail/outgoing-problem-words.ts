/**
 * Why an outgoing message was refused, as catalog messages: each field named in plain words ("To
 * address 2", "the name of attachment 1") with its problem, so the sentence that refuses the message
 * is said in the reader's language rather than as the checker's field paths and codes.
 */
import type { ErrorWords, WordValue } from '../errors';
import type { MessageId } from '../i18n/messages-en';
import type { AddressProblem } from './address';
import { addressProblemWords } from './address-problem-words';
import type { OutgoingProblem } from './outgoing';

const ADDRESS_PROBLEMS: ReadonlySet<string> = new Set<AddressProblem>(['empty', 'control-character', 'syntax', 'too-long', 'encoded-word']);

const LIST_FIELD_IDS: Readonly<Record<string, MessageId>> = {
  replyTo: 'protocolError.field.replyTo',
  to: 'protocolError.field.to',
  cc: 'protocolError.field.cc',
  bcc: 'protocolError.field.bcc',
  attachments: 'protocolError.field.attachment',
  groups: 'protocolError.field.group',
  references: 'protocolError.field.reference',
};

const FIELD_IDS: Readonly<Record<string, MessageId>> = {
  from: 'protocolError.field.from',
  to: 'protocolError.field.recipients',
  subject: 'protocolError.field.subject',
  text: 'protocolError.field.text',
  html: 'protocolError.field.text',
  messageId: 'protocolError.field.messageId',
  inReplyTo: 'protocolError.field.inReplyTo',
};

/** The field a problem names (`to[1]`, `attachments.0.fileName`, `subject`) in plain words. */
function fieldWords(field: string): ErrorWords {
  const [, name = '', bracketed, dotted, rest = ''] = /^([A-Za-z]+)(?:\[(\d+)\]|\.(\d+))?(.*)$/.exec(field) ?? [];
  const position = bracketed ?? dotted;
  const list = LIST_FIELD_IDS[name];
  if (position !== undefined && list !== undefined) {
    const item: ErrorWords = { id: list, values: { number: String(Number(position) + 1) } };
    return rest === '.fileName' ? { id: 'protocolError.field.fileNameOf', values: { item } } : item;
  }
  const single = FIELD_IDS[name];
  if (single !== undefined && (rest === '' || rest.startsWith('.'))) return { id: single };
  return { id: 'protocolError.field.other', values: { field } };
}

function problemWords(problem: OutgoingProblem): ErrorWords {
  if (problem.field === 'to' && problem.problem === 'empty') return { id: 'protocolError.problem.noRecipient' };
  if (problem.field === 'text' && problem.problem === 'empty') return { id: 'protocolError.problem.noBody' };
  if (problem.problem === 'too-many') return { id: 'protocolError.problem.tooMany' };
  if (problem.problem === 'file-name') return { id: 'protocolError.problem.fileName' };
  if (ADDRESS_PROBLEMS.has(problem.problem)) return addressProblemWords(problem.problem as AddressProblem);
  return { id: 'protocolError.problem.invalid' };
}

/** Every problem as "field: problem", one after the other, in words. */
export function outgoingProblemsWords(problems: readonly OutgoingProblem[]): WordValue {
  const [first, ...rest] = problems.map((problem): ErrorWords => ({
    id: 'protocolError.fieldProblem',
    values: { field: fieldWords(problem.field), problem: problemWords(problem) },
  }));
  let said: WordValue = first ?? '';
  for (const next of rest) said = { id: 'protocolError.fieldProblemThen', values: { first: said, next } };
  return said;
}
