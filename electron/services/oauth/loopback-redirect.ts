import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { wordedError } from '../../../shared/error-words';
import { MailbagError } from '../../../shared/errors';
import { createTranslator, type Translator } from '../../../shared/i18n/catalogs';
import { isRightToLeft } from '../../../shared/i18n/locales';
import type { MessageId } from '../../../shared/i18n/messages-en';

/** The only address the redirect listener binds to: the IPv4 loopback literal of RFC 8252 §7.3. */
export const LOOPBACK_HOST = '127.0.0.1';
/** The path of the redirect URI; anything else on the listener is answered 404. */
export const REDIRECT_PATH = '/oauth/callback';
/** How long the browser sign-in may take before Mailbag stops listening. */
export const SIGN_IN_TIMEOUT_MS = 10 * 60_000;

/** What the authorization server sent back through the browser, once `state` matched. */
export interface AuthorizationResponse {
  readonly code: string;
}

/** A listener for one authorization response on 127.0.0.1 at a port the system chose. */
export interface LoopbackRedirect {
  /** `http://127.0.0.1:PORT/oauth/callback`, sent as `redirect_uri`. */
  readonly redirectUri: string;
  /**
   * Resolves with the code of the first response whose `state` matches; responses with another
   * `state` are answered with an error page and ignored (RFC 6749 §10.12), so a page that forges one
   * can neither inject its code nor end the real sign-in.
   */
  readonly response: Promise<AuthorizationResponse>;
  /** Stops listening; a response still awaited is rejected as CANCELLED. */
  close(): Promise<void>;
}

/** Options of {@link openLoopbackRedirect}. */
export interface LoopbackRedirectOptions {
  readonly expectedState: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** The language of the pages the browser shows (the window's, or the command line's); English when absent. */
  readonly translator?: Translator;
}

const PAGE_STYLE = 'font-family:system-ui,sans-serif;max-width:32em;margin:4em auto;line-height:1.5';

/** A page the browser shows: its title and its one sentence, from the catalogs. */
interface PageWords {
  readonly title: MessageId;
  readonly text: MessageId;
}

function page(response: ServerResponse, status: number, words: PageWords, translator: Translator): void {
  const escape = (value: string) => value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
  const title = escape(translator.t(words.title));
  const direction = isRightToLeft(translator.locale) ? 'rtl' : 'ltr';
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'Referrer-Policy': 'no-referrer',
  });
  response.end(
    `<!doctype html><html lang="${escape(translator.locale)}" dir="${direction}"><head><meta charset="utf-8"><title>${title}</title></head><body style="${PAGE_STYLE}"><h1>${title}</h1><p>${escape(translator.t(words.text))}</p></body></html>`,
  );
}

/**
 * Opens the loopback redirect listener of RFC 8252 §7.3: bound to 127.0.0.1 only (never `localhost`,
 * which may resolve elsewhere, and never all interfaces), on a port chosen by the system, so no fixed
 * port can be taken over by another program. It accepts exactly one authorization response.
 */
export async function openLoopbackRedirect(options: LoopbackRedirectOptions): Promise<LoopbackRedirect> {
  let settle: { resolve: (value: AuthorizationResponse) => void; reject: (error: Error) => void } | undefined;
  const response = new Promise<AuthorizationResponse>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The caller may stop waiting before a rejection is read; it must never surface as unhandled.
  response.catch(() => {});
  let done = false;
  const translator = options.translator ?? createTranslator('en');
  const finish = (outcome: { code: string } | Error): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (outcome instanceof Error) settle?.reject(outcome);
    else settle?.resolve(outcome);
  };

  const handle = (request: IncomingMessage, reply: ServerResponse): void => {
    const url = new URL(request.url ?? '/', `http://${LOOPBACK_HOST}`);
    if (url.pathname !== REDIRECT_PATH) return page(reply, 404, { title: 'setup.page.notFoundTitle', text: 'setup.page.notFound' }, translator);
    if (request.method !== 'GET') return page(reply, 405, { title: 'setup.page.notAllowedTitle', text: 'setup.page.notAllowed' }, translator);
    if (done) return page(reply, 410, { title: 'setup.page.finishedTitle', text: 'setup.page.finished' }, translator);
    if (url.searchParams.get('state') !== options.expectedState) {
      return page(reply, 400, { title: 'setup.page.refusedTitle', text: 'setup.page.foreign' }, translator);
    }
    const error = url.searchParams.get('error');
    if (error !== null) {
      page(reply, 200, { title: 'setup.page.notCompletedTitle', text: 'setup.page.notCompleted' }, translator);
      const description = url.searchParams.get('error_description');
      return finish(
        wordedError(
          'AUTH_FAILED',
          { id: 'serviceError.oauth.accessNotGranted' },
          {
            detail: description === null ? error : `${error}: ${description}`,
          },
        ),
      );
    }
    const code = url.searchParams.get('code');
    if (code === null || code === '') return page(reply, 400, { title: 'setup.page.refusedTitle', text: 'setup.page.noCode' }, translator);
    page(reply, 200, { title: 'setup.page.signedInTitle', text: 'setup.page.signedIn' }, translator);
    finish({ code });
  };

  const server = createServer(handle);
  const onAbort = (): void => finish(new MailbagError('CANCELLED'));
  const timer = setTimeout(() => finish(wordedError('TIMEOUT', { id: 'serviceError.oauth.browserTooSlow' })), options.timeoutMs ?? SIGN_IN_TIMEOUT_MS);
  timer.unref();
  if (options.signal?.aborted === true) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const close = async (): Promise<void> => {
    finish(new MailbagError('CANCELLED'));
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { redirectUri: `http://${LOOPBACK_HOST}:${port}${REDIRECT_PATH}`, response, close };
}
