/**
 * Values of the original that compose could not use (a reply's or forward's source, a draft, a mailto
 * link), in plain words of the window's language: which field, and why.
 */
import type { MessageId } from '../../../shared/i18n/messages-en';
import type { AddressProblem } from '../../../shared/mail/address';
import { ADDRESS_PROBLEM_WORDS, describeAddressProblem } from './address-chips';
import type { ComposeWords } from './compose-words';

/** The names of the fields a problem of the original can be in. */
const FIELD_NAMES: Readonly<Record<string, MessageId>> = {
  to: 'header.to',
  cc: 'header.cc',
  from: 'header.from',
  replyTo: 'header.replyTo',
  listPost: 'compose.field.listPost',
  messageId: 'compose.field.messageId',
  text: 'compose.field.text',
  subject: 'compose.subject',
};

function isAddressProblem(problem: string): problem is AddressProblem {
  return Object.hasOwn(ADDRESS_PROBLEM_WORDS, problem);
}

/** A problem reported by composeReply or openDraft in plain words. */
export function describeProblem(problem: { readonly field: string; readonly problem: string }, t: ComposeWords['t']): string {
  if (problem.problem === 'truncated') return t('compose.draftTruncated');
  const name = FIELD_NAMES[problem.field.replace(/\[.*$/, '')];
  const field = name === undefined ? problem.field : t(name);
  return t('compose.originalProblem', { field, problem: isAddressProblem(problem.problem) ? describeAddressProblem(problem.problem, t) : problem.problem });
}
