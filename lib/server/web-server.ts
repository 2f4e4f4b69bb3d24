/**
 * The production HTTP server around Next's handler (scripts/serve.ts): settles who the client is,
 * turns Nagle off, sends pages and build assets compressed, and keeps idle connections open longer than
 * any client or proxy in front does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { normaliseForwardedHeaders } from './client-address';
import { compressPages } from './page-compression';
import { serveCompressedAsset } from './static-assets';

/**
 * How long an idle keep-alive connection stays open. Node closes at 5 s, while proxies (nginx's
 * upstream keepalive 60 s) and API clients reuse a connection for longer: a request sent as the
 * server closes is reset, and a proxy answers 502 for a POST it will not resend (an acknowledgement
 * lost). So the server waits longer than they do, and the side that closes is the one that reuses.
 */
export const IDLE_KEEP_ALIVE_MS = 65_000;

export function createWebServer(
  handle: (req: IncomingMessage, res: ServerResponse) => unknown,
  trustProxy: number,
  /** The build's `.next/static`: its precompressed assets are sent from here, the rest by `handle`. */
  staticDir?: string,
): Server {
  const server = createServer((req, res) => {
    normaliseForwardedHeaders(req.headers, req.socket.remoteAddress ?? 'unknown', trustProxy);
    if (staticDir && serveCompressedAsset(req, res, staticDir)) return;
    compressPages(req, res);
    void handle(req, res);
  });
  server.keepAliveTimeout = IDLE_KEEP_ALIVE_MS;
  // Above the idle time, or a reused connection's next request could be cut off mid-headers.
  server.headersTimeout = IDLE_KEEP_ALIVE_MS + 5_000;
  // Nagle off: the alert stream's small frames go out at once.
  server.on('connection', (socket) => socket.setNoDelay(true));
  return server;
}
