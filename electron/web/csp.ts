/**
 * The Content Security Policy of Mailbag's own pages: scripts, styles and connections only from the
 * app itself, no inline script, no eval, no plugins, nothing may frame the app. Message bodies get a
 * stricter policy of their own inside their sandboxed frame.
 */
export function appContentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${connectSources.map((source) => ` ${source}`).join('')}`,
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
