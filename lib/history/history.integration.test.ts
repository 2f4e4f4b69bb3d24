/**
 * History in the database, against the embedded PGlite and the PostgreSQL on 127.0.0.1:5432:
 * the rules leader writes each finished minute of every sensor, zone and the city (a follower
 * writes nothing); a new instance's rings start with the stored hour; any span comes back
 * downsampled; day partitions past retention are dropped whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { SituationModel } from '../ingest/situation-model';
import { warmStartHistory } from '../alerts/alerts-runtime';
import { registry, T0 } from '../testing/fixtures';
import { TEST_DATABASES, type TestDatabase } from '../testing/test-databases';
import { citySeries, MAX_POINTS, sensorSeries, venueSensorSeries, zoneSeries } from './history-queries';
import { HistoryRecorder } from './history-recorder';
import { dropPartitionsBefore, MINUTE_MS, ROWS_PER_STATEMENT, writeMinutes } from './minute-history';

const DAY = 24 * 3600_000;
/** A minute boundary, so the test's minutes are whole. */
const START = Math.floor(T0 / MINUTE_MS) * MINUTE_MS;

/** Ten minutes of the test arena: temperature 20 + minute index, the stand filling by 100 a minute. */
function feed(model: SituationModel, minutes: number) {
  model.applyRegistry('hangzhou', 'test-arena', registry(START - 1000), START - 1000);
  let seq = 0;
  for (let m = 0; m < minutes; m++) {
    for (let s = 0; s < 60; s += 10) {
      const at = START + m * MINUTE_MS + s * 1000;
      seq++;
      model.applySensor('hangzhou', 'test-arena', 'temp-1', { ts: at, seq, value: 20 + m }, at);
      const occupancy = 100 * (m + 1);
      model.applyCrowd(
        'hangzhou',
        'test-arena',
        'stand-1',
        { ts: at, seq, entries: occupancy, exits: 0, occupancy },
        at,
      );
      model.sweep(at);
    }
  }
}

describe.each(TEST_DATABASES)('history in $name', ({ make }) => {
  let target: TestDatabase;
  let db: Database;
  const model = new SituationModel();
  let leading = false;
  const recorder = () =>
    new HistoryRecorder(db, model, { isLeader: () => leading, retentionDays: 23, liveSince: START - 1000 });

  beforeAll(async () => {
    target = await make();
    db = await target.open();
    feed(model, 10);
  });
  afterAll(async () => {
    await target?.drop();
  });

  it('only the leader writes, and each finished minute once, catching up what it missed', async () => {
    const end = START + 10 * MINUTE_MS;
    const r = recorder();
    await r.pass(end + 6000);
    expect(r.stats.minutesWritten).toBe(0);

    leading = true;
    // A new leader with nothing stored starts at the minute just finished...
    await r.pass(START + 5 * MINUTE_MS + 6000);
    expect(r.stats.minutesWritten).toBe(1);
    // ...then catches up every minute since, once; the minute still running waits.
    await r.pass(end + 1000);
    await r.pass(end + 2000);
    expect(r.stats.minutesWritten).toBe(5);
    const stored = await sensorSeries(db, 'test-arena', 'temp-1', START, end);
    expect(stored.bucketMs).toBe(MINUTE_MS);
    expect(stored.points).toEqual([4, 5, 6, 7, 8].map((m) => [START + m * MINUTE_MS, 20 + m]));
    const zone = await zoneSeries(db, 'test-arena', 'stand-1', START, end);
    expect(zone.points.map(([, v]) => v)).toEqual([500, 600, 700, 800, 900]);
    const city = await citySeries(db, START, end);
    expect(city.points.map((p) => p.occupancy)).toEqual([500, 600, 700, 800, 900]);

    // Leadership lost and found again: the new term catches up from what is stored, nothing twice.
    leading = false;
    await r.pass(end + 6000);
    leading = true;
    await r.pass(end + 6000);
    expect(r.stats.minutesWritten).toBe(6);
    expect((await sensorSeries(db, 'test-arena', 'temp-1', START, end + MINUTE_MS)).points.at(-1)).toEqual([
      START + 9 * MINUTE_MS,
      29,
    ]);
  });

  it('a new instance starts with the stored hour in its rings, even before its registry arrives', async () => {
    const fresh = new SituationModel();
    const liveSince = START + 10 * MINUTE_MS + 30_000;
    await warmStartHistory(db, fresh, liveSince);
    fresh.applyRegistry('hangzhou', 'test-arena', registry(liveSince), liveSince);
    const venue = fresh.venues.get('test-arena')!;
    expect(venue.sensors.get('temp-1')!.history.points()).toEqual(
      [4, 5, 6, 7, 8, 9].map((m) => [START + m * MINUTE_MS, 20 + m]),
    );
    // The zone's ring is in 30 s buckets: each stored minute fills both.
    expect(venue.zones.get('stand-1')!.history.points().slice(0, 2)).toEqual([
      [START + 4 * MINUTE_MS, 500],
      [START + 4 * MINUTE_MS + 30_000, 500],
    ]);
    expect(fresh.trend().at(-1)).toEqual({ t: START + 9 * MINUTE_MS + 50_000, occupancy: 1000, openIncidents: 0 });
  });

  it('a day comes back downsampled to at most a chart of points, means weighted by samples', async () => {
    // A whole UTC day: one partition.
    const day = Math.floor((START - 2 * DAY) / DAY) * DAY;
    const sensors = [];
    for (let m = 0; m < 1440; m++) {
      sensors.push({ venueId: 'day-arena', sensorId: 'temp-1', minute: day + m * MINUTE_MS, mean: m % 2, samples: 1 });
      sensors.push({ venueId: 'day-arena', sensorId: 'ups-1', minute: day + m * MINUTE_MS, mean: 1, samples: 6 });
    }
    // The first minute again, with more samples: replaced, not added.
    await writeMinutes(db, { sensors, zones: [], city: [] });
    await writeMinutes(db, {
      sensors: [{ venueId: 'day-arena', sensorId: 'temp-1', minute: day, mean: 3, samples: 3 }],
      zones: [],
      city: [],
    });
    const series = await sensorSeries(db, 'day-arena', 'temp-1', day, day + DAY);
    expect(series.bucketMs).toBe(2 * MINUTE_MS);
    expect(series.points.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(series.points).toHaveLength(720);
    // (3 x 3 samples + 1 x 1) / 4 samples
    expect(series.points[0]).toEqual([day, 2.5]);
    expect(series.points[1]).toEqual([day + 2 * MINUTE_MS, 0.5]);
    const venue = await venueSensorSeries(db, 'day-arena', day, day + DAY);
    expect([...venue.series.keys()].sort()).toEqual(['temp-1', 'ups-1']);
    expect(venue.series.get('ups-1')!.every(([, v]) => v === 1)).toBe(true);
  });

  it('retention drops whole days past it, and the newer days stay', async () => {
    const dropped = await dropPartitionsBefore(db, START - DAY);
    expect(dropped).toEqual([
      `sensor_minutes_p${new Date(Math.floor((START - 2 * DAY) / DAY) * DAY).toISOString().slice(0, 10).replaceAll('-', '')}`,
    ]);
    expect((await sensorSeries(db, 'day-arena', 'temp-1', START - 3 * DAY, START)).points).toEqual([]);
    expect((await sensorSeries(db, 'test-arena', 'temp-1', START, START + 60 * MINUTE_MS)).points).toHaveLength(6);
  });

  it('a minute larger than one statement takes is written whole, in slices', async () => {
    const minute = START - 5 * DAY;
    const n = ROWS_PER_STATEMENT * 2 + 17;
    const sensors = Array.from({ length: n }, (_, i) => ({
      venueId: 'big-venue',
      sensorId: `s-${i}`,
      minute,
      mean: i,
      samples: 6,
    }));
    await writeMinutes(db, { sensors, zones: [], city: [{ minute, occupancy: 1, openIncidents: 0 }] });
    const { rows } = await db.query<{ n: number; total: number }>(
      "select count(*)::int as n, sum(mean)::float8 as total from sensor_minutes where venue_id = 'big-venue'",
    );
    expect(rows[0]).toEqual({ n, total: (n * (n - 1)) / 2 });
  });
});
