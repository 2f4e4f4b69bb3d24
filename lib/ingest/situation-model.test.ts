import { beforeEach, describe, expect, it } from 'vitest';
import { registry, T0, venueDef } from '../testing/fixtures';
import { CLEARED_RETENTION_MS, FIRST_COUNT_WAIT_MS, SituationModel } from './situation-model';

const incident = (seq: number, state: 'open' | 'cleared', ts = T0 + seq) => ({
  ts,
  seq,
  kind: 'power_fault' as const,
  severity: 'critical' as const,
  state,
  title: 'Mains lost',
});

describe('SituationModel folding', () => {
  let m: SituationModel;
  beforeEach(() => {
    m = new SituationModel();
    expect(m.applyRegistry('hangzhou', 'test-arena', registry(), T0)).toBeNull();
  });

  it('refuses messages for a venue it has no registry for', () => {
    expect(m.applySensor('hangzhou', 'nowhere', 'temp-1', { ts: T0, seq: 1, value: 20 }, T0)).toBe('unknown_venue');
    expect(m.applySensor('hangzhou', 'test-arena', 'no-such', { ts: T0, seq: 1, value: 20 }, T0)).toBe(
      'unknown_source',
    );
    expect(m.applySensor('ningbo', 'test-arena', 'temp-1', { ts: T0, seq: 1, value: 20 }, T0)).toBe('topic_mismatch');
  });

  it('refuses a registry whose body contradicts its topic or references unknown zones', () => {
    expect(m.applyRegistry('hangzhou', 'other', registry(T0 + 1, 2), T0)).toBe('topic_mismatch');
    const bad = venueDef({
      sensors: [{ id: 's', kind: 'noise', zoneId: 'ghost', unit: 'dBA', intervalMs: 5000, thresholds: {} }],
    });
    expect(m.applyRegistry('hangzhou', 'test-arena', registry(T0 + 1, 2, bad), T0)).toBe('schema');
  });

  it('never lets a duplicate or older reading overwrite newer state', () => {
    expect(m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0 + 2000, seq: 5, value: 25 }, T0)).toBeNull();
    expect(m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0 + 2000, seq: 5, value: 99 }, T0)).toBe(
      'duplicate',
    );
    expect(m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0 + 1000, seq: 6, value: 99 }, T0)).toBe(
      'out_of_order',
    );
    expect(m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0 + 2000, seq: 4, value: 99 }, T0)).toBe(
      'out_of_order',
    );
    expect(m.venues.get('test-arena')!.sensors.get('temp-1')!.value).toBe(25);
    // A restarted publisher (seq from 1 again, later ts) is accepted.
    expect(m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0 + 3000, seq: 1, value: 26 }, T0)).toBeNull();
    expect(m.venues.get('test-arena')!.sensors.get('temp-1')!.value).toBe(26);
  });

  it('estimates telemetry lost upstream from sequence gaps, not from restarts', () => {
    const r = (ts: number, seq: number) =>
      m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0 + ts, seq, value: 20 }, T0);
    r(1, 1);
    r(2, 2);
    r(3, 6); // 3, 4 and 5 never arrived
    expect(m.lostMessages).toBe(3);
    r(4, 1); // the sensor restarted
    r(5, 2);
    expect(m.lostMessages).toBe(3);
  });

  it('a forged future message holds a source for at most the clock-skew bound', () => {
    const crowd = (ts: number, seq: number, occupancy: number, now: number) =>
      m.applyCrowd('hangzhou', 'test-arena', 'gate-1', { ts, seq, entries: occupancy, exits: 0, occupancy }, now);
    expect(crowd(T0, 1, 10, T0)).toBeNull();
    // The attack of issue 11: 290 s ahead, the largest seq there is, the gate at its physical maximum.
    expect(crowd(T0 + 290_000, Number.MAX_SAFE_INTEGER, 1000, T0)).toBe('future_timestamp');
    expect(crowd(T0 + 1000, 2, 12, T0 + 1000)).toBeNull();
    // Within the bound it is accepted, and the real counter is held off only until its clock passes it.
    expect(crowd(T0 + 1000 + m.maxClockSkewMs, Number.MAX_SAFE_INTEGER, 1000, T0 + 1000)).toBeNull();
    expect(crowd(T0 + 2000, 3, 13, T0 + 2000)).toBe('out_of_order');
    const released = T0 + 1001 + m.maxClockSkewMs;
    expect(crowd(released, 4, 14, released)).toBeNull();
    expect(m.venues.get('test-arena')!.zones.get('gate-1')!.occupancy).toBe(14);
  });

  it('accepts a publisher that restarts its sequence numbers', () => {
    const r = (ts: number, seq: number) =>
      m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0 + ts, seq, value: 20 + seq }, T0 + ts);
    expect(r(1, 500)).toBeNull();
    expect(r(2, 1)).toBeNull();
    expect(m.venues.get('test-arena')!.sensors.get('temp-1')!.value).toBe(21);
  });

  it('the clock-skew bound is configurable', () => {
    const strict = new SituationModel({ maxClockSkewMs: 1000 });
    strict.applyRegistry('hangzhou', 'test-arena', registry(), T0);
    expect(strict.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0 + 2000, seq: 1, value: 1 }, T0)).toBe(
      'future_timestamp',
    );
  });

  it('refuses timestamps from the future beyond clock skew', () => {
    expect(m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0 + 3_600_000, seq: 1, value: 25 }, T0)).toBe(
      'future_timestamp',
    );
  });

  it('grades readings against the registry thresholds', () => {
    const v = m.venues.get('test-arena')!;
    m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0 + 1, seq: 1, value: 33 }, T0);
    expect(v.sensors.get('temp-1')!.status).toBe('warning');
    m.applySensor('hangzhou', 'test-arena', 'ups-1', { ts: T0 + 1, seq: 1, value: 2 }, T0);
    expect(v.sensors.get('ups-1')!.status).toBe('critical');
    m.applySensor('hangzhou', 'test-arena', 'bc-1', { ts: T0 + 1, seq: 1, value: 99 }, T0);
    expect(v.sensors.get('bc-1')!.status).toBe('ok');
    expect(v.live().worst).toBe('critical');
    expect(v.live().sensorsWarning).toBe(1);
    expect(v.live().sensorsCritical).toBe(1);
  });

  it('keeps a status past a limit while the value hovers just inside it (a deadband), not flipping every reading', () => {
    const v = m.venues.get('test-arena')!;
    const status = (seq: number, value: number) => {
      m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0 + seq, seq, value }, T0);
      return v.sensors.get('temp-1')!.status;
    };
    // warnHigh 32, critHigh 36; the deadband is 5% of the limit.
    expect(status(1, 31.9)).toBe('ok');
    expect(status(2, 32.1)).toBe('warning');
    expect(status(3, 31.9)).toBe('warning');
    expect(status(4, 30.5)).toBe('warning');
    expect(status(5, 30.3)).toBe('ok');
    expect(status(6, 36.2)).toBe('critical');
    expect(status(7, 35)).toBe('critical');
    expect(status(8, 34)).toBe('warning');
    // Worse at once, whatever was held.
    expect(status(9, 37)).toBe('critical');
    expect(v.live().sensorsCritical).toBe(1);
  });

  it('folds crowd counts into venue occupancy and refuses impossible ones', () => {
    expect(
      m.applyCrowd(
        'hangzhou',
        'test-arena',
        'gate-1',
        { ts: T0 + 1, seq: 1, entries: 100, exits: 40, occupancy: 60 },
        T0,
      ),
    ).toBeNull();
    expect(
      m.applyCrowd(
        'hangzhou',
        'test-arena',
        'stand-1',
        { ts: T0 + 1, seq: 1, entries: 900, exits: 0, occupancy: 900 },
        T0,
      ),
    ).toBeNull();
    expect(m.venues.get('test-arena')!.occupancy).toBe(960);
    expect(
      m.applyCrowd(
        'hangzhou',
        'test-arena',
        'gate-1',
        { ts: T0 + 2, seq: 2, entries: 100, exits: 40, occupancy: 70 },
        T0,
      ),
    ).toBe('inconsistent_counts');
    expect(
      m.applyCrowd(
        'hangzhou',
        'test-arena',
        'gate-1',
        { ts: T0 + 2, seq: 2, entries: 5000, exits: 0, occupancy: 5000 },
        T0,
      ),
    ).toBe('above_physical_max');
    expect(
      m.applyCrowd(
        'hangzhou',
        'test-arena',
        'gate-1',
        { ts: T0 + 3, seq: 3, entries: 150, exits: 140, occupancy: 10 },
        T0,
      ),
    ).toBeNull();
    expect(m.venues.get('test-arena')!.occupancy).toBe(910);
    expect(m.kpis(T0, 0, 0).peopleInside).toBe(910);
  });

  it("reports a zone's flow per minute and time to capacity from its counts", () => {
    // Gate 1 (capacity 500): +60 in and +20 out every 10 s, i.e. occupancy +240 a minute.
    for (let k = 0; k <= 12; k++) {
      const entries = 60 * k;
      const exits = 20 * k;
      m.applyCrowd(
        'hangzhou',
        'test-arena',
        'gate-1',
        { ts: T0 + k * 10_000, seq: k + 1, entries, exits, occupancy: entries - exits },
        T0 + k * 10_000, // received as sent: two minutes of counts, not two minutes ahead of the server
      );
    }
    const gate = m.venues.get('test-arena')!.zones.get('gate-1')!.view();
    expect(gate.flowInPerMin).toBe(360);
    expect(gate.flowOutPerMin).toBe(120);
    expect(gate.occupancy).toBe(480);
    expect(gate.minutesToCapacity).toBeCloseTo(20 / 240, 3);
  });

  it("plots the city's crowd on its trend only once every zone has been counted, never a part of it as the whole", () => {
    const count = (zone: string, occupancy: number, at: number) =>
      m.applyCrowd(
        'hangzhou',
        'test-arena',
        zone,
        { ts: at, seq: at - T0 + 1, entries: occupancy, exits: 0, occupancy },
        at,
      );
    m.sweep(T0 + 1000);
    expect(m.trend()).toEqual([]);
    count('gate-1', 300, T0 + 1500);
    m.sweep(T0 + 2000);
    // The stand's first count is still on its way: 300 is not the venue's crowd.
    expect(m.trend()).toEqual([]);
    count('stand-1', 4000, T0 + 2500);
    m.sweep(T0 + 3000);
    expect(m.trend().map((p) => p.occupancy)).toEqual([4300]);
  });

  it('plots nothing before any registry: an empty model is not an empty city', () => {
    const empty = new SituationModel();
    empty.sweep(T0);
    expect(empty.trend()).toEqual([]);
  });

  it('does not wait for a zone that never counts beyond a bound', () => {
    m.applyCrowd(
      'hangzhou',
      'test-arena',
      'gate-1',
      { ts: T0 + 10, seq: 1, entries: 300, exits: 0, occupancy: 300 },
      T0 + 10,
    );
    m.sweep(T0 + FIRST_COUNT_WAIT_MS - 1);
    expect(m.trend()).toEqual([]);
    m.sweep(T0 + FIRST_COUNT_WAIT_MS);
    expect(m.trend().map((p) => p.occupancy)).toEqual([300]);
  });

  it('marks a sensor offline when it is not heard from within its expected interval', () => {
    m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0, seq: 1, value: 20 }, T0);
    m.sweep(T0 + 29_000);
    expect(m.venues.get('test-arena')!.sensors.get('temp-1')!.status).toBe('ok');
    m.sweep(T0 + 31_000);
    expect(m.venues.get('test-arena')!.sensors.get('temp-1')!.status).toBe('offline');
    // Sensors never heard from go offline too, counted from when the registry arrived.
    expect(m.venues.get('test-arena')!.statusCounts.offline).toBe(3);
    expect(m.kpis(T0 + 31_000, 0, 0).sensorsOffline).toBe(3);
    // And come back when they report.
    m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0 + 32_000, seq: 2, value: 20 }, T0 + 32_000);
    expect(m.venues.get('test-arena')!.sensors.get('temp-1')!.status).toBe('ok');
  });

  it('keeps incidents open until cleared, and lists cleared ones for a while', () => {
    expect(m.applyIncident('hangzhou', 'test-arena', 'inc-1', incident(1, 'open'), T0)).toBeNull();
    expect(m.kpis(T0, 0, 0).openIncidents.critical).toBe(1);
    expect(m.venues.get('test-arena')!.live().worst).toBe('critical');
    // A replay of the opening after it was cleared does not reopen it.
    expect(m.applyIncident('hangzhou', 'test-arena', 'inc-1', incident(2, 'cleared'), T0)).toBeNull();
    expect(m.applyIncident('hangzhou', 'test-arena', 'inc-1', incident(1, 'open'), T0)).toBe('out_of_order');
    expect(m.kpis(T0, 0, 0).openIncidents.critical).toBe(0);
    const changes = m.takeChanges();
    expect(changes.incidentsChanged.has('test-arena/inc-1')).toBe(true);
    m.sweep(T0 + 2 + CLEARED_RETENTION_MS + 1);
    expect(m.venues.get('test-arena')!.incidents.size).toBe(0);
    expect(m.takeChanges().incidentsRemoved.has('test-arena/inc-1')).toBe(true);
  });

  it('keeps sensor state across a re-published registry and drops removed sensors', () => {
    m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0 + 1, seq: 1, value: 33 }, T0);
    const fewer = venueDef();
    fewer.sensors = fewer.sensors.filter((s) => s.id !== 'ups-1');
    expect(m.applyRegistry('hangzhou', 'test-arena', registry(T0 + 10, 2, fewer), T0)).toBeNull();
    const v = m.venues.get('test-arena')!;
    expect(v.sensors.get('temp-1')!.value).toBe(33);
    expect(v.sensors.has('ups-1')).toBe(false);
    expect(v.statusCounts.warning + v.statusCounts.unknown).toBe(2);
    // An older registry is ignored.
    expect(m.applyRegistry('hangzhou', 'test-arena', registry(T0, 1), T0)).toBe('out_of_order');
  });

  it('reports what changed once, then nothing', () => {
    m.takeChanges();
    m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0 + 1, seq: 1, value: 20 }, T0);
    m.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: T0 + 2, seq: 2, value: 21 }, T0);
    expect([...m.takeChanges().venuesChanged]).toEqual(['test-arena']);
    expect(m.takeChanges().venuesChanged.size).toBe(0);
  });
});

describe('SituationModel for the drill-down', () => {
  it('keeps a zone its last hour of occupancy, and the venue plan with the detail', () => {
    const m = new SituationModel();
    const def = venueDef();
    def.zones[0]!.outline = [
      [0, 0],
      [10, 0],
      [10, 10],
    ];
    def.sensors[0]!.position = [1, 2];
    expect(m.applyRegistry('hangzhou', 'test-arena', registry(T0, 1, def), T0)).toBeNull();
    for (let i = 0; i < 4; i++) {
      const c = { ts: T0 + i * 30_000, seq: i + 1, entries: 10 * (i + 1), exits: 0, occupancy: 10 * (i + 1) };
      expect(m.applyCrowd('hangzhou', 'test-arena', 'gate-1', c, T0 + i * 30_000)).toBeNull();
    }
    const zone = m.venues.get('test-arena')!.zones.get('gate-1')!;
    expect(zone.history.points().map(([, v]) => v)).toEqual([10, 20, 30, 40]);
    const detail = m.venues.get('test-arena')!.detail();
    expect(detail.plan.zones['gate-1']).toEqual(def.zones[0]!.outline);
    expect(detail.plan.zones['stand-1']).toBeUndefined();
    expect(detail.plan.sensors['temp-1']).toEqual([1, 2]);
  });

  it('says where in the venue an incident is, when its source says', () => {
    const m = new SituationModel();
    m.applyRegistry('hangzhou', 'test-arena', registry(), T0);
    m.applyIncident(
      'hangzhou',
      'test-arena',
      'i1',
      { ...incident(1, 'open'), zoneId: 'gate-1', sensorId: 'temp-1' },
      T0,
    );
    m.applyIncident('hangzhou', 'test-arena', 'i2', incident(2, 'open'), T0);
    const views = m.venues.get('test-arena')!.detail().incidents;
    expect(views.find((i) => i.id === 'i1')).toMatchObject({ zoneId: 'gate-1', sensorId: 'temp-1' });
    expect(views.find((i) => i.id === 'i2')).toMatchObject({ zoneId: null, sensorId: null });
  });
});
