import { describe, expect, it } from 'vitest';
import { SituationModel } from '../ingest/situation-model';
import { registry, T0, venueDef } from '../testing/fixtures';
import { readRuleConfig, parseRuleConfig } from './rule-config';
import { conditionKey, evaluateConditions } from './conditions';

const rules = readRuleConfig('config/alert-rules.json');
const NOW = T0 + 1000;

function model(): SituationModel {
  const m = new SituationModel();
  expect(m.applyRegistry('hangzhou', 'test-arena', registry(), NOW)).toBeNull();
  return m;
}

const keys = (m: SituationModel, at = NOW) => [...evaluateConditions(m, rules, at).present.keys()].sort();

describe('alert rules', () => {
  it('a quiet venue raises nothing', () => {
    expect(keys(model())).toEqual([]);
  });

  it("a gate at level of service E is minor (the stewards' task), at F critical; stands are not walkways", () => {
    const m = model();
    // Gate 1: 300 m². E: 0.46-0.93 m² per person; F: under 0.46.
    m.applyCrowd('hangzhou', 'test-arena', 'gate-1', { ts: T0, seq: 1, entries: 400, exits: 0, occupancy: 400 }, NOW);
    let c = evaluateConditions(m, rules, NOW).present.get(
      conditionKey('zone_level_of_service', 'zone:test-arena/gate-1'),
    );
    expect(c).toMatchObject({
      severity: 'minor',
      zoneId: 'gate-1',
      venueName: 'Test Arena',
      title: 'Gate 1: crowding at level of service E',
    });
    m.applyCrowd(
      'hangzhou',
      'test-arena',
      'gate-1',
      { ts: T0 + 1, seq: 2, entries: 700, exits: 0, occupancy: 700 },
      NOW,
    );
    c = evaluateConditions(m, rules, NOW).present.get(conditionKey('zone_level_of_service', 'zone:test-arena/gate-1'));
    expect(c?.severity).toBe('critical');
    // A packed stand (seats) is no walkway: no crowding alert for it.
    m.applyCrowd(
      'hangzhou',
      'test-arena',
      'stand-1',
      { ts: T0, seq: 1, entries: 5200, exits: 0, occupancy: 5200 },
      NOW,
    );
    expect(keys(m)).not.toContain(conditionKey('zone_level_of_service', 'zone:test-arena/stand-1'));
  });

  it('a venue above 95% of its capacity', () => {
    const m = model();
    m.applyCrowd(
      'hangzhou',
      'test-arena',
      'stand-1',
      { ts: T0, seq: 1, entries: 4750, exits: 0, occupancy: 4750 },
      NOW,
    );
    expect(keys(m)).not.toContain(conditionKey('venue_capacity', 'venue:test-arena'));
    m.applyCrowd(
      'hangzhou',
      'test-arena',
      'stand-1',
      { ts: T0 + 1, seq: 2, entries: 4760, exits: 0, occupancy: 4760 },
      NOW,
    );
    expect(keys(m)).toContain(conditionKey('venue_capacity', 'venue:test-arena'));
  });

  it("no session near: the spectators' alarms wait; dangerous crowding (LOS F) never does", () => {
    const HOUR = 3_600_000;
    const m = new SituationModel();
    // Today's one session is five hours away (the rules look two hours ahead).
    const def = venueDef({ sessions: [{ start: NOW + 5 * HOUR, end: NOW + 7 * HOUR }] });
    m.applyRegistry('hangzhou', 'test-arena', registry(T0, 1, def), NOW);
    const crowd = (zone: string, n: number, seq: number) =>
      m.applyCrowd('hangzhou', 'test-arena', zone, { ts: T0 + seq, seq, entries: n, exits: 0, occupancy: n }, NOW);
    crowd('stand-1', 4900, 1);
    crowd('gate-1', 400, 1);
    expect(keys(m)).toEqual([]);
    crowd('gate-1', 700, 2);
    expect(keys(m)).toEqual([conditionKey('zone_level_of_service', 'zone:test-arena/gate-1')]);
    // Within two hours of the start: judged.
    const later = NOW + 3.5 * HOUR;
    m.applyCrowd(
      'hangzhou',
      'test-arena',
      'stand-1',
      { ts: later, seq: 3, entries: 4900, exits: 0, occupancy: 4900 },
      later,
    );
    expect(keys(m, later)).toContain(conditionKey('venue_capacity', 'venue:test-arena'));
  });

  it('a UPS on battery (its warning) is major by default', () => {
    const m = model();
    m.applySensor('hangzhou', 'test-arena', 'ups-1', { ts: T0, seq: 1, value: 1 }, NOW);
    const c = evaluateConditions(m, rules, NOW).present.get(
      conditionKey('sensor_threshold', 'sensor:test-arena/ups-1'),
    );
    expect(c).toMatchObject({ severity: 'major', title: 'UPS ups-1 on battery' });
  });

  it('sensor thresholds from the registry: a UPS fault is critical, a hot stand minor (a task, not an emergency), a warning by default nothing', () => {
    const m = model();
    m.applySensor('hangzhou', 'test-arena', 'ups-1', { ts: T0, seq: 1, value: 2 }, NOW);
    m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0, seq: 1, value: 37 }, NOW);
    m.applySensor('hangzhou', 'test-arena', 'bc-1', { ts: T0, seq: 1, value: 80 }, NOW);
    const present = evaluateConditions(m, rules, NOW).present;
    expect(present.get(conditionKey('sensor_threshold', 'sensor:test-arena/ups-1'))?.severity).toBe('critical');
    expect(present.get(conditionKey('sensor_threshold', 'sensor:test-arena/temp-1'))).toMatchObject({
      severity: 'minor',
      title: 'Temperature temp-1 at 37 °C, above 36 °C',
    });
    expect(present.has(conditionKey('sensor_threshold', 'sensor:test-arena/bc-1'))).toBe(false);
    // A site that wants warnings paged says so in the rules file.
    const strict = parseRuleConfig(
      { ...rules, sensorThreshold: { ...rules.sensorThreshold, warning: 'warning' } },
      'test',
    );
    expect(
      evaluateConditions(m, strict, NOW).present.get(conditionKey('sensor_threshold', 'sensor:test-arena/bc-1'))
        ?.severity,
    ).toBe('warning');
  });

  it('a sensor with a name in the registry is named by it, in each language, not by its id', () => {
    const m = new SituationModel();
    const def = venueDef();
    const named = def.sensors.map((s) =>
      s.id === 'temp-1' ? { ...s, name: { en: 'Temperature 1, Stand', zh: '看台 温度 1' } } : s,
    );
    expect(m.applyRegistry('hangzhou', 'test-arena', registry(T0, 1, { ...def, sensors: named }), NOW)).toBeNull();
    m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0, seq: 1, value: 37 }, NOW);
    const c = evaluateConditions(m, rules, NOW).present.get(
      conditionKey('sensor_threshold', 'sensor:test-arena/temp-1'),
    );
    expect(c).toMatchObject({
      title: 'Temperature 1, Stand at 37 °C, above 36 °C',
      message: {
        key: 'alarm.namedSensorHigh',
        params: { sensor: { en: 'Temperature 1, Stand', zh: '看台 温度 1' }, value: 37, limit: 36 },
      },
    });
  });

  it('a sensor offline past its interval', () => {
    const m = model();
    m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0, seq: 1, value: 20 }, NOW);
    // The rest of the feed goes on (a silent feed is the staleness rule's).
    m.applySensor('hangzhou', 'test-arena', 'ups-1', { ts: T0 + 31_000, seq: 1, value: 0 }, NOW + 31_000);
    m.sweep(NOW + 31_000);
    expect(keys(m, NOW + 31_000)).toContain(conditionKey('sensor_offline', 'sensor:test-arena/temp-1'));
  });

  it('a venue silent while the feed flows: one alert for the venue, none for each of its sensors', () => {
    const m = model();
    m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0, seq: 1, value: 20 }, NOW);
    m.applySensor('hangzhou', 'test-arena', 'ups-1', { ts: T0, seq: 1, value: 0 }, NOW);
    m.sweep(NOW + 31_000);
    // Another venue goes on reporting.
    m.applyRegistry(
      'hangzhou',
      'other-arena',
      registry(T0, 1, venueDef({ id: 'other-arena', name: { en: 'Other Arena', zh: '其他馆' } })),
      NOW,
    );
    m.applySensor('hangzhou', 'other-arena', 'temp-1', { ts: T0 + 31_000, seq: 2, value: 20 }, NOW + 31_000);
    const present = keys(m, NOW + 31_000);
    expect(present).toContain(conditionKey('venue_silent', 'venue:test-arena'));
    expect(present.filter((k) => k.startsWith('sensor_offline|sensor:test-arena/'))).toEqual([]);
    expect(present).not.toContain(conditionKey('venue_silent', 'venue:other-arena'));
  });

  it('a feed that stops as a whole raises neither venue nor sensor alerts before it is stale', () => {
    const m = model();
    m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0, seq: 1, value: 20 }, NOW);
    m.sweep(NOW + 20_000);
    const present = keys(m, NOW + 20_000);
    expect(present.filter((k) => k.startsWith('venue_silent') || k.startsWith('sensor_offline'))).toEqual([]);
  });

  it('IT incidents: one condition per thing and kind, the worst severity of those open', () => {
    const m = model();
    const inc = (id: string, severity: 'major' | 'critical', state: 'open' | 'cleared', seq = 1) =>
      m.applyIncident(
        'hangzhou',
        'test-arena',
        id,
        {
          ts: T0 + seq,
          seq,
          kind: 'broadcast_signal_loss',
          severity,
          state,
          title: 'Broadcast lost',
          sensorId: 'bc-1',
        },
        NOW,
      );
    inc('inc-1', 'major', 'open');
    inc('inc-2', 'critical', 'open');
    const present = evaluateConditions(m, rules, NOW).present;
    expect([...present.keys()]).toEqual([conditionKey('it_broadcast_signal_loss', 'it:test-arena/bc-1')]);
    expect([...present.values()][0]?.severity).toBe('critical');
    inc('inc-1', 'major', 'cleared', 2);
    inc('inc-2', 'critical', 'cleared', 3);
    expect(keys(m)).toEqual([]);
  });

  it("a minor IT incident is the venue team's, not a command-center alarm, yet still explains what it causes", () => {
    const m = model();
    const p = { ts: T0, seq: 1, kind: 'power_fault' as const, severity: 'minor' as const, state: 'open' as const };
    m.applyIncident('hangzhou', 'test-arena', 'inc-3', { ...p, title: 'Breaker tripped' }, NOW);
    m.applySensor('hangzhou', 'test-arena', 'ups-1', { ts: T0, seq: 1, value: 1 }, NOW);
    const present = evaluateConditions(m, rules, NOW).present;
    expect(present.has(conditionKey('it_power_fault', 'it:test-arena/venue'))).toBe(false);
    expect(present.get(conditionKey('sensor_threshold', 'sensor:test-arena/ups-1'))?.causes).toEqual([
      conditionKey('it_power_fault', 'it:test-arena/venue'),
    ]);
  });

  it('a stale feed: only the staleness is known, and said', () => {
    const m = model();
    const late = NOW + rules.feedStale.afterSeconds * 1000 + 1;
    const c = evaluateConditions(m, rules, late);
    expect(c.feedFresh).toBe(false);
    expect([...c.present.keys()]).toEqual([conditionKey('feed_stale', 'feed')]);
    expect(c.present.get(conditionKey('feed_stale', 'feed'))).toMatchObject({ severity: 'critical', venueId: null });
  });

  it('the shipped rules file is valid, and a bad one is refused with the reason', () => {
    expect(rules.escalation.criticalUnacknowledgedMinutes).toBeGreaterThan(0);
    expect(() =>
      parseRuleConfig({ ...rules, venueCapacity: { ...rules.venueCapacity, abovePercent: 0 } }, 'r.json'),
    ).toThrow(/r\.json: \/venueCapacity\/abovePercent/);
    expect(() =>
      parseRuleConfig(
        { ...rules, sensorThreshold: { ...rules.sensorThreshold, criticalByKind: { toaster: 'major' } } },
        'r.json',
      ),
    ).toThrow(/r\.json/);
  });
});
