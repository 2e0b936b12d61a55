/**
 * The Content Security Policy of Mailbag's own pages: scripts and connections only from the app itself,
 * no inline script, no eval, no plugins, nothing may frame the app. Message bodies get a stricter policy
 * of their own inside their sandboxed frame.
 *
 * A srcdoc frame inherits this policy, and the browser enforces both (a frame's own policy can only add
 * restrictions), so two sources here exist for message bodies alone:
 * - `style-src 'unsafe-inline'`: mail is laid out with inline styles and style elements; without it
 *   every message shows unstyled. Scripts stay 'self' only, and the app's own views set no inline styles
 *   from markup (React writes styles through the DOM).
 * - `img-src http: https:`: remote images of a message the user allowed. Whether a message may load them
 *   is decided by the frame's own policy (data: only until allowed) and by the sanitizer.
 */
export function appContentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: http: https:",
    "font-src 'self'",
    `connect-src 'self'${connectSources.map((source) => ` ${source}`).join('')}`,
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
