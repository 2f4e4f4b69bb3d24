import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { deadline } from './deadline';

const servers: { close(): void; closeAllConnections(): void }[] = [];
afterEach(() =>
  servers.splice(0).forEach((s) => {
    s.closeAllConnections();
    s.close();
  }),
);

describe('a request deadline', () => {
  it('ends a request the server never answers, freeing its connection', async () => {
    const server = createServer(() => {
      /* a link that passes nothing: never answers */
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const error = await fetch(`http://127.0.0.1:${port}/`, { signal: deadline(undefined, 200) }).catch((e: Error) => e);
    expect((error as Error).name).toBe('TimeoutError');
  });

  it("still follows the caller's own cancel", () => {
    const controller = new AbortController();
    const signal = deadline(controller.signal);
    expect(signal.aborted).toBe(false);
    controller.abort();
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).name).toBe('AbortError');
  });
});
