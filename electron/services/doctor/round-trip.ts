/**
 * The doctor's optional round trip: send a test message to the account's own address through its SMTP
 * server, wait for it in the POP3 mailbox, and delete it there. The test message is recognised only by
 * the unique Message-ID it was sent with, is never stored on this computer, and is removed from the
 * server (DELE after its identity was checked with TOP, then QUIT, RFC 1939 section 6).
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AccountSettings } from '../../../shared/accounts';
import { errorMessageIn } from '../../../shared/error-words';
import type { DoctorFact, DoctorStatus, DoctorStepId } from '../../../shared/doctor';
import { MailbagError, toErrorData, type ErrorData } from '../../../shared/errors';
import type { Translate } from '../../../shared/i18n/catalogs';
import { headerValues } from '../../../shared/mail/header-section';
import { connectAndSignIn, HeaderSink, type Pop3Session, type TranscriptSink } from '../../protocols/pop3';
import { composeMessage, sendMessage } from '../../protocols/smtp';
import { pop3ConnectOptions, pop3Mechanisms, smtpConnectOptions, smtpCredentials } from '../account-login';
import { errorAdvice } from './advice';

/** How long the doctor waits for the test message to arrive before it gives up. */
export const ROUND_TRIP_WAIT_MS = 60_000;
/** Pause between two looks into the mailbox while waiting. */
export const ROUND_TRIP_POLL_MS = 2_000;
/** The subject of the test message, so a user who ever sees one knows what it is. */
export const ROUND_TRIP_SUBJECT = 'Mailbag test message (round trip)';
/** The most header bytes read (TOP n 0) from a candidate message. */
const MAX_HEADER_BYTES = 256 * 1024;
const ROUND_TRIP_TEXT =
  'Mailbag’s account doctor sent this message to your own address to check that sending and receiving work.\n' +
  'It deletes the message from the server as soon as it arrives. If you see it anyway, you can delete it.\n';

/** Reports one doctor step (the doctor's own reporter, which redacts and streams it). */
export type StepReporter = (
  id: DoctorStepId,
  status: DoctorStatus,
  summary: string,
  extra?: { advice?: string; error?: ErrorData; facts?: DoctorFact[] },
) => void;

/** What the round trip needs from the doctor. */
export interface RoundTripRequest {
  readonly settings: AccountSettings;
  readonly pop3Password: string;
  readonly smtpPassword: string | undefined;
  /** Bound on each network phase. */
  readonly timeoutMs: number;
  /** How long to wait for the message to arrive; default {@link ROUND_TRIP_WAIT_MS}. */
  readonly waitMs?: number;
  /** Default {@link ROUND_TRIP_POLL_MS}. */
  readonly pollMs?: number;
  readonly signal?: AbortSignal;
  readonly now: () => number;
  readonly transcript: TranscriptSink;
  readonly report: StepReporter;
  /** The language of the advice. */
  readonly t: Translate;
}

/** The Message-ID field of a header block (unfolded, RFC 5322 section 2.2.3), if it has one. */
export function headerMessageId(headers: string): string | undefined {
  for (const value of headerValues(headers, 'Message-ID')) {
    const match = /^<[^>\r\n]*>/.exec(value);
    if (match !== null) return match[0];
  }
  return undefined;
}

/** Message numbers worth a look: the ones whose UIDL was not there before the send (or every newer number). */
type Baseline = { readonly kind: 'uidl'; readonly uids: ReadonlySet<string> } | { readonly kind: 'count'; readonly count: number };

async function takeBaseline(session: Pop3Session): Promise<Baseline> {
  if (session.capabilities.uidl || !session.capabilities.announced) {
    try {
      const listing = await session.uidl();
      return { kind: 'uidl', uids: new Set(listing.entries.map((entry) => entry.uid)) };
    } catch (error) {
      if (!(error instanceof MailbagError) || error.code !== 'SERVER_PERMANENT') throw error;
    }
  }
  return { kind: 'count', count: (await session.stat()).count };
}

async function candidates(session: Pop3Session, baseline: Baseline, checked: Set<string>): Promise<{ number: number; key: string }[]> {
  switch (baseline.kind) {
    case 'uidl': {
      const listing = await session.uidl();
      return listing.entries
        .filter((entry) => !baseline.uids.has(entry.uid) && !checked.has(entry.uid))
        .map((entry) => ({ number: entry.number, key: entry.uid }));
    }
    case 'count': {
      const { count } = await session.stat();
      const numbers: { number: number; key: string }[] = [];
      for (let number = count; number > baseline.count; number -= 1) numbers.push({ number, key: String(number) });
      return numbers;
    }
  }
}

/**
 * Runs the round trip and reports the `round-trip-send` and `round-trip-receive` steps. Never throws
 * for a server problem: those are failed steps with advice.
 */
export async function runRoundTrip(request: RoundTripRequest): Promise<void> {
  const { settings, report, now, t } = request;
  const waitMs = request.waitMs ?? ROUND_TRIP_WAIT_MS;
  const pollMs = request.pollMs ?? ROUND_TRIP_POLL_MS;
  const loginOptions = { timeoutMs: request.timeoutMs, transcript: request.transcript, ...(request.signal === undefined ? {} : { signal: request.signal }) };
  const mechanisms = pop3Mechanisms(settings);
  const open = async (): Promise<Pop3Session> => {
    const { session } = await connectAndSignIn(pop3ConnectOptions(settings, loginOptions), {
      username: settings.incoming.username,
      password: request.pop3Password,
      ...(mechanisms === undefined ? {} : { mechanisms }),
    });
    return session;
  };
  const failReceive = (error: unknown): void => {
    const data = toErrorData(error);
    report('round-trip-receive', 'failed', errorMessageIn(t, data), { error: data, advice: errorAdvice(t, 'pop3', data.code) });
  };

  // What the mailbox holds before the send, so only newer messages are looked at.
  let baseline: Baseline;
  try {
    const session = await open();
    try {
      baseline = await takeBaseline(session);
    } catch (error) {
      session.close();
      throw error;
    }
    await session.quit();
  } catch (error) {
    report('round-trip-send', 'skipped', t('doctor.roundTrip.baselineFailed'));
    failReceive(error);
    return;
  }

  const domain = settings.address.slice(settings.address.lastIndexOf('@') + 1);
  const messageId = `<mailbag-round-trip.${randomUUID()}@${domain}>`;
  const started = now();
  try {
    const composed = await composeMessage({
      from: { name: settings.displayName, address: settings.address },
      to: [{ address: settings.address }],
      subject: ROUND_TRIP_SUBJECT,
      text: ROUND_TRIP_TEXT,
      messageId,
    });
    const credentials = smtpCredentials(settings, request.smtpPassword);
    const outcome = await sendMessage({
      connection: smtpConnectOptions(settings, loginOptions),
      ...(credentials === undefined ? {} : { credentials }),
      message: composed,
    });
    const facts: DoctorFact[] = [{ name: 'Message-ID', value: messageId }];
    switch (outcome.kind) {
      case 'sent':
        report('round-trip-send', 'ok', t('doctor.roundTrip.sent', { address: settings.address }), { facts });
        break;
      case 'ambiguous':
        report('round-trip-send', 'warning', t('doctor.roundTrip.ambiguous'), {
          facts,
          error: outcome.error,
          advice: errorAdvice(t, 'smtp', outcome.error.code),
        });
        break;
      case 'partial':
      case 'failed':
        report('round-trip-send', 'failed', errorMessageIn(t, outcome.error), {
          facts,
          error: outcome.error,
          advice: errorAdvice(t, 'smtp', outcome.error.code),
        });
        report('round-trip-receive', 'skipped', t('doctor.roundTrip.notSent'));
        return;
    }
  } catch (error) {
    const data = toErrorData(error);
    report('round-trip-send', 'failed', errorMessageIn(t, data), { error: data, advice: errorAdvice(t, 'smtp', data.code) });
    report('round-trip-receive', 'skipped', t('doctor.roundTrip.notSent'));
    return;
  }

  const checked = new Set<string>();
  const deadline = started + waitMs;
  try {
    for (;;) {
      const session = await open();
      try {
        for (const candidate of await candidates(session, baseline, checked)) {
          const sink = new HeaderSink(MAX_HEADER_BYTES);
          await session.top(candidate.number, 0, sink);
          if (headerMessageId(sink.text()) !== messageId) {
            checked.add(candidate.key);
            continue;
          }
          await session.dele(candidate.number);
          await session.quit();
          // Tenths of a second, formatted by the language (a decimal comma in German).
          const seconds = Math.round((now() - started) / 100) / 10;
          report('round-trip-receive', 'ok', t('doctor.roundTrip.arrived', { seconds }), {
            facts: [{ name: 'Time to arrive', value: t('doctor.roundTrip.seconds', { seconds }) }],
          });
          return;
        }
      } catch (error) {
        session.close();
        throw error;
      }
      await session.quit();
      if (now() >= deadline) break;
      await sleep(Math.min(pollMs, Math.max(0, deadline - now())), undefined, request.signal === undefined ? {} : { signal: request.signal });
    }
  } catch (error) {
    failReceive(error);
    return;
  }
  report('round-trip-receive', 'failed', t('doctor.roundTrip.late', { seconds: Math.round(waitMs / 1000) }), {
    advice: t('doctor.roundTrip.lateAdvice', { subject: ROUND_TRIP_SUBJECT }),
  });
}
