import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebServer } from './web-server';

const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

function get(port: number, agent: Agent): Promise<{ body: string; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ body, socket: req.socket! }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the web server', () => {
  it('keeps an idle connection open past 5 s, so a client or proxy reusing it is not reset', async () => {
    const server = createWebServer((req, res) => res.end(`for ${req.headers['x-forwarded-for']}`), 0);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });

    const first = await get(port, agent);
    expect(first.body).toBe('for 127.0.0.1');
    let closedByServer = false;
    first.socket.once('close', () => (closedByServer = true));
    // Node's default closes an idle connection after 5 s: nginx's upstream keepalive would then race it.
    await new Promise((r) => setTimeout(r, 6_500));
    expect(closedByServer).toBe(false);
    const second = await get(port, agent);
    expect(second.socket).toBe(first.socket);
    agent.destroy();
  }, 15_000);
});
