/**
 * "Create rule from this message" for a stored message: its List-Id is read from the start of its
 * stored bytes, then the editor is prefilled as rulePrefillFromMessage says.
 */
import type { MessageListItem } from '../../../shared/mail';
import { bridge } from '../../bridge';
import type { NewRulePrefill } from '../../state/navigation';
import { bytesOf } from '../reader/reader-actions';
import { listIdOf, rulePrefillFromMessage } from './rule-from-message';

/** Largest message whose stored bytes are read for its List-Id (a larger one is offered sender and subject). */
const MAX_READ_FOR_LIST_ID_BYTES = 5 * 1024 * 1024;
/** Most bytes of a message's start searched for its header section. */
const MAX_HEADER_SECTION_BYTES = 64 * 1024;

/** The rule a stored message suggests, with its List-Id read from its stored bytes. */
export async function rulePrefillFromStoredMessage(item: Pick<MessageListItem, 'id' | 'accountId' | 'from' | 'subject' | 'size'>): Promise<NewRulePrefill> {
  let listId: string | null = null;
  if (item.size <= MAX_READ_FOR_LIST_ID_BYTES) {
    const raw = await bridge.getRawMessage(item.id);
    if (raw.ok) {
      const text = new TextDecoder('utf-8').decode(bytesOf(raw.value.base64).subarray(0, MAX_HEADER_SECTION_BYTES));
      const end = /\r?\n\r?\n/.exec(text)?.index ?? text.length;
      listId = listIdOf(text.slice(0, end + 2));
    }
  }
  return rulePrefillFromMessage(item, listId);
}
