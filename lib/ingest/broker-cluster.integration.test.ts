/**
 * The feed on a broker that is itself a cluster: three NATS nodes with JetStream and their MQTT
 * listener, started and killed here as processes. MQTT_URL names all three; the node the feed is
 * on is killed with -9 during a steady feed: ingest continues through another node within seconds,
 * and the retained registries survive (a client arriving afterwards still gets them).
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
    const on = cluster.nodes.find((n) => n.mqttPort === feed.client.options.port)!;
    expect(on.name).toBe('n1');

    await cluster.kill(on);
    const killedAt = Date.now();
    const seqAtKill = lastSeq();
    await expect.poll(() => feed.status.connected, { timeout: 5_000 }).toBe(false);
    // Back on another node, subscribed again (the cluster may refuse until it has re-elected), and taking readings.
    await expect.poll(() => feed.status.subscribed, { timeout: 30_000 }).toBe(true);
    await expect.poll(lastSeq, { timeout: 30_000 }).toBeGreaterThan(seqAtKill + 5);
    const resumedMs = Date.now() - killedAt;
    console.log(`[cluster] node killed to ingest resumed: ${resumedMs} ms`);
    expect(feed.client.options.port).not.toBe(on.mqttPort);
    expect(resumedMs).toBeLessThan(30_000);

    // The registry is still retained by the cluster: a client arriving now gets it.
    const late = await mqtt.connectAsync(`mqtt://127.0.0.1:${cluster.nodes[1]!.mqttPort}`, { protocolVersion: 4 });
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
