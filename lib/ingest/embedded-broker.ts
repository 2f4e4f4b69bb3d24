/**
 * The embedded default: an in-process Aedes broker that venue publishers (and the
 * simulator) reach over MQTT/TCP and, when enabled, MQTT/WebSocket, with the server's own
 * ingest subscribed in-process (no client, no socket): the same `Ingest` an external
 * broker's mqtt.js client feeds, at several times the throughput. Every connection
 * authenticates as a publisher of the publishers file (broker-auth); Aedes 1.x speaks
 * MQTT 3.1 and 3.1.1 only, and refuses an MQTT 5 CONNECT.
 */
import 'server-only';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes, type Client } from 'aedes';
import { WebSocketServer, createWebSocketStream } from 'ws';
import { SUBSCRIBE_ALL } from '../contracts/topics';
import type { BrokerAuth } from './broker-auth';
import type { FeedStatus } from './feed-status';
import type { Ingest } from './ingest';

export interface EmbeddedBrokerOptions {
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** WebSocket port; undefined for none, 0 picks a free one. */
  wsPort: number | undefined;
  /** Origins a browser may open the WebSocket listener from; a request with another Origin is refused. */
  wsOrigins: readonly string[];
  auth: BrokerAuth;
}

export interface EmbeddedBroker {
  readonly broker: Aedes;
  readonly status: FeedStatus;
  readonly port: number;
  readonly wsPort: number | undefined;
  close(): Promise<void>;
}

function listen(server: Server | HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startEmbeddedBroker(opts: EmbeddedBrokerOptions, ingest: Ingest): Promise<EmbeddedBroker> {
  // drainTimeout: a frozen subscriber must not stall delivery to everyone else.
  const { authenticate, authorizePublish, authorizeSubscribe } = opts.auth;
  const broker = await Aedes.createBroker({ drainTimeout: 5_000, authenticate, authorizePublish, authorizeSubscribe });
  // Connected clients by id (Aedes keeps them; its types do not show it).
  const clients = (broker as unknown as { clients: Record<string, Client | undefined> }).clients;
  const tcp = createServer((socket) => {
    socket.setNoDelay(true);
    broker.handle(socket);
  });
  let port: number;
  try {
    port = await listen(tcp, opts.port, opts.host);
  } catch (e) {
    broker.close();
    throw new Error(`embedded MQTT broker cannot listen on ${opts.host}:${opts.port}: ${(e as Error).message}`);
  }

  let wsServer: HttpServer | undefined;
  let wss: WebSocketServer | undefined;
  let wsPort: number | undefined;
  if (opts.wsPort !== undefined) {
    wsServer = createHttpServer();
    // A page on another site must not reach the broker through a visitor's browser (CSWSH);
    // clients that are not browsers send no Origin and still authenticate like any other.
    const origins = new Set(opts.wsOrigins);
    wss = new WebSocketServer({
      server: wsServer,
      maxPayload: 8 * 1024 * 1024,
      verifyClient: ({ origin }: { origin?: string }) => !origin || origins.has(origin),
    });
    wss.on('connection', (ws, req) => {
      req.socket.setNoDelay(true);
      broker.handle(createWebSocketStream(ws), req);
    });
    wsPort = await listen(wsServer, opts.wsPort, opts.host);
  }

  const status: FeedStatus = {
    kind: 'embedded',
    url: `mqtt://${opts.host}:${port}`,
    connected: true,
    subscribed: false,
    lastError: undefined,
  };
  await new Promise<void>((resolve) =>
    broker.subscribe(
      SUBSCRIBE_ALL,
      (packet, done) => {
        // Aedes stamps the publishing client's id on the packet it delivers.
        const publisher = opts.auth.publisherOf(clients[(packet as { clientId?: string }).clientId ?? '']);
        ingest.handle(packet.topic, packet.payload as Buffer, Date.now(), { publisher, retained: packet.retain });
        done();
      },
      resolve,
    ),
  );
  status.subscribed = true;

  return {
    broker,
    status,
    port,
    wsPort,
    close: async () => {
      status.connected = false;
      status.subscribed = false;
      wss?.clients.forEach((c) => c.terminate());
      await new Promise<void>((r) => (wss ? wss.close(() => r()) : r()));
      await new Promise<void>((r) => (wsServer ? wsServer.close(() => r()) : r()));
      await new Promise<void>((r) => broker.close(() => r()));
      await new Promise<void>((r) => tcp.close(() => r()));
    },
  };
}
