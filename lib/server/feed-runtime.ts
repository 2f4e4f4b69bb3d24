/**
 * One feed runtime per server process: the situation model, the ingest in front of it,
 * the broker connection feeding it and the stream hub reading it. Started once by
 * instrumentation.ts; route handlers find it with getFeedRuntime().
 *
 * Next bundles instrumentation and each route separately, so module-level state is not
 * shared between them: the runtime lives on globalThis under a registered symbol.
 */
import 'server-only';
import { startAlerts, type AlertsRuntime } from '../alerts/alerts-runtime';
import { createBrokerAuth } from '../ingest/broker-auth';
import { startEmbeddedBroker, type EmbeddedBroker } from '../ingest/embedded-broker';
import type { FeedStatus } from '../ingest/feed-status';
import { createIngest, type Ingest } from '../ingest/ingest';
import { IngestMetrics } from '../ingest/ingest-metrics';
import { connectMqttFeed, type MqttFeed } from '../ingest/mqtt-feed';
import { readPublishers } from '../ingest/publishers';
import { RateLimitedLog } from '../ingest/rate-limited-log';
import { SituationModel } from '../ingest/situation-model';
import { readVenueCatalogue, type VenueCatalogue } from '../ingest/venue-catalogue';
import { StreamHub } from '../stream/stream-hub';
import type { ServerEnv } from './env';

export interface FeedRuntime {
  readonly startedAt: number;
  readonly env: ServerEnv;
  readonly model: SituationModel;
  readonly catalogue: VenueCatalogue;
  readonly metrics: IngestMetrics;
  readonly ingest: Ingest;
  readonly hub: StreamHub;
  readonly feed: FeedStatus;
  readonly embedded: EmbeddedBroker | undefined;
  readonly alerts: AlertsRuntime;
  close(): Promise<void>;
}

const KEY = Symbol.for('vcc.feed-runtime');
type Holder = { [KEY]?: Promise<FeedRuntime> };
const holder = globalThis as Holder;

export async function createFeedRuntime(env: ServerEnv): Promise<FeedRuntime> {
  const catalogue = readVenueCatalogue(env.venuesFile);
  // Read before anything listens: a broken publishers file stops start-up, it never opens the broker.
  const publishers = env.mqttUrl ? undefined : readPublishers(env.publishersFile, catalogue);
  const model = new SituationModel({ maxClockSkewMs: env.maxClockSkewMs });
  const metrics = new IngestMetrics();
  const log = new RateLimitedLog();
  const ingest = createIngest(model, metrics, log, { catalogue });
  // The database opens (and migrates) while the feed starts: publishers connect at once and nothing they
  // send is dropped while it does. The server answers only when both are up: without the database no
  // action could be recorded.
  const alertsStarting = startAlerts(env, model);
  alertsStarting.catch(() => undefined); // (handled below; not an unhandled rejection meanwhile)

  let embedded: EmbeddedBroker | undefined;
  let external: MqttFeed | undefined;
  const stopFeed = async () => {
    await external?.close();
    await embedded?.close();
  };
  if (env.mqttUrl) {
    external = connectMqttFeed(
      {
        url: env.mqttUrl,
        protocolVersion: env.mqttProtocolVersion,
        username: env.mqttUsername,
        password: env.mqttPassword,
        tls: env.mqttTls,
        topicPrefix: env.mqttTopicPrefix,
      },
      ingest,
    );
  } else {
    try {
      embedded = await startEmbeddedBroker(
        {
          host: env.embeddedMqttHost,
          port: env.embeddedMqttPort,
          wsPort: env.embeddedMqttWsPort,
          wsOrigins: env.embeddedMqttWsOrigins,
          auth: createBrokerAuth(publishers!, catalogue, metrics, log),
        },
        ingest,
      );
    } catch (err) {
      // (A port in use, say: close the database it was opening, so its lock goes too.)
      await alertsStarting.then((a) => a.close()).catch(() => undefined);
      throw err;
    }
  }
  let alerts: AlertsRuntime;
  try {
    alerts = await alertsStarting;
  } catch (err) {
    await stopFeed();
    throw err;
  }
  const hub = new StreamHub(model, metrics, { flushMs: env.streamFlushMs }, undefined, alerts.board);
  hub.start();
  let closing: Promise<void> | undefined;
  const feed = (external?.status ?? embedded?.status)!;
  return {
    startedAt: Date.now(),
    env,
    model,
    catalogue,
    metrics,
    ingest,
    hub,
    feed,
    embedded,
    alerts,
    // Once, however often it is called (a test, then the process's own shutdown).
    close: () =>
      (closing ??= (async () => {
        hub.stop();
        await stopFeed();
        await alerts.close();
      })()),
  };
}

/** Starts the process's runtime once; later calls return the same one. */
export function startFeedRuntime(env: ServerEnv): Promise<FeedRuntime> {
  holder[KEY] ??= createFeedRuntime(env).then((rt) => {
    const where = rt.embedded
      ? `embedded MQTT broker on ${rt.feed.url}${rt.embedded.wsPort ? ` and ws://${env.embeddedMqttHost}:${rt.embedded.wsPort}` : ''}`
      : `broker ${rt.feed.url}`;
    console.log(`[feed] ingesting from ${where}`);
    return rt;
  });
  return holder[KEY];
}

export function getFeedRuntime(): Promise<FeedRuntime> | undefined {
  return holder[KEY];
}
