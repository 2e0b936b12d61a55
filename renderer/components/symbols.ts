/**
 * Symbols the window shows beside or instead of words (arrows, stars, the close cross). They are the
 * same in every language, so they live here and not in the catalogs; where a symbol stands alone its
 * control carries a translated name (aria-label).
 */
export const SYMBOLS = {
  close: '✕',
  /** Removes a recipient chip in To, Cc and Bcc. */
  removeRecipient: '×',
  menuArrow: '▾',
  collapsed: '▸',
  expanded: '▾',
  sortAscending: '▲',
  sortDescending: '▼',
  star: '★',
  envelope: '✉',
  dot: '●',
  answered: '↩',
  forwarded: '↪',
  partial: '◐',
  attachment: '📎',
  byteSeparator: ':',
  /** Between two parts of a line that are each a message or a name. */
  space: ' ',
  /** Around an address after its name, and between addresses: RFC 5322 syntax, the same in every language. */
  addressOpen: '<',
  addressClose: '>',
  addressSeparator: ', ',
  /** The account menu's button. */
  more: '…',
  /** Between the parts of a conversation line (sender, subject, date). */
  lineSeparator: ' — ',
} as const;

/** The product's name, never translated. */
export const APP_NAME = 'Mailbag';
