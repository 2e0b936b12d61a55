/**
 * Main words its refusals as catalog messages (`words`) beside an English `message`; the window says
 * them in its own language. Every operation's failed result passes through here once, at the bridge,
 * so no view shows main's English where the catalogs have the sentence.
 */
import { errorDetailIn, errorMessageIn } from '../../shared/error-words';
import type { Result } from '../../shared/errors';
import type { Translate } from '../../shared/i18n/catalogs';

/** A failed result whose error carries catalog words, with its message and detail in the language `translate` gives; any other value as it is. */
export function resultInLanguage<T>(value: T, translate: () => Translate): T {
  if (!isFailure(value) || (value.error.words === undefined && value.error.detailWords === undefined)) return value;
  const t = translate();
  const detail = errorDetailIn(t, value.error);
  return { ...value, error: { ...value.error, message: errorMessageIn(t, value.error), ...(detail === undefined ? {} : { detail }) } };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function isFailure(value: unknown): value is Extract<Result<unknown>, { ok: false }> {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false && typeof (value as { error?: unknown }).error === 'object';
}

/**
 * The API again, each operation's answer said in the window's language (`translate` is asked at
 * answer time, so a language changed in Settings applies to the next refusal). Event subscriptions
 * pass through: the views word the errors of events with errorMessageIn themselves.
 */
export function refusalsInLanguage<A extends object>(api: A, translate: () => Translate): A {
  const worded: Record<string, unknown> = {};
  for (const key of Object.keys(api)) {
    const member: unknown = (api as Record<string, unknown>)[key];
    worded[key] =
      typeof member === 'function' && key !== 'on'
        ? (...args: unknown[]) => {
            const answer: unknown = member.apply(api, args);
            return isThenable(answer) ? Promise.resolve(answer).then((value: unknown) => resultInLanguage(value, translate)) : answer;
          }
        : member;
  }
  return worded as A;
}
