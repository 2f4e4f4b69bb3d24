/**
 * Next's build assets (`/_next/static/...`) sent compressed by the server itself, from the brotli and
 * gzip copies scripts/precompress.ts writes at build time: a wall loads fast without a proxy in front,
 * and no request pays for compression. Next's own compression stays off (it would buffer the event
 * stream). Anything not precompressed, or a client that takes neither, goes to Next as before.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import sharedHeaders from './security-headers.json';

/** Extensions worth compressing; fonts and images are compressed formats already. */
export const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.json', '.map', '.txt']);
/** Below this, compression saves less than its headers cost. */
export const MIN_COMPRESS_BYTES = 1024;

const PREFIX = '/_next/static/';
const CONTENT_TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};
/** What next.config.js puts on every non-document answer; these answers do not pass through Next. */
const SECURITY_HEADERS: Record<string, string> = {
  ...sharedHeaders.common,
  'Content-Security-Policy': sharedHeaders.nonDocumentCsp,
};

/** The encoding to send: brotli if the client takes it, else gzip, else none. */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) : 1);
  }
  const takes = (e: string) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0;
  if (takes('br')) return 'br';
  if (takes('gzip')) return 'gzip';
  return null;
}

/**
 * Answers `req` from a precompressed copy under `staticDir` (the build's `.next/static`) if there is one
 * the client can take; false leaves the request to Next.
 */
export function serveCompressedAsset(req: IncomingMessage, res: ServerResponse, staticDir: string): boolean {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url?.startsWith(PREFIX)) return false;
  const ext = path.extname(req.url.split('?')[0]!);
  if (!COMPRESSIBLE.has(ext)) return false;
  const encoding = chooseEncoding(req.headers['accept-encoding']);
  if (!encoding) return false;
  let relative: string;
  try {
    relative = decodeURIComponent(req.url.slice(PREFIX.length).split('?')[0]!);
  } catch {
    return false;
  }
  const file = path.resolve(staticDir, relative);
  // Only files under the build's static folder, whatever the path says.
  if (!file.startsWith(path.resolve(staticDir) + path.sep)) return false;
  const copy = `${file}${encoding === 'br' ? '.br' : '.gz'}`;
  let size: number;
  try {
    size = statSync(copy).size;
  } catch {
    return false;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    // (X-Forwarded-Proto is believed only from a trusted proxy: lib/server/client-address ran first.)
    ...(req.headers['x-forwarded-proto'] === 'https' ? { 'Strict-Transport-Security': sharedHeaders.hsts } : {}),
    'Content-Type': CONTENT_TYPES[ext]!,
    'Content-Encoding': encoding,
    'Content-Length': String(size),
    Vary: 'Accept-Encoding',
    // Next names build assets by their content: they never change under the same name.
    'Cache-Control': 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(copy).pipe(res);
  return true;
}
