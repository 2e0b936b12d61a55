import type { MessageListItem } from '../../shared/mail';

/**
 * A message as the list shows it (read, indexed, no attachments, no problems), for the tests of what
 * the window and the answers make of one; `fields` set what a test is about.
 */
export function messageListItem(fields: Partial<MessageListItem> = {}): MessageListItem {
  return {
    id: 1,
    accountId: 'a',
    folderId: 1,
    subject: 'Minutes',
    from: { name: 'Alice', address: 'alice@example.test' },
    recipients: [],
    recipientCount: 0,
    date: 0,
    receivedAt: 0,
    size: 10,
    seen: true,
    flagged: false,
    answered: false,
    forwarded: false,
    partial: false,
    hasAttachments: false,
    snippet: null,
    indexed: true,
    problems: [],
    tags: [],
    ...fields,
  };
}
