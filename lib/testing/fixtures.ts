/** Small, valid contract payloads for tests: one venue with two zones and three sensors. */
import type { AlertView } from '../contracts/alerts';
import type { RegistryPayloadT, VenueDefT } from '../contracts/payloads.schema';

export const T0 = 1_800_000_000_000;

export function venueDef(overrides: Partial<VenueDefT> = {}): VenueDefT {
  return {
    id: 'test-arena',
    cityId: 'hangzhou',
    name: { en: 'Test Arena', zh: '测试馆' },
    lon: 120.2,
    lat: 30.2,
    sports: ['Basketball'],
    zones: [
      {
        id: 'gate-1',
        kind: 'gate',
        name: { en: 'Gate 1', zh: '1号门' },
        areaM2: 300,
        capacity: 500,
        maxOccupancy: 1000,
      },
      {
        id: 'stand-1',
        kind: 'stand',
        name: { en: 'Stand', zh: '看台' },
        areaM2: 2500,
        capacity: 5000,
        maxOccupancy: 5250,
      },
    ],
    sensors: [
      {
        id: 'temp-1',
        kind: 'temperature',
        zoneId: 'stand-1',
        unit: '°C',
        intervalMs: 10_000,
        thresholds: { warnHigh: 32, critHigh: 36 },
      },
      { id: 'ups-1', kind: 'ups', unit: 'state', intervalMs: 10_000, thresholds: { warnHigh: 1, critHigh: 2 } },
      { id: 'bc-1', kind: 'broadcast', unit: '%', intervalMs: 5_000, thresholds: { warnLow: 90, critLow: 50 } },
    ],
    ...overrides,
  };
}

export function registry(ts = T0, seq = 1, venue = venueDef()): RegistryPayloadT {
  return { v: 1, ts, seq, venue };
}

export const json = (x: unknown) => new TextEncoder().encode(JSON.stringify(x));

/** An open alert as the board and screens hold it; tests override what they are about. */
export function alertView(over: Partial<AlertView> & Pick<AlertView, 'id'>): AlertView {
  return {
    source: `zone:test-arena/gate-${over.id}`,
    type: 'zone_level_of_service',
    venueId: 'test-arena',
    venueName: 'Test Arena',
    zoneId: null,
    sensorId: null,
    severity: 'major',
    title: `Alert ${over.id}`,
    status: 'open',
    count: 1,
    raisedAt: T0,
    lastRaisedAt: T0,
    clearedAt: null,
    acknowledgedBy: null,
    acknowledgedAt: null,
    assignee: null,
    assignedAt: null,
    resolvedBy: null,
    resolvedAt: null,
    escalatedAt: null,
    message: null,
    chatteringSince: null,
    consequences: null,
    suppression: null,
    unacknowledgedSince: null,
    version: 1,
    ...over,
  };
}
