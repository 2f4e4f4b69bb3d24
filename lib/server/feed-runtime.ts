/**
 * One feed runtime per server process: the situation model, the ingest in front of it,
 * the broker connection feeding it and the stream hub reading it. Started once by
 * instrumentation.ts, in two stages: the live feed first (screens can show the picture, through
 * a view pass), then the database and the alerts. Route handlers find the whole runtime with
 * getFeedRuntime(), the live feed alone with getLiveFeed().
 *
 * Next bundles instrumentation and each route separately, so module-level state is not
 * shared between them: the runtime lives on globalThis under a registered symbol.
 */
import 'server-only';
import { AlertBoard } from '../alerts/alert-board';
import { startAlerts, type AlertsRuntime, type DatabaseWait } from '../alerts/alerts-runtime';
import { readUsers, type UserRecord } from '../auth/users';
import { viewPassSecret } from '../auth/view-pass';
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

/** What runs before the database: the live picture, and who may look at it (users, view passes). */
export interface LiveFeed {
  readonly env: ServerEnv;
  readonly model: SituationModel;
  readonly catalogue: VenueCatalogue;
  readonly metrics: IngestMetrics;
  readonly ingest: Ingest;
  readonly hub: StreamHub;
  readonly feed: FeedStatus;
  readonly embedded: EmbeddedBroker | undefined;
  readonly users: Map<string, UserRecord>;
  /** Signs and checks view passes (lib/auth/view-pass.ts). */
  readonly viewPassSecret: Buffer;
}

export interface FeedRuntime extends LiveFeed {
  readonly startedAt: number;
  readonly alerts: AlertsRuntime;
  close(): Promise<void>;
}

/** What has started so far: the feed runs while a database that is away is waited for. */
export interface StartProgress {
  readonly since: number;
  /** Set once the broker link (or the embedded broker) is up and ingest runs. */
  feed: FeedStatus | undefined;
  model: SituationModel | undefined;
  /** Set once the live feed serves streams (before the database). */
  live: LiveFeed | undefined;
  readonly database: DatabaseWait;
}

export const newStartProgress = (now = Date.now()): StartProgress => ({
  since: now,
  feed: undefined,
  model: undefined,
  live: undefined,
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
  const users = readUsers(env.usersFile);
  const passes = viewPassSecret(env);
  if (!passes.shared) {
    console.log(
      '[auth] SESSION_SECRET unset: view passes of this process only (screens wait for the database after a restart)',
    );
  }
  // The streams read the alert board from the start; it is empty (and says "starting") until the database fills it.
  const board = new AlertBoard();
  const hub = new StreamHub(model, metrics, { flushMs: env.streamFlushMs }, undefined, board);
  hub.awaitAlerts();
  // The database opens (and migrates) while the feed starts, and a PostgreSQL that is away is waited for:
  // publishers connect at once and nothing they send is dropped meanwhile. Screens show the live picture
  // meanwhile to those holding a view pass; sign-in and every action wait for the database.
  const alertsStarting = startAlerts(env, model, progress.database, { board, users });
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
  const feed = (external?.status ?? embedded?.status)!;
  const live: LiveFeed = {
    env,
    model,
    catalogue,
    metrics,
    ingest,
    hub,
    feed,
    embedded,
    users,
    viewPassSecret: passes.secret,
  };
  hub.start();
  progress.model = model;
  progress.feed = feed;
  progress.live = live;
  let alerts: AlertsRuntime;
  try {
    alerts = await alertsStarting;
  } catch (err) {
    progress.live = undefined;
    hub.stop();
    await stopFeed();
    throw err;
  }
  hub.alertsAttached();
  // Streams let in by a view pass while the database was away are asked for their sessions again.
  alerts.probe.onReachableAgain(() => {
    const ended = hub.endViewPassClients();
    if (ended > 0) console.log(`[auth] database back: ${ended} streams opened by view pass asked to sign in again`);
  });
  let closing: Promise<void> | undefined;
  return {
    ...live,
    startedAt: Date.now(),
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

/** The live feed (the whole runtime once ready): what streams and the last hour's charts need. */
export function getLiveFeed(): LiveFeed | undefined {
  return holder[READY] ?? holder[PROGRESS]?.live;
}

/** Route handlers answer through `rt` (a test that builds its own runtime); undefined forgets it. */
export function serveFeedRuntime(rt: FeedRuntime | undefined): void {
  holder[READY] = rt;
  holder[KEY] = rt ? Promise.resolve(rt) : undefined;
}

/** Route handlers answer from a start under way (a test's): its live feed, before the database. */
export function serveStartProgress(progress: StartProgress | undefined): void {
  holder[PROGRESS] = progress;
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
