/**
 * The feed on a broker that is itself a cluster: three NATS nodes with JetStream and their MQTT
 * listener, started and killed here as processes. MQTT_URL names all three; the feed holds two links
 * on different nodes, one feeding and one standing by. The node feeding is killed with -9 during a
 * steady feed: the standby takes over (no reconnect), the lost link comes back on the third node to
 * stand by in turn, and the retained registries survive (a client arriving afterwards gets them).
 */
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../contracts/topics';
import { startNatsCluster, type NatsCluster } from '../testing/nats-cluster';
import { Simulator } from '../../telemetry-sim/simulator';
import { createIngest } from './ingest';
import { IngestMetrics } from './ingest-metrics';
import { connectMqttFeed, type MqttFeed } from './mqtt-feed';
import { RateLimitedLog } from './rate-limited-log';
import { SituationModel } from './situation-model';

const PREFIX = `vcc-test-${randomBytes(4).toString('hex')}/`;
const VENUE = 'hz-olympic-stadium';

describe('the feed on a three-node NATS cluster', () => {
  let cluster: NatsCluster;
  let feed: MqttFeed;
  let publisher: mqtt.MqttClient;
  let ticker: NodeJS.Timeout | undefined;
  const model = new SituationModel();

  beforeAll(async () => {
    cluster = await startNatsCluster();
    const ingest = createIngest(model, new IngestMetrics(), new RateLimitedLog(60_000, () => {}));
    feed = connectMqttFeed({ url: cluster.url, protocolVersion: 4, topicPrefix: PREFIX }, ingest);
    // The publisher on the last node (the feed starts on the first): the node killed is only the feed's.
    publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${cluster.nodes[2]!.mqttPort}`, { protocolVersion: 4 });
    const now = Date.now();
    const registry = new Simulator({ seed: 1, scale: 1, startMs: now })
      .registryMessages(now)
      .find((m) => m.topic.includes(`/${VENUE}/`))!;
    await publisher.publishAsync(PREFIX + registry.topic, registry.payload, { qos: 1, retain: true });
    // A reading every 100 ms, as a sensor gateway would send them.
    let seq = 0;
    ticker = setInterval(() => {
      seq++;
      void publisher
        .publishAsync(
          PREFIX + topics.sensor('hangzhou', VENUE, 'power-1'),
          JSON.stringify({ ts: Date.now(), seq, value: 100 + (seq % 10) }),
          { qos: 1 },
        )
        .catch(() => undefined);
    }, 100);
  }, 120_000);

  afterAll(async () => {
    clearInterval(ticker);
    await feed?.close();
    await publisher?.endAsync(true);
    await cluster?.close();
  });

  const lastSeq = () => model.venues.get(VENUE)?.sensors.get('power-1')?.seq ?? -1;

  it('a node killed under the feed: ingest goes on through another within seconds, retained registries survive', async () => {
    await expect.poll(() => feed.status.subscribed, { timeout: 30_000 }).toBe(true);
    await expect.poll(lastSeq, { timeout: 15_000 }).toBeGreaterThan(0);
    const node = (n: { mqttPort: number }) => `127.0.0.1:${n.mqttPort}`;
    // Two links on the first two nodes, both subscribed: one feeds (whichever heard first), one stands by.
    await expect.poll(() => feed.status.links?.filter((l) => l.subscribed).length, { timeout: 30_000 }).toBe(2);
    const before = feed.status.links!;
    expect(before.map((l) => l.node).sort()).toEqual([node(cluster.nodes[0]!), node(cluster.nodes[1]!)].sort());
    const feeding = before.findIndex((l) => l.feeding);
    const standby = 1 - feeding;
    const on = cluster.nodes.find((n) => node(n) === before[feeding]!.node)!;
    const standbyNode = cluster.nodes.find((n) => node(n) === before[standby]!.node)!;
    expect(feed.client.options.port).toBe(on.mqttPort);
    await expect.poll(() => feed.standbyDropped).toBeGreaterThan(0);

    await cluster.kill(on);
    const killedAt = Date.now();
    const seqAtKill = lastSeq();
    // The standby feeds at once, on its node: the feed never stopped being subscribed.
    await expect.poll(() => feed.client.options.port, { timeout: 5_000 }).toBe(standbyNode.mqttPort);
    await expect.poll(lastSeq, { timeout: 30_000 }).toBeGreaterThan(seqAtKill + 5);
    const resumedMs = Date.now() - killedAt;
    console.log(`[cluster] node killed to ingest resumed: ${resumedMs} ms`);
    expect(resumedMs).toBeLessThan(30_000);
    // The lost link comes back on the node the other is not on (the third), and stands by.
    const expected: [string | null, boolean, boolean][] = [];
    expected[feeding] = [node(cluster.nodes[2]!), true, false];
    expected[standby] = [node(standbyNode), true, true];
    await expect
      .poll(() => feed.status.links?.map((l) => [l.node, l.subscribed, l.feeding]), { timeout: 60_000 })
      .toEqual(expected);

    // The registry is still retained by the cluster: a client arriving now gets it.
    const late = await mqtt.connectAsync(`mqtt://127.0.0.1:${standbyNode.mqttPort}`, { protocolVersion: 4 });
    try {
      const registry = new Promise<string>((resolve) => late.on('message', (topic) => resolve(topic)));
      await expect
        .poll(async () => (await late.subscribeAsync(`${PREFIX}vcc/v1/+/+/registry`, { qos: 1 }))[0]?.qos, {
          timeout: 20_000,
          interval: 1000,
        })
        .not.toBe(128);
      expect(await registry).toBe(PREFIX + topics.registry('hangzhou', VENUE));
    } finally {
      await late.endAsync(true);
    }
  }, 120_000);
});
