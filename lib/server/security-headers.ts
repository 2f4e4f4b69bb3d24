/**
 * The Content-Security-Policy of pages, with a fresh nonce per response from proxy.ts (Next
 * puts the nonce on its own scripts). The headers every other answer carries (nosniff,
 * Referrer-Policy, framing, HSTS behind https, a CSP for what is never a document) are in
 * next.config.js.
 */

/** The origin of a site tile server (BASEMAP_URL), which pages may load images from; null if none or same-site. */
export function tileOrigin(basemapUrl: string | undefined): string | null {
  if (!basemapUrl || !/^https?:\/\//.test(basemapUrl)) return null;
  try {
    return new URL(basemapUrl.replace(/[{}]/g, '')).origin;
  } catch {
    return null;
  }
}

/**
 * The page policy: only this site's scripts, carrying this response's nonce; no eval; never
 * framed; images and fetches from this site and the site's own tile server, if it has one.
 */
export function pageContentSecurityPolicy(nonce: string, tiles: string | null = null): string {
  const also = tiles ? ` ${tiles}` : '';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // React and the chart and map libraries set style attributes; no script can come in through them.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${also}`,
    "font-src 'self'",
    `connect-src 'self'${also}`,
    "media-src 'self' blob: data:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
