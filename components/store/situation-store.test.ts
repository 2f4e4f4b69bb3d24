import { describe, expect, it } from 'vitest';
import type { FeedStatus, Kpis, StreamDelta, StreamSnapshot } from '@/lib/contracts/stream';
import { createSituationStore, MAX_TREND_POINTS } from './situation-store';
import { linkLostFor, phaseFor } from './stream-connection';

const kpis = (peopleInside = 10): Kpis => ({
  peopleInside,
  openIncidents: { critical: 0, major: 0, minor: 0, warning: 0 },
  sensorsTotal: 3,
  sensorsOffline: 0,
  venuesReporting: 1,
  messagesPerSecond: 5,
  rejectedPerSecond: 0,
});
const feed = (feedAgeMs: number | null = 100): FeedStatus => ({ feedAgeMs, publishersOnline: 1, simulated: true });

const snapshot: StreamSnapshot = {
  type: 'snapshot',
  serverId: 's1',
  seq: 3,
  at: 1000,
  venues: [
    {
      id: 'b',
      cityId: 'ningbo',
      name: { en: 'B', zh: 'B' },
      lon: 121,
      lat: 29,
      sports: [],
      capacity: 100,
      sensorCount: 1,
      zoneCount: 1,
    },
    {
      id: 'a',
      cityId: 'hangzhou',
      name: { en: 'A', zh: 'A' },
      lon: 120,
      lat: 30,
      sports: [],
      capacity: 100,
      sensorCount: 1,
      zoneCount: 1,
    },
  ],
  live: [],
  incidents: [],
  alerts: [],
  alertsLoaded: true,
  kpis: kpis(),
  trend: [],
  feed: feed(),
};

describe('situation store', () => {
  it('takes a snapshot, then deltas, in order', () => {
    const store = createSituationStore();
    const delta: StreamDelta = {
      type: 'delta',
      seq: 4,
      at: 1200,
      kpis: kpis(),
      feed: feed(50),
      live: [
        {
          id: 'a',
          occupancy: 42,
          worst: 'ok',
          sensorsWarning: 0,
          sensorsCritical: 0,
          sensorsOffline: 0,
          openIncidents: { critical: 0, major: 0, minor: 0, warning: 0 },
          lastSeen: 1,
        },
      ],
      incidents: [
        {
          key: 'a/i1',
          venueId: 'a',
          id: 'i1',
          kind: 'power_fault',
          severity: 'major',
          state: 'open',
          title: 't',
          zoneId: null,
          sensorId: null,
          raisedAt: 1,
          updatedAt: 1,
        },
      ],
    };
    store.getState().applyMessages([snapshot, delta], 5000, 0);
    const s = store.getState();
    expect(s.venueOrder).toEqual(['a', 'b']);
    expect(s.live.a?.occupancy).toBe(42);
    expect(Object.keys(s.incidents)).toEqual(['a/i1']);
    expect(s.lastMessageAt).toBe(5000);
    expect(s.feedAgeAtMessage).toBe(50);
    store
      .getState()
      .applyMessages([{ type: 'delta', seq: 5, at: 1400, feed: feed(), incidentsRemoved: ['a/i1'] }], 5200, 0);
    expect(store.getState().incidents).toEqual({});
  });

  it('keeps the city figures it has through deltas without them, and ages by every delta', () => {
    const store = createSituationStore();
    store.getState().applyMessages([snapshot], 1000, 0);
    const held = store.getState().kpis;
    // The server sends the figures only when they moved; a delta without them changes nothing shown.
    store.getState().applyMessages([{ type: 'delta', seq: 4, at: 1200, feed: feed(30) }], 1200, 0);
    expect(store.getState().kpis).toBe(held);
    expect(store.getState().feedAgeAtMessage).toBe(30);
    expect(store.getState().lastServerAt).toBe(1200);
    store.getState().applyMessages([{ type: 'delta', seq: 5, at: 1400, feed: feed(), kpis: kpis(4_000) }], 1400, 0);
    expect(store.getState().kpis?.peopleInside).toBe(4_000);
    expect(store.getState().feed?.simulated).toBe(true);
  });

  it('a new snapshot replaces everything (server restart)', () => {
    const store = createSituationStore();
    store.getState().applyMessages([snapshot], 1, 0);
    store.getState().applyMessages([{ ...snapshot, serverId: 's2', venues: [] }], 2, 0);
    expect(store.getState().venueOrder).toEqual([]);
    expect(store.getState().serverId).toBe('s2');
  });

  it('starts from the picture the page was rendered with, not live until the stream speaks', () => {
    const store = createSituationStore(snapshot);
    // The server's render and the browser's hydration read the initial state: it must hold the picture.
    for (const s of [store.getInitialState(), store.getState()]) {
      expect(s.venueOrder).toEqual(['a', 'b']);
      expect(s.kpis?.peopleInside).toBe(10);
      expect(s.phase).toBe('connecting');
      expect(s.lastMessageAt).toBe(0);
      expect(s.lastServerAt).toBe(1000);
      expect(s.feedAgeAtMessage).toBe(100);
    }
    expect(phaseFor({ everReceived: store.getState().lastMessageAt > 0, sinceMessageMs: 0, dataAgeMs: 100 })).toBe(
      'connecting',
    );
    // The stream's own snapshot replaces it whole.
    store
      .getState()
      .applyMessages([{ ...snapshot, serverId: 's2', at: 2000, venues: snapshot.venues.slice(0, 1) }], 7, 0);
    expect(store.getState().venueOrder).toEqual(['b']);
    expect(store.getState().lastMessageAt).toBe(7);
  });

  it('keeps the trend bounded', () => {
    const store = createSituationStore();
    store.getState().applyMessages([snapshot], 1, 0);
    for (let i = 0; i < 1000; i++) {
      store.getState().applyMessages(
        [
          {
            type: 'delta',
            seq: 10 + i,
            at: i,
            feed: feed(),
            trend: [{ t: i * 10_000, occupancy: i, openIncidents: 0 }],
          },
        ],
        i,
        0,
      );
    }
    expect(store.getState().trend).toHaveLength(MAX_TREND_POINTS);
    expect(store.getState().trend.at(-1)?.occupancy).toBe(999);
  });
});

describe('connection phase', () => {
  it('is live only with a stream heard within its heartbeats and a fresh feed', () => {
    expect(phaseFor({ everReceived: true, sinceMessageMs: 300, dataAgeMs: 200 })).toBe('live');
    expect(phaseFor({ everReceived: true, sinceMessageMs: 300, dataAgeMs: 12_000 })).toBe('stale');
    expect(phaseFor({ everReceived: true, sinceMessageMs: 300, dataAgeMs: null })).toBe('stale');
    expect(phaseFor({ everReceived: true, sinceMessageMs: 10_000, dataAgeMs: 200 })).toBe('reconnecting');
    expect(phaseFor({ everReceived: false, sinceMessageMs: Infinity, dataAgeMs: null })).toBe('connecting');
  });

  it('keeps what arrived a moment ago live while it connects again after an error (issue 15: "lost ... 0 s ago")', () => {
    // The server or a proxy ended the stream 300 ms after its last message; EventSource is connecting again.
    expect(phaseFor({ everReceived: true, sinceMessageMs: 300, dataAgeMs: 200 })).toBe('live');
    // But a fresh link does not make a stale feed live.
    expect(phaseFor({ everReceived: true, sinceMessageMs: 300, dataAgeMs: 12_000 })).toBe('stale');
  });

  it('says the connection is lost only after missed heartbeats and a failed attempt to connect again', () => {
    expect(linkLostFor({ sinceMessageMs: 300, failedAttempts: 3 })).toBe(false);
    expect(linkLostFor({ sinceMessageMs: 10_000, failedAttempts: 0 })).toBe(false);
    expect(linkLostFor({ sinceMessageMs: 10_000, failedAttempts: 1 })).toBe(true);
  });
});
