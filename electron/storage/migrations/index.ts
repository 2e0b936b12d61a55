import type { Migration } from './migration';
import { migration001Initial } from './001-initial';
import { migration002FoldersMessages } from './002-folders-messages';
import { migration003PopJournal } from './003-pop-journal';
import { migration004MessageSearch } from './004-message-search';
import { migration005AccountSettings } from './005-account-settings';
import { migration006Outbox } from './006-outbox';
import { migration007MessageListIndexes } from './007-message-list-indexes';
import { migration008OutboxHold } from './008-outbox-hold';
import { migration009ServerMailbox } from './009-server-mailbox';
import { migration010CjkSearch } from './010-cjk-search';
import { migration011SearchFields } from './011-search-fields';
import { migration012FolderTree } from './012-folder-tree';
import { migration013LocalMailOutlivesAccount } from './013-local-mail-outlives-account';
import { migration014OutboxAnswers } from './014-outbox-answers';
import { migration015Rules } from './015-rules';
import { migration016RulesEnabled } from './016-rules-enabled';
import { migration017AddressSearchAtIndex } from './017-address-search-at-index';
import { migration018Contacts } from './018-contacts';
import { migration019RuleAnswers } from './019-rule-answers';
import { migration020MessageTags } from './020-message-tags';
import { migration021ReadReceipts } from './021-read-receipts';
import { migration022OutboxGroups } from './022-outbox-groups';
import { migration023OutboxReasonWords } from './023-outbox-reason-words';
import { migration024AccountFolderIndex } from './024-account-folder-index';

/** The shape of a schema step, from its own module so the steps need not import this list. */
export type { Migration } from './migration';

/** Every migration, in order. */
export const MIGRATIONS: readonly Migration[] = [
  migration001Initial,
  migration002FoldersMessages,
  migration003PopJournal,
  migration004MessageSearch,
  migration005AccountSettings,
  migration006Outbox,
  migration007MessageListIndexes,
  migration008OutboxHold,
  migration009ServerMailbox,
  migration010CjkSearch,
  migration011SearchFields,
  migration012FolderTree,
  migration013LocalMailOutlivesAccount,
  migration014OutboxAnswers,
  migration015Rules,
  migration016RulesEnabled,
  migration017AddressSearchAtIndex,
  migration018Contacts,
  migration019RuleAnswers,
  migration020MessageTags,
  migration021ReadReceipts,
  migration022OutboxGroups,
  migration023OutboxReasonWords,
  migration024AccountFolderIndex,
];
