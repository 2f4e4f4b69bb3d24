/**
 * Pages (HTML, and the React Server Components payloads of a navigation) compressed by the server itself,
 * as they stream: a city-level page carries the city's picture (lib/server/city-picture.ts), about 95 KB of
 * HTML that compresses to a sixth, and a venue tablet on a stadium's Wi-Fi waits for every byte of it. Next's
 * own compression stays off (it compresses every answer, the event streams included, which it would hold
 * back); build assets go out precompressed (static-assets.ts); everything else passes untouched.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants, createBrotliCompress, createGzip, type BrotliCompress, type Gzip } from 'node:zlib';
import { chooseEncoding } from './static-assets';

/**
 * What is compressed: documents, navigation payloads and the wall's server-drawn chart (SVG, a sixth of its
 * size compressed); never an event stream or a download.
 */
const COMPRESSED_TYPES = /^(text\/html|text\/x-component|image\/svg\+xml)\b/i;
/**
 * Brotli at quality 4: per page, on the request's own time, a 95 KB document in about a millisecond at a
 * size within a few per cent of quality 11's (which is for the build's assets, compressed once).
 */
const BROTLI_QUALITY = 4;

type Compressor = BrotliCompress | Gzip;

/**
 * Compresses what Next writes to `res` when it turns out to be a page and the client takes brotli or gzip.
 * The choice is made when the headers go out (Next sets the type before it writes); each chunk Next flushes
 * (`res.flush()`, as it does for a compressing server) reaches the client at once, so a page still streams.
 */
export function compressPages(req: IncomingMessage, res: ServerResponse): void {
  const encoding = chooseEncoding(req.headers['accept-encoding']);
  if (!encoding || req.method === 'HEAD') return;
  const originalWrite = res.write.bind(res) as (...args: unknown[]) => boolean;
  const originalEnd = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const write = (chunk: Buffer) => originalWrite(chunk);
  const end = () => originalEnd();
  const flushHeaders = res.flushHeaders.bind(res);
  /** undefined: not decided yet; null: sent as it is. */
  let compressor: Compressor | null | undefined;
  let ended = false;

  const decide = (): Compressor | null => {
    if (compressor !== undefined) return compressor;
    const type = String(res.getHeader('content-type') ?? '');
    if (
      res.headersSent ||
      !COMPRESSED_TYPES.test(type) ||
      res.getHeader('content-encoding') !== undefined ||
      res.statusCode === 204 ||
      res.statusCode === 304
    )
      return (compressor = null);
    res.removeHeader('content-length');
    res.setHeader('Content-Encoding', encoding);
    const vary = res.getHeader('vary');
    res.setHeader('Vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
    const c: Compressor =
      encoding === 'br'
        ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } })
        : createGzip({ level: 6 });
    c.on('data', (chunk: Buffer) => {
      // The socket's own buffering applies; a client that stops reading is closed by its own timeouts.
      write(chunk);
    });
    c.on('end', () => end());
    // A failure of zlib itself: the page is cut short, as it would be by a lost connection.
    c.on('error', () => res.destroy());
    res.once('close', () => {
      if (!ended) c.destroy();
    });
    return (compressor = c);
  };

  res.flushHeaders = () => {
    decide();
    flushHeaders();
  };
  (res as ServerResponse & { flush?: () => void }).flush = () => {
    if (compressor) compressor.flush();
  };
  res.write = ((...args: unknown[]) => {
    const c = decide();
    if (!c) return originalWrite(...args);
    const [chunk, encodingOrCb, cb] = args;
    const callback = (typeof encodingOrCb === 'function' ? encodingOrCb : cb) as
      ((e?: Error | null) => void) | undefined;
    c.write(asBuffer(chunk, encodingOrCb), callback);
    return true;
  }) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    const c = decide();
    if (!c) return originalEnd(...args);
    ended = true;
    const [chunk, encodingOrCb] = args;
    const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined;
    if (callback) res.once('finish', callback);
    if (chunk === undefined || chunk === null || typeof chunk === 'function') c.end();
    else c.end(asBuffer(chunk, encodingOrCb));
    return res;
  }) as ServerResponse['end'];
}

function asBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (typeof chunk === 'string')
    return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
}
