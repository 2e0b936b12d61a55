/**
 * Colour tags a message may carry, as Thunderbird names and colours them: a few fixed tags, each with
 * a key (what `tag:work` searches and rules store), a label and a colour. The colour is never the only
 * sign: lists show the label too, for people who cannot tell the colours apart.
 */
import type { Translate } from './i18n/catalogs';
import type { MessageId } from './i18n/messages-en';

/** Every tag, in the order menus list them. */
export const MESSAGE_TAGS = [
  { key: 'important', label: 'Important', colour: '#d7191c' },
  { key: 'work', label: 'Work', colour: '#e66100' },
  { key: 'personal', label: 'Personal', colour: '#1a7f37' },
  { key: 'todo', label: 'To Do', colour: '#1f5fbf' },
  { key: 'later', label: 'Later', colour: '#7b3fa0' },
] as const;

/** One tag's key. */
export type MessageTag = (typeof MESSAGE_TAGS)[number]['key'];

/** The tag keys, for schemas. */
export const MESSAGE_TAG_KEYS = MESSAGE_TAGS.map((tag) => tag.key) as [MessageTag, ...MessageTag[]];

/** The tag a user wrote (`work`, `Work`, `to-do`, `To Do`), or undefined when there is none such. */
export function findMessageTag(text: string): MessageTag | undefined {
  const wanted = text.toLowerCase().replace(/[\s_-]+/g, '');
  return MESSAGE_TAGS.find((tag) => tag.key === wanted || tag.label.toLowerCase().replace(/\s+/g, '') === wanted)?.key;
}

/** A tag's label and colour. */
export function messageTagInfo(tag: MessageTag): (typeof MESSAGE_TAGS)[number] {
  return MESSAGE_TAGS.find((each) => each.key === tag) ?? MESSAGE_TAGS[0];
}

/** Each tag's name in the catalogs: the stored key never changes, what a person reads follows the language. */
const TAG_MESSAGE_IDS: Readonly<Record<MessageTag, MessageId>> = {
  important: 'tag.important',
  work: 'tag.work',
  personal: 'tag.personal',
  todo: 'tag.todo',
  later: 'tag.later',
};

/** A tag's name in the chosen language, as lists and menus show it. */
export function messageTagLabel(t: Translate, tag: MessageTag): string {
  return t(TAG_MESSAGE_IDS[tag]);
}

/** The menu entry that puts a tag on ("Tag Work") or takes it off ("Remove tag Work"), in the chosen language. */
export function messageTagMenuLabel(t: Translate, tag: MessageTag, has: boolean): string {
  return t(has ? 'menu.removeTag' : 'menu.addTag', { tag: messageTagLabel(t, tag) });
}
