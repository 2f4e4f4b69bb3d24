import { describe, expect, it } from 'vitest';
import { alarmKpis, positionOf, type Annunciation } from './alarm-kpis';

const MIN = 60_000;
const T = 1_800_000_000_000;
const alarm = (at: number, source = `s${at}`, over: Partial<Annunciation> = {}): Annunciation => ({
  at,
  key: `sensor_offline|${source}`,
  source,
  type: 'sensor_offline',
  severity: 'minor',
  position: 'venues',
  venueId: 'test-arena',
  ...over,
});

describe('alarm KPIs', () => {
  it('counts per position per 10 minutes, and the time the last 10 minutes held more than 10', () => {
    // An hour: 3 alarms spread out, then 15 within two minutes at minute 30.
    const spread = [5, 10, 15].map((m) => alarm(T + m * MIN));
    const burst = Array.from({ length: 15 }, (_, i) => alarm(T + 30 * MIN + i * 8000));
    const k = alarmKpis({ from: T, to: T + 60 * MIN, annunciations: [...spread, ...burst], alarms: [] });
    expect(k.alarms).toBe(18);
    expect(k.byPosition.venues.perHour).toBe(18);
    expect(k.byPosition.venues.per10MinAverage).toBe(3);
    expect(k.byPosition.venues.per10MinPeak).toBe(15);
    expect(k.byPosition.technology.alarms).toBe(0);
    // Above 10 from the 11th alarm of the burst (minute 30 + 80 s) until the 5th drops out (minute 40 + 32 s).
    const floodMs = 10 * MIN + 32_000 - 80_000;
    expect(k.byPosition.venues.timeInFloodPercent).toBeCloseTo((100 * floodMs) / (60 * MIN), 5);
  });

  it('finds chattering sources, bad actors, the priority spread, standing alarms and time to acknowledge', () => {
    const chatter = [0, 20_000, 40_000].map((d) => alarm(T + d, 'gate-9'));
    const slow = [0, 5 * MIN, 10 * MIN].map((d) => alarm(T + d, 'ups-1', { severity: 'critical' }));
    const k = alarmKpis({
      from: T,
      to: T + 3 * 60 * MIN,
      annunciations: [...chatter, ...slow, alarm(T + 1000, 'x', { severity: 'major' })],
      alarms: [
        { raisedAt: T, lastRaisedAt: T, clearedAt: null, acknowledgedAt: T + 30_000 },
        { raisedAt: T, lastRaisedAt: T + 2.5 * 60 * MIN, clearedAt: null, acknowledgedAt: T + 90_000 },
        { raisedAt: T, lastRaisedAt: T, clearedAt: T + MIN, acknowledgedAt: null },
      ],
    });
    expect(k.chatteringSources).toEqual(['sensor_offline|gate-9']);
    expect(k.topSources.slice(0, 2).map((s) => [s.source, s.count])).toEqual([
      ['gate-9', 3],
      ['ups-1', 3],
    ]);
    expect(k.topSources[0]!.share).toBeCloseTo(3 / 7);
    expect(k.priorities).toEqual({ high: 3, medium: 1, low: 3 });
    // Only the first is active and has been for over an hour.
    expect(k.standing).toBe(1);
    expect(k.timeToAcknowledgeMs).toEqual({ median: 90_000, p90: 90_000, acknowledged: 2 });
  });

  it('sends IT, links and broadcast to the technology desk; crowds and facilities to the venues desk', () => {
    const major = { severity: 'major' as const, venueId: 'test-arena' };
    expect(positionOf({ type: 'it_power_fault', ...major })).toBe('technology');
    expect(positionOf({ type: 'it_scanner_failure', ...major })).toBe('venues');
    expect(positionOf({ type: 'feed_stale', severity: 'critical', venueId: null })).toBe('technology');
    expect(positionOf({ type: 'sensor_threshold', ...major, sensorKind: 'broadcast' })).toBe('technology');
    expect(positionOf({ type: 'sensor_threshold', ...major, sensorKind: 'ups' })).toBe('venues');
    expect(positionOf({ type: 'zone_level_of_service', severity: 'critical', venueId: 'test-arena' })).toBe('venues');
  });

  it("sends a venue's minor alarms to its own team, not to a desk at the center", () => {
    const minor = { severity: 'minor' as const, venueId: 'test-arena' };
    expect(positionOf({ type: 'zone_level_of_service', ...minor })).toBe('venue_team');
    expect(positionOf({ type: 'sensor_offline', ...minor, sensorKind: 'net_latency' })).toBe('venue_team');
    expect(positionOf({ type: 'sensor_threshold', severity: 'warning', venueId: 'test-arena' })).toBe('venue_team');
  });

  it('judges the venue teams by the busiest, each venue a position of its own', () => {
    const team = (at: number, venueId: string) =>
      alarm(at, `z${at}`, { position: 'venue_team', venueId, type: 'zone_level_of_service' });
    // 8 at one venue within 10 minutes, 6 at another: together 14 (a flood for one desk), apart neither floods.
    const a = Array.from({ length: 8 }, (_, i) => team(T + i * MIN, 'arena-a'));
    const b = Array.from({ length: 6 }, (_, i) => team(T + i * MIN + 30_000, 'arena-b'));
    const k = alarmKpis({ from: T, to: T + 60 * MIN, annunciations: [...a, ...b], alarms: [] });
    expect(k.venueTeams.alarms).toBe(14);
    expect(k.venueTeams.venues).toBe(2);
    expect(k.venueTeams.busiest).toMatchObject({ venueId: 'arena-a', alarms: 8, perHour: 8, per10MinPeak: 8 });
    expect(k.venueTeams.busiest!.timeInFloodPercent).toBe(0);
    expect(k.byPosition.venues.alarms).toBe(0);
    expect(k.alarms).toBe(14);
  });
});
