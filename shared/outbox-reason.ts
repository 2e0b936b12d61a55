/**
 * Why an Outbox message waits or failed, in the reader's language. Main keeps a reason's English words
 * with the message (what `--json` shows); a reason Mailbag gives itself is worded again from its code
 * and the message's recipients, while a server's own words are shown as they came. Shared by the
 * window and the command line.
 */
import { z } from 'zod';
import { catalogOf, type MessageValues, type Translate } from './i18n/catalogs';
import type { MessageId } from './i18n/messages-en';

/**
 * A reason as data: a catalog message with its values — text as it came (an address, a server's
 * reply), a number, or further reasons (a list of them is joined in the reader's language) — or a text
 * that has no catalog message (an engine's English words). Kept with the Outbox row, worded on display.
 */
export type OutboxReasonWords =
  { readonly text: string } | { readonly id: MessageId; readonly values?: Readonly<Record<string, OutboxReasonValue>> | undefined };

/** One value of a reason's message. */
export type OutboxReasonValue = string | number | OutboxReasonWords | readonly OutboxReasonWords[];

/** Longest text a stored reason may hold (a server's reply is bounded well below). */
const MAX_REASON_TEXT = 20_000;
/** Most reasons a list holds (one per recipient). */
const MAX_REASON_LIST = 10_000;

function isMessageId(value: unknown): value is MessageId {
  return typeof value === 'string' && Object.hasOwn(catalogOf('en'), value);
}

/** A stored reason, checked: only messages the catalogs know, only the shapes above. */
export const outboxReasonWordsSchema: z.ZodType<OutboxReasonWords> = z.lazy(() =>
  z.union([
    z.strictObject({ text: z.string().max(MAX_REASON_TEXT) }),
    z.strictObject({
      id: z.custom<MessageId>(isMessageId),
      values: z
        .record(
          z.string(),
          z.union([z.string().max(MAX_REASON_TEXT), z.number(), outboxReasonWordsSchema, z.array(outboxReasonWordsSchema).max(MAX_REASON_LIST)]),
        )
        .optional(),
    }),
  ]),
);

/** A reason read back from storage: null when absent, not JSON, or not a reason the catalogs can word. */
export function parseOutboxReasonWords(json: string | null): OutboxReasonWords | null {
  if (json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = outboxReasonWordsSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A reason in the language of `t`; lists of reasons are joined with that language's separator. */
export function sayOutboxReason(t: Translate, words: OutboxReasonWords): string {
  if ('text' in words) return words.text;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(words.values ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') values[name] = value;
    else if (Array.isArray(value)) values[name] = sayList(t, value);
    else values[name] = sayOutboxReason(t, value as OutboxReasonWords);
  }
  return t(words.id, values satisfies MessageValues);
}

function sayList(t: Translate, list: readonly OutboxReasonWords[]): string {
  const said = list.map((item) => sayOutboxReason(t, item));
  const last = said.pop() ?? '';
  return said.reduceRight((rest, first) => t('outbox.reason.list', { first, rest }), last);
}

/** Reasons Mailbag gives itself for an Outbox message, by their code: none carries a server's words. */
const OWN_REASONS: Readonly<Record<string, MessageId>> = {
  // Only the outgoing server's password is looked for while sending; the receive side has its own words.
  PASSWORD_NEEDED: 'outbox.passwordNeeded',
};

/** What a reason is worded from: main's English words, the error code they stand for and the recipients' answers. */
interface OutboxReason {
  readonly state: string;
  readonly reason: string | null;
  readonly reasonCode: string | null;
  /** The reason as data, when Mailbag gave it (null for rows kept before reasons were). */
  readonly reasonWords?: OutboxReasonWords | null;
  readonly recipients: ReadonlyArray<{ readonly address: string; readonly status: string }>;
}

/** One recipient's reason in the language of `t` when kept as data, else as main wrote it. */
export function recipientReasonText(t: Translate, recipient: { readonly reason?: string; readonly reasonWords?: OutboxReasonWords }): string | undefined {
  return recipient.reasonWords === undefined ? recipient.reason : sayOutboxReason(t, recipient.reasonWords);
}

/** The recipients that refused a message, when every one of them did: then that alone is why it failed. */
export function everyRecipientRefused(entry: OutboxReason): string[] | null {
  const refused = entry.recipients.filter((recipient) => recipient.status === 'refused').map((recipient) => recipient.address);
  return entry.state === 'failed' && refused.length > 0 && refused.length === entry.recipients.length ? refused : null;
}

/** A reason Mailbag gives itself, in the language of `t`; undefined for a server's words or no reason. */
export function ownOutboxReason(t: Translate, entry: OutboxReason): string | undefined {
  const id = entry.reasonCode === null || !Object.hasOwn(OWN_REASONS, entry.reasonCode) ? undefined : OWN_REASONS[entry.reasonCode];
  if (id !== undefined) return t(id);
  // Main names them with each server's words, which every recipient's own line gives.
  const refused = everyRecipientRefused(entry);
  return refused === null ? undefined : t('outbox.notDeliveredTo', { addresses: refused.join(', ') });
}

/** The reason in the language of `t` where Mailbag gives it, the server's words otherwise; null when there is none. */
export function outboxReasonText(t: Translate, entry: OutboxReason): string | null {
  const own = ownOutboxReason(t, entry);
  if (own !== undefined) return own;
  return entry.reasonWords === undefined || entry.reasonWords === null ? entry.reason : sayOutboxReason(t, entry.reasonWords);
}
