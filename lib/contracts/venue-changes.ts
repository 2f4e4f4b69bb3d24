/**
 * How a venue delta carries its changed zones and sensors: a column per field, so each field's name
 * goes once per message rather than once per zone or sensor, and times as milliseconds before the
 * message's `at` (a few digits, not thirteen). A stadium page gets some 20 zones and 30 sensors a
 * second; in rows their names and epoch stamps were two thirds of its bytes.
 */
import type { SensorChange, ZoneChange } from './stream';

/** ms before `at`; null for 0 (never). */
type AgoMs = number | null;

export interface ZoneChangeColumns {
  id: string[];
  occupancy: number[];
  flowInPerMin: (number | null)[];
  flowOutPerMin: (number | null)[];
  minutesToCapacity: (number | null)[];
  /** `at` minus the zone's last count (ZoneChange.lastSeen). */
  lastSeenAgoMs: AgoMs[];
}

export interface SensorChangeColumns {
  id: string[];
  value: (number | null)[];
  status: SensorChange['status'][];
  /** `at` minus the value's source timestamp (SensorChange.ts). */
  tsAgoMs: AgoMs[];
  /** `at` minus when the server last heard the sensor (SensorChange.lastSeen). */
  lastSeenAgoMs: AgoMs[];
}

const ago = (at: number, t: number): AgoMs => (t === 0 ? null : at - t);
const since = (at: number, a: AgoMs | undefined): number => (a === null || a === undefined ? 0 : at - a);

export function zoneColumns(zones: readonly ZoneChange[], at: number): ZoneChangeColumns {
  return {
    id: zones.map((z) => z.id),
    occupancy: zones.map((z) => z.occupancy),
    flowInPerMin: zones.map((z) => z.flowInPerMin),
    flowOutPerMin: zones.map((z) => z.flowOutPerMin),
    minutesToCapacity: zones.map((z) => z.minutesToCapacity),
    lastSeenAgoMs: zones.map((z) => ago(at, z.lastSeen)),
  };
}

export function zoneRows(c: ZoneChangeColumns, at: number): ZoneChange[] {
  return c.id.map((id, i) => ({
    id,
    occupancy: c.occupancy[i] ?? 0,
    flowInPerMin: c.flowInPerMin[i] ?? null,
    flowOutPerMin: c.flowOutPerMin[i] ?? null,
    minutesToCapacity: c.minutesToCapacity[i] ?? null,
    lastSeen: since(at, c.lastSeenAgoMs[i]),
  }));
}

export function sensorColumns(sensors: readonly SensorChange[], at: number): SensorChangeColumns {
  return {
    id: sensors.map((s) => s.id),
    value: sensors.map((s) => s.value),
    status: sensors.map((s) => s.status),
    tsAgoMs: sensors.map((s) => ago(at, s.ts)),
    lastSeenAgoMs: sensors.map((s) => ago(at, s.lastSeen)),
  };
}

export function sensorRows(c: SensorChangeColumns, at: number): SensorChange[] {
  return c.id.map((id, i) => ({
    id,
    value: c.value[i] ?? null,
    status: c.status[i] ?? 'unknown',
    ts: since(at, c.tsAgoMs[i]),
    lastSeen: since(at, c.lastSeenAgoMs[i]),
  }));
}
