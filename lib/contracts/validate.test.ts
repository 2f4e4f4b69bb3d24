import { describe, expect, it } from 'vitest';
import { describeSchemaError, validators } from './validate';

const ts = 1_700_000_000_000;

describe('payload validation', () => {
  it('accepts well-formed payloads of each kind', () => {
    expect(validators.sensor.Check({ ts, seq: 1, value: 21.5 })).toBe(true);
    expect(validators.crowd.Check({ ts, seq: 1, entries: 10, exits: 4, occupancy: 6 })).toBe(true);
    expect(
      validators.incident.Check({ ts, seq: 1, kind: 'power_fault', severity: 'major', state: 'open', title: 'Fault' }),
    ).toBe(true);
    expect(validators.presence.Check({ ts, online: true, publisher: 'x', simulated: true })).toBe(true);
  });

  it.each([
    ['missing value', { ts, seq: 1 }],
    ['string value', { ts, seq: 1, value: '21' }],
    ['seconds instead of ms', { ts: 1_700_000_000, seq: 1, value: 1 }],
    ['negative seq', { ts, seq: -1, value: 1 }],
    ['fractional seq', { ts, seq: 1.5, value: 1 }],
    ['extra field', { ts, seq: 1, value: 1, note: 'x' }],
    ['absurd value', { ts, seq: 1, value: 1e12 }],
    ['null', null],
    ['array', [1, 2]],
  ])('refuses a sensor reading with %s', (_label, body) => {
    expect(validators.sensor.Check(body)).toBe(false);
  });

  it('refuses unknown incident kinds and severities', () => {
    const base = { ts, seq: 1, kind: 'power_fault', severity: 'major', state: 'open', title: 'x' };
    expect(validators.incident.Check({ ...base, kind: 'alien_invasion' })).toBe(false);
    expect(validators.incident.Check({ ...base, severity: 'apocalyptic' })).toBe(false);
    expect(validators.incident.Check({ ...base, state: 'maybe' })).toBe(false);
    expect(validators.incident.Check({ ...base, title: '' })).toBe(false);
  });

  it('takes a venue plan in the registry and refuses a malformed one', () => {
    const zone = {
      id: 'gate-1',
      kind: 'gate',
      name: { en: 'Gate 1', zh: '1号门' },
      areaM2: 100,
      capacity: 100,
      maxOccupancy: 200,
    };
    const sensor = { id: 's', kind: 'noise', zoneId: 'gate-1', unit: 'dBA', intervalMs: 5000, thresholds: {} };
    const registry = (z: object, s: object) => ({
      v: 1,
      ts,
      seq: 1,
      venue: {
        id: 'v',
        cityId: 'c',
        name: { en: 'V', zh: 'V' },
        lon: 120,
        lat: 30,
        sports: [],
        zones: [z],
        sensors: [s],
      },
    });
    const square = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
    ];
    expect(validators.registry.Check(registry(zone, sensor))).toBe(true);
    expect(validators.registry.Check(registry({ ...zone, outline: square }, { ...sensor, position: [5, 5] }))).toBe(
      true,
    );
    expect(validators.registry.Check(registry({ ...zone, outline: square.slice(0, 2) }, sensor))).toBe(false);
    expect(validators.registry.Check(registry({ ...zone, outline: [[0, 0], [1, 1], [2]] }, sensor))).toBe(false);
    expect(validators.registry.Check(registry(zone, { ...sensor, position: [0, 99_999] }))).toBe(false);
    expect(validators.registry.Check(registry(zone, { ...sensor, position: [0, 0, 0] }))).toBe(false);
  });

  it('says where a payload is wrong in one line', () => {
    expect(describeSchemaError('sensor', { ts, seq: 1, value: 'hot' })).toMatch(/^\/value: /);
  });
});
