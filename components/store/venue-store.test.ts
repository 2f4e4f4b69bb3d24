import { describe, expect, it } from 'vitest';
import type { FeedStatus, SensorLive, VenueDetail, VenueDelta, VenueSnapshot, ZoneLive } from '@/lib/contracts/stream';
import { sensorColumns, zoneColumns } from '@/lib/contracts/venue-changes';
import { createVenueStore } from './venue-store';

const feed: FeedStatus = { feedAgeMs: 100, publishersOnline: 1, simulated: true };

const T0 = 1_700_000_000_000;

const zone = (id: string, name: string): ZoneLive => ({
  id,
  kind: 'gate',
  name: { en: name, zh: name },
  areaM2: 600,
  capacity: 1000,
  occupancy: 0,
  flowInPerMin: null,
  flowOutPerMin: null,
  minutesToCapacity: null,
  lastSeen: 0,
});
const sensor = (id: string): SensorLive => ({
  id,
  kind: 'temperature',
  name: null,
  zoneId: 'gate-1',
  unit: '°C',
  intervalMs: 10_000,
  thresholds: { warnHigh: 32, critHigh: 36 },
  value: 24,
  status: 'ok',
  ts: T0 - 5000,
  lastSeen: T0 - 5000,
});

function loadedStore() {
  const detail: VenueDetail = {
    summary: {
      id: 'test-arena',
      cityId: 'hangzhou',
      name: { en: 'Test Arena', zh: '测试馆' },
      lon: 120,
      lat: 30,
      sports: [],
      capacity: 1000,
      sensorCount: 2,
      zoneCount: 2,
    },
    plan: { zones: {}, sensors: {} },
    live: {
      id: 'test-arena',
      occupancy: 0,
      worst: 'ok',
      sensorsWarning: 0,
      sensorsCritical: 0,
      sensorsOffline: 0,
      openIncidents: { critical: 0, major: 0, minor: 0, warning: 0 },
      lastSeen: T0,
    },
    zones: [zone('gate-1', 'Gate 1'), zone('gate-2', 'Gate 2')],
    sensors: [sensor('temp-1'), sensor('temp-2')],
    incidents: [],
  };
  const snapshot: VenueSnapshot = {
    type: 'venue-snapshot',
    serverId: 's1',
    seq: 1,
    at: T0,
    venueId: 'test-arena',
    detail,
    alerts: [],
    alertsLoaded: true,
    feed,
  };
  const store = createVenueStore('test-arena');
  store.getState().applyMessages([snapshot], T0, 0);
  return store;
}

describe('the venue store', () => {
  it("lays a delta's changing fields over the definitions the detail gave, and leaves the rest as they were", () => {
    const store = loadedStore();
    const before = store.getState();
    const gate = before.zones['gate-1']!;
    const delta: VenueDelta = {
      type: 'venue-delta',
      seq: 2,
      at: T0 + 1000,
      venueId: 'test-arena',
      zones: zoneColumns(
        [
          {
            id: 'gate-1',
            occupancy: 7,
            flowInPerMin: 4,
            flowOutPerMin: 1,
            minutesToCapacity: null,
            lastSeen: T0 + 900,
          },
        ],
        T0 + 1000,
      ),
      sensors: sensorColumns(
        [{ id: 'temp-1', value: 31.5, status: 'ok', ts: T0 + 850, lastSeen: T0 + 900 }],
        T0 + 1000,
      ),
      feed,
    };
    store.getState().applyMessages([delta], T0 + 1000, 0);
    const after = store.getState();
    expect(after.zones['gate-1']).toEqual({
      ...gate,
      occupancy: 7,
      flowInPerMin: 4,
      flowOutPerMin: 1,
      lastSeen: T0 + 900,
    });
    expect(after.sensors['temp-1']).toMatchObject({
      value: 31.5,
      ts: T0 + 850,
      lastSeen: T0 + 900,
      unit: before.sensors['temp-1']!.unit,
      kind: 'temperature',
    });
    // What did not change keeps its identity: its row does not render again.
    for (const id of Object.keys(before.sensors).filter((id) => id !== 'temp-1'))
      expect(after.sensors[id]).toBe(before.sensors[id]);
  });

  it('ignores a change for a zone or sensor it has no definition of (the next detail brings both)', () => {
    const store = loadedStore();
    store.getState().applyMessages(
      [
        {
          type: 'venue-delta',
          seq: 2,
          at: T0 + 1000,
          venueId: 'test-arena',
          sensors: sensorColumns([{ id: 'not-defined', value: 1, status: 'ok', ts: T0, lastSeen: T0 }], T0 + 1000),
          feed,
        },
      ],
      T0 + 1000,
      0,
    );
    expect(store.getState().sensors['not-defined']).toBeUndefined();
  });

  it("lays a headcount sent alone over the venue's live part, keeping its status", () => {
    const store = loadedStore();
    const before = store.getState().live!;
    const figures = { id: 'test-arena', occupancy: 1234, lastSeen: T0 + 900 };
    store
      .getState()
      .applyMessages(
        [{ type: 'venue-delta', seq: 2, at: T0 + 1000, venueId: 'test-arena', live: figures, feed }],
        T0 + 1000,
        0,
      );
    expect(store.getState().live).toEqual({ ...before, occupancy: 1234, lastSeen: T0 + 900 });
    expect(store.getState().feed).toEqual(feed);
  });
});
