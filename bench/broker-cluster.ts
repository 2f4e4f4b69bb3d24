/**
 * `npm run bench -- broker-cluster`: the feed on a three-node NATS cluster (JetStream, MQTT listener;
 * `lib/testing/nats-cluster.ts`) with MQTT_URL naming all three, a publisher on another node sending a
 * reading every 10 ms. BENCH_CLUSTER_KILLS (10) times, the node the feed is on is killed with -9; the
 * time from the kill to the first reading folded after it (ingest resumed), then the node is started
 * again and the cluster given time to settle. Baseline in the same run: the feed's own reconnect and
 * subscribe to a live node (the feed closed and opened again, nothing killed). Readings sent / received /
 * lost are printed beside the times.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { topics } from '../lib/contracts/topics';
import { createIngest } from '../lib/ingest/ingest';
import { IngestMetrics } from '../lib/ingest/ingest-metrics';
import { connectMqttFeed, type MqttFeed } from '../lib/ingest/mqtt-feed';
import { RateLimitedLog } from '../lib/ingest/rate-limited-log';
import { SituationModel } from '../lib/ingest/situation-model';
import { startNatsCluster } from '../lib/testing/nats-cluster';
import { Simulator } from '../telemetry-sim/simulator';
import { percentile } from './harness';

const KILLS = Number(process.env.BENCH_CLUSTER_KILLS ?? 10);
const VENUE = 'hz-olympic-stadium';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchBrokerCluster() {
  const prefix = `vcc-bench-${randomBytes(4).toString('hex')}/`;
  const cluster = await startNatsCluster();
  const model = new SituationModel();
  const metrics = new IngestMetrics();
  const ingest = createIngest(model, metrics, new RateLimitedLog(60_000, () => {}));
  const open = () => connectMqttFeed({ url: cluster.url, protocolVersion: 4, topicPrefix: prefix }, ingest);
  let feed: MqttFeed = open();
  const lastSeq = () => model.venues.get(VENUE)?.sensors.get('power-1')?.seq ?? -1;
  const until = async (ok: () => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!ok() && Date.now() < deadline) await sleep(5);
    return ok();
  };
  // Publishers on every node, each used while the feed is elsewhere: only the feed's node dies.
  const publishers = await Promise.all(
    cluster.nodes.map((n) =>
      mqtt.connectAsync(`mqtt://127.0.0.1:${n.mqttPort}`, { protocolVersion: 4, reconnectPeriod: 500 }),
    ),
  );
  const now = Date.now();
  const registry = new Simulator({ seed: 1, scale: 1, startMs: now })
    .registryMessages(now)
    .find((m) => m.topic.includes(`/${VENUE}/`))!;
  await publishers[2]!.publishAsync(prefix + registry.topic, registry.payload, { qos: 1, retain: true });
  let seq = 0;
  let sent = 0;
  let publisherIndex = 2;
  const ticker = setInterval(() => {
    seq++;
    const p = publishers[publisherIndex]!;
    if (!p.connected) return;
    sent++;
    p.publish(prefix + topics.sensor('hangzhou', VENUE, 'power-1'), JSON.stringify({ ts: Date.now(), seq, value: 1 }), {
      qos: 0,
    });
  }, 10);
  const resumed: number[] = [];
  const baseline: number[] = [];
  let never = 0;
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();
  try {
    await until(() => feed.status.subscribed && lastSeq() > 0, 60_000);
    for (let i = 0; i < KILLS; i++) {
      // Baseline: the feed closed and opened again with every node alive.
      await feed.close();
      const s0 = lastSeq();
      const b0 = Date.now();
      feed = open();
      if (await until(() => lastSeq() > s0, 30_000)) baseline.push(Date.now() - b0);

      const on = cluster.nodes.find((n) => n.mqttPort === feed.client.options.port)!;
      publisherIndex = cluster.nodes.findIndex((n) => n !== on);
      await sleep(500);
      const seqAtKill = lastSeq();
      const killedAt = Date.now();
      await cluster.kill(on);
      if (await until(() => lastSeq() > seqAtKill + 1, 60_000)) resumed.push(Date.now() - killedAt);
      else never++;
      console.log(`[broker-cluster] kill ${i + 1}/${KILLS}: ${on.name}, ingest resumed in ${resumed.at(-1)} ms`);
      await cluster.restart(on);
      // Let the restarted node catch up with the streams' replicas before the next kill.
      await sleep(5000);
    }
  } finally {
    clearInterval(ticker);
    await feed.close();
    await Promise.all(publishers.map((p) => p.endAsync(true)));
    await cluster.close();
  }
  const sortedMs = (xs: number[]) => ({
    p50: percentile(xs, 50),
    p99: percentile(xs, 99),
    max: Math.max(...xs),
  });
  return {
    kills: KILLS,
    resumedWithin60s: resumed.length,
    neverResumed: never,
    killToIngestResumedMs: sortedMs(resumed),
    baselineReconnectToIngestMs: sortedMs(baseline),
    readings: { sent, received: metrics.received, lostBeforeUs: model.lostMessages },
    loadavg: { before: loadBefore, after: readFileSync('/proc/loadavg', 'utf8').trim() },
  };
}
