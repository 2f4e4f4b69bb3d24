/** Liveness and readiness of this server process, for /api/health, /api/health/live and /api/health/ready. */
import 'server-only';
import type { FeedStatus } from '../ingest/feed-status';
import type { FeedRuntime, StartProgress } from './feed-runtime';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'starting';
  /** This instance's name in a fleet (INSTANCE_NAME). */
  instance: string | null;
  live: true;
  ready: boolean;
  checks: {
    brokerConnected: boolean;
    subscribed: boolean;
    registryLoaded: boolean;
    feedFresh: boolean;
    /** The database answered its last probe (every 2 s, 2 s timeout). */
    databaseReachable: boolean;
    /** The connection that brings other instances' alert changes is listening. */
    alertsListening: boolean;
  };
  feed: { kind: string; url: string; lastError: string | null; links?: FeedStatus['links'] };
  database: {
    kind: 'pglite' | 'postgres' | 'unknown';
    reachable: boolean;
    /** While starting: tries so far to reach a database that is away. */
    attempts?: number;
    /** How long it has been reachable (or not). */
    forMs: number;
    checkedAgoMs: number;
    lastError: string | null;
  };
  alertsLink: { listening: boolean; forMs: number; relistens: number; lastError: string | null };
  /** This instance holds the rules lock (one instance of a fleet runs the alert rules). */
  rulesLeader: boolean;
  /** The per-minute history this instance wrote (as rules leader) and whether writing fails. */
  history: { minutesWritten: number; failures: number; lastWriteMs: number };
  venues: number;
  feedAgeMs: number | null;
  streamClients: number;
  uptimeS: number;
}

/** A feed silent for longer than this makes the process not ready. */
const FEED_FRESH_MS = 30_000;

export function healthReport(rt: FeedRuntime | undefined, now = Date.now(), progress?: StartProgress): HealthReport {
  if (!rt) {
    // Starting: the feed may already run while the database is waited for; say how far it has come.
    const feed = progress?.feed;
    const model = progress?.model;
    const feedAgeMs = !model || model.lastAcceptedAt === 0 ? null : now - model.lastAcceptedAt;
    return {
      status: 'starting',
      instance: null,
      live: true,
      ready: false,
      checks: {
        brokerConnected: feed?.connected ?? false,
        subscribed: feed?.subscribed ?? false,
        registryLoaded: (model?.venues.size ?? 0) > 0,
        feedFresh: feedAgeMs !== null && feedAgeMs < FEED_FRESH_MS,
        databaseReachable: false,
        alertsListening: false,
      },
      feed: { kind: feed?.kind ?? 'unknown', url: feed?.url ?? '', lastError: feed?.lastError ?? null },
      database: {
        kind: 'unknown',
        reachable: false,
        attempts: progress?.database.attempts ?? 0,
        forMs: progress ? now - progress.database.since : 0,
        checkedAgoMs: 0,
        lastError: progress?.database.lastError ?? null,
      },
      alertsLink: { listening: false, forMs: 0, relistens: 0, lastError: null },
      rulesLeader: false,
      history: { minutesWritten: 0, failures: 0, lastWriteMs: 0 },
      venues: model?.venues.size ?? 0,
      feedAgeMs,
      streamClients: 0,
      uptimeS: progress ? Math.round((now - progress.since) / 1000) : 0,
    };
  }
  const feedAgeMs = rt.model.lastAcceptedAt === 0 ? null : now - rt.model.lastAcceptedAt;
  const probe = rt.alerts.probe.state;
  const link = rt.alerts.db.listenLink();
  const checks = {
    brokerConnected: rt.feed.connected,
    subscribed: rt.feed.subscribed,
    registryLoaded: rt.model.venues.size > 0,
    feedFresh: feedAgeMs !== null && feedAgeMs < FEED_FRESH_MS,
    databaseReachable: probe.reachable,
    alertsListening: link?.listening ?? false,
  };
  // Without its database an instance takes no action and shows other instances' alerts late: not ready.
  const ready =
    checks.brokerConnected &&
    checks.subscribed &&
    checks.registryLoaded &&
    checks.databaseReachable &&
    checks.alertsListening;
  return {
    status: ready && checks.feedFresh ? 'ok' : 'degraded',
    instance: rt.env.instanceName,
    live: true,
    ready,
    checks,
    feed: {
      kind: rt.feed.kind,
      url: rt.feed.url,
      lastError: rt.feed.lastError ?? null,
      ...(rt.feed.links ? { links: rt.feed.links } : {}),
    },
    database: {
      kind: rt.alerts.db.kind,
      reachable: probe.reachable,
      forMs: now - probe.since,
      checkedAgoMs: now - probe.checkedAt,
      lastError: probe.lastError,
    },
    alertsLink: {
      listening: link?.listening ?? false,
      forMs: link ? now - link.since : 0,
      relistens: link?.relistens ?? 0,
      lastError: link?.lastError ?? null,
    },
    rulesLeader: rt.alerts.engine.stats.leader,
    history: {
      minutesWritten: rt.alerts.history.stats.minutesWritten,
      failures: rt.alerts.history.stats.failures,
      lastWriteMs: Math.round(rt.alerts.history.stats.lastWriteMs),
    },
    venues: rt.model.venues.size,
    feedAgeMs,
    streamClients: rt.hub.clientCount,
    uptimeS: Math.round((now - rt.startedAt) / 1000),
  };
}
