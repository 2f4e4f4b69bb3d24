/**
 * `npm start`: the production web server. Next's own request handler behind a plain Node
 * HTTP server that first settles who the client is (lib/server/client-address): `next
 * start` would believe any X-Forwarded-For a client sends, and the sign-in limits key on it.
 *
 *   PORT=3000 HOSTNAME=0.0.0.0 TRUST_PROXY=1 npm start
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import next from 'next';
import { createWebServer } from '../lib/server/web-server';

const { values } = parseArgs({
  options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } },
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME ?? '0.0.0.0';
const trustProxy = Number(process.env.TRUST_PROXY ?? 0);
if (!Number.isInteger(trustProxy) || trustProxy < 0 || trustProxy > 10) {
  console.error(`TRUST_PROXY must be an integer in 0..10, got '${process.env.TRUST_PROXY}'`);
  process.exit(2);
}

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createWebServer(handle, trustProxy, path.join(process.cwd(), '.next', 'static'));
server.listen(port, hostname, () => {
  console.log(`[web] listening on http://${hostname}:${port} (trusting ${trustProxy} proxy hop(s))`);
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  // Open streams never end by themselves: close the listener, give requests a moment, then go.
  server.close();
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
