/**
 * `npm run bench -- history`: what the per-minute history costs in the database.
 *
 * Write: the rules leader's minute (every sensor, every zone and the city, read from the model's
 * rings and written one statement per kind) at the full world and at --scale 8; baseline in the
 * same run, the same rows into a plain (unpartitioned) table with the same key by the same
 * statement, so the ratio is what partitioning by day costs; and the longest the server's thread went
 * without a turn during the write (what streams and requests wait for).
 * Query: a sensor's day and a venue's day (every sensor) from a table holding BENCH_HISTORY_DAY_VENUES
 * (4) venues' whole day; baseline `select 1`, the round trip alone.
 * Both on PostgreSQL (127.0.0.1:5432, a fresh database) and the embedded PGlite on disk.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../lib/db/database';
import { migrate } from '../lib/db/migrations';
import { sensorSeries, venueSensorSeries } from '../lib/history/history-queries';
import { minuteRows } from '../lib/history/history-recorder';
import { MINUTE_MS, writeMinutes, type MinuteRows } from '../lib/history/minute-history';
import { createIngest } from '../lib/ingest/ingest';
import { IngestMetrics } from '../lib/ingest/ingest-metrics';
import { RateLimitedLog } from '../lib/ingest/rate-limited-log';
import { SituationModel } from '../lib/ingest/situation-model';
import { Simulator } from '../telemetry-sim/simulator';
import { median } from './harness';

const ADMIN_DB = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MINUTES = Number(process.env.BENCH_HISTORY_MINUTES ?? 9);
const DAY_VENUES = Number(process.env.BENCH_HISTORY_DAY_VENUES ?? 4);
const QUERIES = 15;
const DAY_MS = 24 * 3600_000;

/** A model of the simulated world with six readings a minute in every sensor's and zone's ring. */
function worldModel(scale: number, start: number) {
  const model = new SituationModel();
  const ingest = createIngest(model, new IngestMetrics(), new RateLimitedLog(10_000, () => {}));
  const sim = new Simulator({ seed: 5, scale, startMs: start });
  for (const m of sim.registryMessages(start)) ingest.handle(m.topic, Buffer.from(m.payload), start);
  const fill = (minute: number) => {
    for (const v of model.venues.values()) {
      for (const s of v.sensors.values()) for (let k = 0; k < 6; k++) s.history.add(minute + k * 10_000, 20 + k);
      for (const z of v.zones.values()) for (let k = 0; k < 6; k++) z.history.add(minute + k * 10_000, 100 * k);
    }
    for (let k = 0; k < 6; k++) {
      model.cityTrend.occupancy.add(minute + k * 10_000, 50_000);
      model.cityTrend.openIncidents.add(minute + k * 10_000, 3);
    }
  };
  return { model, fill };
}

/** The same rows into an unpartitioned table with the same key, by the same kind of statement. */
async function writePlain(db: Database, rows: MinuteRows) {
  await db.query(
    `insert into plain_sensor_minutes (venue_id, sensor_id, minute, mean, samples)
     select * from unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[], $5::int[])
     on conflict (venue_id, sensor_id, minute) do update set mean = excluded.mean, samples = excluded.samples`,
    [
      rows.sensors.map((r) => r.venueId),
      rows.sensors.map((r) => r.sensorId),
      rows.sensors.map((r) => new Date(r.minute).toISOString()),
      rows.sensors.map((r) => r.mean),
      rows.sensors.map((r) => r.samples),
    ],
  );
  await db.query(
    `insert into plain_zone_minutes (venue_id, zone_id, minute, occupancy, samples)
     select * from unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[], $5::int[])
     on conflict (venue_id, zone_id, minute) do update set occupancy = excluded.occupancy, samples = excluded.samples`,
    [
      rows.zones.map((r) => r.venueId),
      rows.zones.map((r) => r.zoneId),
      rows.zones.map((r) => new Date(r.minute).toISOString()),
      rows.zones.map((r) => r.occupancy),
      rows.zones.map((r) => r.samples),
    ],
  );
}

/**
 * The longest the server's thread went without a turn while `fn` ran: what a stream's 200 ms flushes
 * and every other request wait for (a ticker asking for a turn every millisecond).
 */
async function longestStall(fn: () => Promise<void>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  try {
    await fn();
    const now = performance.now();
    return Math.max(longest, now - last);
  } finally {
    clearInterval(ticker);
  }
}

async function writeCost(db: Database, scale: number) {
  const start = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - (MINUTES + 1) * MINUTE_MS;
  const { model, fill } = worldModel(scale, start);
  await db.exec(`
    create table if not exists plain_sensor_minutes (like sensor_minutes including defaults, primary key (venue_id, sensor_id, minute));
    create table if not exists plain_zone_minutes (like zone_minutes including defaults, primary key (venue_id, zone_id, minute));
  `);
  const partitioned: number[] = [];
  const plain: number[] = [];
  const stalls: number[] = [];
  let rowsPerMinute = 0;
  for (let i = 0; i < MINUTES; i++) {
    const minute = start + i * MINUTE_MS;
    fill(minute);
    // Alternating which goes first, so neither always meets a warmer cache.
    const order = i % 2 === 0 ? ['partitioned', 'plain'] : ['plain', 'partitioned'];
    for (const which of order) {
      const t0 = performance.now();
      let rows: MinuteRows | undefined;
      const stall = await longestStall(async () => {
        rows = minuteRows(model, minute);
        if (which === 'partitioned') await writeMinutes(db, rows);
        else await writePlain(db, rows);
      });
      (which === 'partitioned' ? partitioned : plain).push(performance.now() - t0);
      if (which === 'partitioned') stalls.push(stall);
      rowsPerMinute = rows!.sensors.length + rows!.zones.length + rows!.city.length;
    }
  }
  return {
    scale,
    sensors: [...model.venues.values()].reduce((n, v) => n + v.sensors.size, 0),
    rowsPerMinute,
    minutesWritten: MINUTES,
    writeMsMedian: Math.round(median(partitioned)),
    plainTableMsMedian: Math.round(median(plain)),
    ratio: Math.round((median(partitioned) / median(plain)) * 100) / 100,
    longestStallMsMedian: Math.round(median(stalls)),
    longestStallMsMax: Math.round(Math.max(...stalls)),
  };
}

async function queryCost(db: Database) {
  // A whole UTC day of DAY_VENUES venues, an hour per statement.
  const day = Math.floor(Date.now() / DAY_MS) * DAY_MS - 3 * DAY_MS;
  const { model } = worldModel(1, day);
  const venues = [...model.venues.values()].slice(0, DAY_VENUES);
  let rows = 0;
  const loadStarted = performance.now();
  for (let h = 0; h < 24; h++) {
    const batch: MinuteRows = { sensors: [], zones: [], city: [] };
    for (let m = 0; m < 60; m++) {
      const minute = day + (h * 60 + m) * MINUTE_MS;
      for (const v of venues) {
        for (const s of v.sensors.values()) {
          batch.sensors.push({ venueId: v.id, sensorId: s.def.id, minute, mean: Math.sin(m) + h, samples: 6 });
        }
      }
    }
    await writeMinutes(db, batch);
    rows += batch.sensors.length;
  }
  const loadMs = performance.now() - loadStarted;
  const venue = venues[0]!;
  const sensorId = [...venue.sensors.keys()][0]!;
  const time = async (fn: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const t0 = performance.now();
      await fn();
      xs.push(performance.now() - t0);
    }
    return Math.round(median(xs) * 10) / 10;
  };
  const sensorDay = await time(() => sensorSeries(db, venue.id, sensorId, day, day + DAY_MS));
  const venueDay = await time(() => venueSensorSeries(db, venue.id, day, day + DAY_MS));
  const roundTrip = await time(() => db.query('select 1'));
  return {
    venuesWithADay: venues.length,
    rowsStored: rows,
    loadRowsPerSecond: Math.round(rows / (loadMs / 1000)),
    venueSensors: venue.sensors.size,
    sensorDayMsMedian: sensorDay,
    venueDayMsMedian: venueDay,
    roundTripMsMedian: roundTrip,
  };
}

async function onEach<T>(fn: (db: Database) => Promise<T>) {
  const name = `vcc_bench_history_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_DB });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const postgres = await openDatabase({ url: new URL(`/${name}`, ADMIN_DB).toString(), dataDir: '' });
  const dir = mkdtempSync(path.join(tmpdir(), 'vcc-bench-history-'));
  const pglite = await openDatabase({ url: undefined, dataDir: dir });
  try {
    await migrate(postgres);
    await migrate(pglite);
    return { postgres: await fn(postgres), pglite: await fn(pglite) };
  } finally {
    await postgres.close();
    await pglite.close();
    rmSync(dir, { recursive: true, force: true });
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

export async function benchHistory() {
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();
  const write = await onEach(async (db) => [await writeCost(db, 1), await writeCost(db, 8)]);
  const query = await onEach(queryCost);
  const loadAfter = readFileSync('/proc/loadavg', 'utf8').trim();
  return { write, query, loadavg: { before: loadBefore, after: loadAfter } };
}
