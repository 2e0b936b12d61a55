import { protocol } from 'electron';
import { APP_ORIGIN } from '../ipc/sender';
import { appContentSecurityPolicy } from '../static/csp';
import { readStaticFile } from '../static/static-files';

/** The scheme Mailbag's own pages are served from (a standard, secure origin, unlike file://). */
export const APP_SCHEME = 'app';

/** Registers the app scheme's privileges; must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** A 404 without a body: the status says it, and a body would be words in one language only. */
function notFound(): Response {
  return new Response(null, { status: 404 });
}

/**
 * Serves the built renderer on app://mailbag/ with the app's Content Security Policy as a header.
 * Message frames inherit that policy (see web/csp.ts for the two sources they need).
 * Requests for any other host, or for paths outside the renderer folder, get 404.
 */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return notFound();
    const file = await readStaticFile(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (file === null) return notFound();
    return new Response(new Uint8Array(file.body), {
      headers: {
        'content-type': file.contentType,
        'content-security-policy': appContentSecurityPolicy(),
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
