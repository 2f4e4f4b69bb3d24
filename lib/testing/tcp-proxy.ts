/**
 * A TCP proxy a fault test controls, standing between the product and a real server (PostgreSQL,
 * a broker): `cut()` drops every connection and refuses new ones, as a failed link does;
 * `blackhole()` keeps connections open but lets nothing through, not even a close (one side giving
 * up on its socket is never heard by the other, as on a half-open link); `restore()` lets traffic
 * flow again.
 */
import net from 'node:net';

export interface TcpProxy {
  /** 127.0.0.1 port the product connects to. */
  readonly port: number;
  /** Connections accepted so far (each reconnect is one more). */
  readonly accepted: number;
  cut(): void;
  blackhole(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  type Mode = 'open' | 'cut' | 'blackhole';
  let mode: Mode = 'open';
  let accepted = 0;
  const pairs = new Set<[net.Socket, net.Socket]>();
  const server = net.createServer((client) => {
    if (mode === 'cut') {
      client.destroy();
      return;
    }
    accepted++;
    const upstream = net.connect(target.port, target.host);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const drop = (side: net.Socket) => {
      if (mode === 'blackhole') {
        // The other side is never told; it finds out by its own timeouts.
        side.destroy();
        if (!pair.every((s) => s.destroyed)) return;
      }
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    // Forwarding by hand (not pipe) so a black hole can swallow bytes without closing anything.
    client.on('data', (d) => mode === 'open' && upstream.write(d));
    upstream.on('data', (d) => mode === 'open' && client.write(d));
    client.on('close', () => drop(client));
    upstream.on('close', () => drop(upstream));
    client.on('error', () => drop(client));
    upstream.on('error', () => drop(upstream));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    get accepted() {
      return accepted;
    },
    cut() {
      mode = 'cut';
      for (const [a, b] of pairs) {
        // A reset, as a dead peer or a firewall gives, not a polite FIN.
        a.resetAndDestroy();
        b.resetAndDestroy();
      }
      pairs.clear();
    },
    blackhole() {
      mode = 'blackhole';
    },
    restore() {
      mode = 'open';
    },
    close: async () => {
      mode = 'cut';
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
