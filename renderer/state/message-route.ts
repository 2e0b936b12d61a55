/** The address of a page that shows one message alone: `?message=ID` beside the bridge's token. */

/** The page's message id when it shows one message alone (`?message=ID`), else null. */
export function standaloneMessageId(search: string): number | null {
  const value = new URLSearchParams(search).get('message');
  if (value === null || !/^[1-9]\d{0,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}
