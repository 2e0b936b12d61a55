/**
 * Why an address was refused, as a catalog message: the short words that stand inside an error's
 * sentence ("… is not valid (too long)"), said in the reader's language with the rest of it.
 */
import type { ErrorWords } from '../errors';
import type { MessageId } from '../i18n/messages-en';
import type { AddressProblem } from './address';

const ADDRESS_PROBLEM_IDS = {
  empty: 'serviceError.addressProblem.empty',
  'control-character': 'serviceError.addressProblem.controlCharacter',
  syntax: 'serviceError.addressProblem.syntax',
  'too-long': 'serviceError.addressProblem.tooLong',
  'encoded-word': 'serviceError.addressProblem.encodedWord',
} as const satisfies Record<AddressProblem, MessageId>;

/** The words for one way an address can be refused. */
export function addressProblemWords(problem: AddressProblem): ErrorWords {
  return { id: ADDRESS_PROBLEM_IDS[problem] };
}
