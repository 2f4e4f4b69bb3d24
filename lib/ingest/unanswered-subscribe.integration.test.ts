/**
 * A broker that takes the feed's connection and answers its pings but holds its subscription
 * unanswered (a NATS node while JetStream elects a leader did this for over 30 s): the feed asks again
 * on a new connection, and is subscribed, once, without anyone's help.
 */
import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIngest } from './ingest';
import { IngestMetrics } from './ingest-metrics';
import { connectMqttFeed, type MqttFeed } from './mqtt-feed';
import { RateLimitedLog } from './rate-limited-log';
import { SituationModel } from './situation-model';

describe('a subscription the broker never answers', () => {
  let broker: Aedes;
  let server: Server;
  let port: number;
  let feed: MqttFeed;
  let connections = 0;
  let held = 0;
  const metrics = new IngestMetrics();

  beforeAll(async () => {
    broker = await Aedes.createBroker({
      // The first connection's subscription is never answered; later ones are.
      authorizeSubscribe: (client, sub, done) => {
        if (client?.id && connections === 1) {
          held++;
          return;
        }
        done(null, sub);
      },
    });
    broker.on('client', () => connections++);
    server = createServer(broker.handle);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
    const ingest = createIngest(new SituationModel(), metrics, new RateLimitedLog(60_000, () => {}));
    feed = connectMqttFeed(
      { url: `mqtt://127.0.0.1:${port}`, protocolVersion: 4, topicPrefix: '', subackTimeoutMs: 1_500 },
      ingest,
    );
  });
  afterAll(async () => {
    await feed?.close();
    await new Promise<void>((r) => broker.close(() => r()));
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('asks again on a new connection and is subscribed once', async () => {
    await expect.poll(() => held, { timeout: 5_000 }).toBe(1);
    expect(feed.status.subscribed).toBe(false);
    await expect.poll(() => feed.status.subscribed, { timeout: 10_000 }).toBe(true);
    expect(connections).toBe(2);
    const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`);
    await publisher.publishAsync('vcc/v1/hangzhou/test-arena/sensor/s1', 'x', { qos: 1 });
    await expect.poll(() => metrics.received, { timeout: 5_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(metrics.received).toBe(1);
    await publisher.endAsync();
  });
});
