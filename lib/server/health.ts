/** Liveness and readiness of this server process, for /api/health. */
import 'server-only';
import type { FeedRuntime } from './feed-runtime';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'starting';
  live: true;
  ready: boolean;
  checks: {
    brokerConnected: boolean;
    subscribed: boolean;
    registryLoaded: boolean;
    feedFresh: boolean;
  };
  feed: { kind: string; url: string; lastError: string | null };
  venues: number;
  feedAgeMs: number | null;
  streamClients: number;
  uptimeS: number;
}

/** A feed silent for longer than this makes the process not ready. */
const FEED_FRESH_MS = 30_000;

export function healthReport(rt: FeedRuntime | undefined, now = Date.now()): HealthReport {
  if (!rt) {
    return {
      status: 'starting',
      live: true,
      ready: false,
      checks: { brokerConnected: false, subscribed: false, registryLoaded: false, feedFresh: false },
      feed: { kind: 'unknown', url: '', lastError: null },
      venues: 0,
      feedAgeMs: null,
      streamClients: 0,
      uptimeS: 0,
    };
  }
  const feedAgeMs = rt.model.lastAcceptedAt === 0 ? null : now - rt.model.lastAcceptedAt;
  const checks = {
    brokerConnected: rt.feed.connected,
    subscribed: rt.feed.subscribed,
    registryLoaded: rt.model.venues.size > 0,
    feedFresh: feedAgeMs !== null && feedAgeMs < FEED_FRESH_MS,
  };
  const ready = checks.brokerConnected && checks.subscribed && checks.registryLoaded;
  return {
    status: ready && checks.feedFresh ? 'ok' : 'degraded',
    live: true,
    ready,
    checks,
    feed: { kind: rt.feed.kind, url: rt.feed.url, lastError: rt.feed.lastError ?? null },
    venues: rt.model.venues.size,
    feedAgeMs,
    streamClients: rt.hub.clientCount,
    uptimeS: Math.round((now - rt.startedAt) / 1000),
  };
}
