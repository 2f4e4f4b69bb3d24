import { describe, expect, it } from 'vitest';
import type { SensorChange, ZoneChange } from './stream';
import { sensorColumns, sensorRows, zoneColumns, zoneRows } from './venue-changes';

const AT = 1_796_306_248_363;

describe("a venue delta's columns", () => {
  it('give back the very zones and sensors they were made of, never-heard ones included', () => {
    const zones: ZoneChange[] = [
      { id: 'gate-1', occupancy: 120, flowInPerMin: 37, flowOutPerMin: 4, minutesToCapacity: 12, lastSeen: AT - 118 },
      { id: 'stand-2', occupancy: 0, flowInPerMin: null, flowOutPerMin: null, minutesToCapacity: null, lastSeen: 0 },
    ];
    const sensors: SensorChange[] = [
      { id: 'temp-gate-1', value: 25.13, status: 'warning', ts: AT - 124, lastSeen: AT - 118 },
      // A publisher whose clock runs ahead: a source stamp after the message's.
      { id: 'pm25-stand-1', value: null, status: 'unknown', ts: AT + 40, lastSeen: 0 },
    ];
    expect(zoneRows(zoneColumns(zones, AT), AT)).toEqual(zones);
    expect(sensorRows(sensorColumns(sensors, AT), AT)).toEqual(sensors);
  });

  it('carry a busy second of a stadium in under half the bytes of rows', () => {
    const zones: ZoneChange[] = Array.from({ length: 5 }, (_, i) => ({
      id: `concourse-${i}`,
      occupancy: 1200 + i,
      flowInPerMin: 40,
      flowOutPerMin: 12,
      minutesToCapacity: null,
      lastSeen: AT - 100 - i,
    }));
    const sensors: SensorChange[] = Array.from({ length: 8 }, (_, i) => ({
      id: `noise-stand-${i}-1`,
      value: 44.8,
      status: 'ok',
      ts: AT - 130,
      lastSeen: AT - 120,
    }));
    const bytes = (x: unknown) => JSON.stringify(x).length;
    expect(bytes(zoneColumns(zones, AT))).toBeLessThan(bytes(zones) / 2);
    expect(bytes(sensorColumns(sensors, AT))).toBeLessThan(bytes(sensors) / 2);
  });
});
