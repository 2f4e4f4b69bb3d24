/**
 * The server's link to a production broker (the Mosquitto on 127.0.0.1:1883) through a TCP proxy this
 * test controls: cut, and half-open (nothing passes, nothing resets). The feed notices within seconds
 * (keepalive), says so (not connected, not subscribed: not ready), comes back by itself when the link
 * does, and subscribes once: each message arrives once.
 */
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../testing/tcp-proxy';
import { createIngest } from './ingest';
import { IngestMetrics } from './ingest-metrics';
import { connectMqttFeed, type MqttFeed } from './mqtt-feed';
import { RateLimitedLog } from './rate-limited-log';
import { SituationModel } from './situation-model';

const MOSQUITTO = new URL(process.env.VCC_TEST_MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883');
const PREFIX = `vcc-test-${randomBytes(4).toString('hex')}/`;

describe('the feed through a failing link to the broker', () => {
  let proxy: TcpProxy;
  let feed: MqttFeed;
  let publisher: mqtt.MqttClient;
  const metrics = new IngestMetrics();

  beforeAll(async () => {
    proxy = await startTcpProxy({ host: MOSQUITTO.hostname, port: Number(MOSQUITTO.port || 1883) });
    const ingest = createIngest(new SituationModel(), metrics, new RateLimitedLog(60_000, () => {}));
    feed = connectMqttFeed({ url: `mqtt://127.0.0.1:${proxy.port}`, protocolVersion: 5, topicPrefix: PREFIX }, ingest);
    publisher = await mqtt.connectAsync(MOSQUITTO.toString());
  });
  afterAll(async () => {
    proxy?.restore();
    await feed?.close();
    await publisher?.endAsync();
    await proxy?.close();
  });

  /** Publishes one message (not a valid one: arriving at the door is what is counted) and waits for it. */
  const oneArrives = async () => {
    const before = metrics.received;
    await publisher.publishAsync(`${PREFIX}vcc/v1/hangzhou/test-arena/sensor/s1`, 'x', { qos: 1 });
    await expect.poll(() => metrics.received, { timeout: 10_000 }).toBe(before + 1);
    // And not twice (a second subscription after a reconnect would deliver it again).
    await new Promise((r) => setTimeout(r, 300));
    expect(metrics.received).toBe(before + 1);
  };

  it('cut: not connected at once, back and subscribed once when the link returns', async () => {
    await expect.poll(() => feed.status.subscribed, { timeout: 10_000 }).toBe(true);
    await oneArrives();
    proxy.cut();
    await expect.poll(() => feed.status.connected, { timeout: 5_000 }).toBe(false);
    expect(feed.status.subscribed).toBe(false);
    proxy.restore();
    await expect.poll(() => feed.status.subscribed, { timeout: 15_000 }).toBe(true);
    await oneArrives();
  }, 40_000);

  it('half-open: a link that silently passes nothing is found by keepalive and replaced', async () => {
    await expect.poll(() => feed.status.subscribed, { timeout: 10_000 }).toBe(true);
    const accepted = proxy.accepted;
    proxy.blackhole();
    await expect.poll(() => feed.status.connected, { timeout: 30_000 }).toBe(false);
    proxy.restore();
    // Subscribed means the broker acknowledged it: a message sent the moment it says so arrives.
    await expect.poll(() => feed.status.subscribed, { timeout: 20_000 }).toBe(true);
    expect(proxy.accepted).toBeGreaterThan(accepted);
    await oneArrives();
  }, 60_000);
});
