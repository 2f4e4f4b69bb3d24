/**
 * The feed on a cluster holds a standby link on another node: while both live, each message reaches the
 * ingest once; when the feeding node dies, the standby feeds at once and hands on what it heard that the
 * dead link never delivered, so nothing is lost in the switch. Two Aedes brokers stand for two nodes: a
 * publisher sends every reading to both (as a cluster delivers to subscribers on every node), and the
 * node about to die stops delivering 100 ms before it does.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import type { Ingest } from './ingest';
import { connectMqttFeed, type MqttFeed } from './mqtt-feed';

interface Node {
  broker: Aedes;
  server: Server;
  sockets: Set<Socket>;
  port: number;
}

async function startNode(): Promise<Node> {
  const broker = await Aedes.createBroker();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { broker, server, sockets, port: (server.address() as { port: number }).port };
}

/** As kill -9 would: every connection reset, nothing listening. */
async function kill(node: Node): Promise<void> {
  for (const s of node.sockets) s.resetAndDestroy();
  await new Promise<void>((r) => node.server.close(() => r()));
  await new Promise<void>((r) => node.broker.close(() => r()));
}

const TOPIC = 'vcc/v1/hangzhou/test-arena/sensor/power-1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the standby link on a cluster', () => {
  let nodes: Node[] = [];
  let feed: MqttFeed | undefined;
  let publishers: mqtt.MqttClient[] = [];
  afterAll(async () => {
    await feed?.close();
    await Promise.all(publishers.map((p) => p.endAsync(true)));
    for (const n of nodes.slice(1)) await kill(n);
  });

  it('feeds each message once while both live, and loses none when the feeding node dies', async () => {
    nodes = [await startNode(), await startNode()];
    const handled: number[] = [];
    const ingest: Ingest = {
      handle: (_topic, payload) => {
        handled.push((JSON.parse(Buffer.from(payload).toString()) as { seq: number }).seq);
        return null;
      },
    };
    feed = connectMqttFeed(
      { url: nodes.map((n) => `mqtt://127.0.0.1:${n.port}`).join(','), protocolVersion: 4, topicPrefix: '' },
      ingest,
    );
    await expect
      .poll(() => feed!.status.links?.map((l) => [l.subscribed, l.feeding]), { timeout: 10_000 })
      .toEqual([
        [true, true],
        [true, false],
      ]);
    publishers = await Promise.all(nodes.map((n) => mqtt.connectAsync(`mqtt://127.0.0.1:${n.port}`)));
    const send = async (seq: number, to: mqtt.MqttClient[]) => {
      for (const p of to) await p.publishAsync(TOPIC, JSON.stringify({ ts: Date.now(), seq, value: 1 }), { qos: 1 });
    };

    for (let seq = 1; seq <= 50; seq++) {
      await send(seq, publishers);
      await sleep(10);
    }
    await expect.poll(() => handled.length).toBe(50);
    await sleep(200);
    // Both links heard every reading; the ingest had each once.
    expect(handled).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(feed.standbyDropped).toBe(50);

    // The feeding node stops delivering, then dies; the other goes on.
    for (let seq = 51; seq <= 60; seq++) {
      await send(seq, [publishers[1]!]);
      await sleep(10);
    }
    await kill(nodes[0]!);
    for (let seq = 61; seq <= 80; seq++) {
      await send(seq, [publishers[1]!]);
      await sleep(10);
    }
    await expect.poll(() => new Set(handled).size, { timeout: 5_000 }).toBe(80);
    expect(feed.client.options.port).toBe(nodes[1]!.port);
    expect(feed.status.subscribed).toBe(true);
    // The ones the dead node never delivered were handed on by the standby, in order.
    expect(handled.slice(50).filter((s) => s > 50)).toEqual(Array.from({ length: 30 }, (_, i) => i + 51));
  });
});
