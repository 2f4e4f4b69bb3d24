/**
 * The Content-Security-Policy of pages, with a fresh nonce per response from proxy.ts (Next
 * puts the nonce on its own scripts). The headers every other answer carries (nosniff,
 * Referrer-Policy, framing, HSTS behind https, a CSP for what is never a document) are in
 * next.config.js.
 */

/** The page policy: only this site's scripts, carrying this response's nonce; no eval; never framed. */
export function pageContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // React and the chart and map libraries set style attributes; no script can come in through them.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self' blob: data:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
