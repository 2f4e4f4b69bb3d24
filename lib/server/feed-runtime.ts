/**
 * One feed runtime per server process: the situation model, the ingest in front of it,
 * the broker connection feeding it and the stream hub reading it. Started once by
 * instrumentation.ts; route handlers find it with getFeedRuntime().
 *
 * Next bundles instrumentation and each route separately, so module-level state is not
 * shared between them: the runtime lives on globalThis under a registered symbol.
 */
import 'server-only';
import { startAlerts, type AlertsRuntime, type DatabaseWait } from '../alerts/alerts-runtime';
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

/** What has started so far: the feed runs while a database that is away is waited for. */
export interface StartProgress {
  readonly since: number;
  /** Set once the broker link (or the embedded broker) is up and ingest runs. */
  feed: FeedStatus | undefined;
  model: SituationModel | undefined;
  readonly database: DatabaseWait;
}

export const newStartProgress = (now = Date.now()): StartProgress => ({
  since: now,
  feed: undefined,
  model: undefined,
  database: { since: now, attempts: 0, lastError: null },
});

const KEY = Symbol.for('vcc.feed-runtime');
const READY = Symbol.for('vcc.feed-runtime.ready');
const PROGRESS = Symbol.for('vcc.feed-runtime.progress');
type Holder = { [KEY]?: Promise<FeedRuntime>; [READY]?: FeedRuntime; [PROGRESS]?: StartProgress };
const holder = globalThis as Holder;

export async function createFeedRuntime(
  env: ServerEnv,
  progress: StartProgress = newStartProgress(),
): Promise<FeedRuntime> {
  const catalogue = readVenueCatalogue(env.venuesFile);
  // Read before anything listens: a broken publishers file stops start-up, it never opens the broker.
  const publishers = env.mqttUrl ? undefined : readPublishers(env.publishersFile, catalogue);
  const model = new SituationModel({ maxClockSkewMs: env.maxClockSkewMs });
  const metrics = new IngestMetrics();
  const log = new RateLimitedLog();
  const ingest = createIngest(model, metrics, log, { catalogue });
  // The database opens (and migrates) while the feed starts, and a PostgreSQL that is away is waited for:
  // publishers connect at once and nothing they send is dropped meanwhile. Screens and actions wait for
  // both (sign-in and every action are in the database); health says which part is missing.
  const alertsStarting = startAlerts(env, model, progress.database);
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
  progress.model = model;
  progress.feed = (external?.status ?? embedded?.status)!;
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
  if (!holder[KEY]) {
    const progress = newStartProgress();
    holder[PROGRESS] = progress;
    holder[KEY] = createFeedRuntime(env, progress).then((rt) => {
      const where = rt.embedded
        ? `embedded MQTT broker on ${rt.feed.url}${rt.embedded.wsPort ? ` and ws://${env.embeddedMqttHost}:${rt.embedded.wsPort}` : ''}`
        : `broker ${rt.feed.url}`;
      console.log(`[feed] ingesting from ${where}`);
      holder[READY] = rt;
      return rt;
    });
  }
  return holder[KEY];
}

/**
 * The runtime once all of it is up (feed, database, alerts); undefined while it starts, so a
 * request answers "starting" at once instead of waiting on a database that may be away for long.
 */
export function getFeedRuntime(): Promise<FeedRuntime> | undefined {
  const rt = holder[READY];
  return rt ? Promise.resolve(rt) : undefined;
}

/** Route handlers answer through `rt` (a test that builds its own runtime); undefined forgets it. */
export function serveFeedRuntime(rt: FeedRuntime | undefined): void {
  holder[READY] = rt;
  holder[KEY] = rt ? Promise.resolve(rt) : undefined;
}

/** The runtime, waiting up to `timeoutMs` for a start under way (a page asked for as the server boots). */
export async function awaitFeedRuntime(timeoutMs: number): Promise<FeedRuntime | undefined> {
  const starting = holder[KEY];
  if (holder[READY] || !starting) return holder[READY];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), timeoutMs)));
  const rt = await Promise.race([starting.catch(() => undefined), gaveUp]);
  clearTimeout(timer);
  return rt;
}

/** How far start-up has come, while it is not done; undefined before it began. */
export function startProgress(): StartProgress | undefined {
  return holder[PROGRESS];
}

/** Resolves once the feed (broker, ingest) runs, or rejects if start-up failed before that. */
export async function feedStarted(): Promise<void> {
  const starting = holder[KEY];
  if (!starting) throw new Error('the feed runtime was never started');
  while (!holder[PROGRESS]?.feed && !holder[READY]) {
    const failed = await Promise.race([
      starting.then(
        () => false,
        () => true,
      ),
      new Promise<false>((r) => setTimeout(() => r(false), 50)),
    ]);
    if (failed) await starting; // rethrows the reason
  }
}
