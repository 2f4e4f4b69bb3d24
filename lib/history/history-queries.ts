/**
 * Any span of the stored per-minute history (an hour, a day, the Games), downsampled in the
 * database to at most MAX_POINTS buckets: means weighted by the samples behind each minute.
 */
import 'server-only';
import type { Queryable } from '../db/database';
import { MINUTE_MS } from './minute-history';

/** Enough for a chart as wide as a 4K wall; a day comes back in 2-minute buckets. */
export const MAX_POINTS = 720;

/** The bucket width for a span: whole minutes, at most MAX_POINTS of them. */
export function stepFor(from: number, to: number): number {
  return Math.max(1, Math.ceil((to - from) / MINUTE_MS / MAX_POINTS)) * MINUTE_MS;
}

export interface StoredSeries {
  bucketMs: number;
  /** [bucket start (epoch ms), mean] oldest first; buckets with nothing stored are absent. */
  points: [number, number][];
}

const bucketed = (rows: { t: string | number; mean: number }[]): [number, number][] =>
  rows.map((r) => [Number(r.t), Math.round(Number(r.mean) * 100) / 100]);

/** The stored series of one source: a sensor's means or a zone's occupancy (fixed names, never input). */
const SOURCES = {
  sensor: { table: 'sensor_minutes', id: 'sensor_id', value: 'mean' },
  zone: { table: 'zone_minutes', id: 'zone_id', value: 'occupancy' },
} as const;

async function sourceSeries(
  db: Queryable,
  kind: keyof typeof SOURCES,
  venueId: string,
  id: string,
  from: number,
  to: number,
): Promise<StoredSeries> {
  const { table, id: idColumn, value } = SOURCES[kind];
  const bucketMs = stepFor(from, to);
  const { rows } = await db.query<{ t: string; mean: number }>(
    `select (extract(epoch from minute) * 1000)::bigint / $5::bigint * $5::bigint as t,
            sum(${value} * samples) / sum(samples) as mean
       from ${table}
      where venue_id = $1 and ${idColumn} = $2 and minute >= $3 and minute < $4
      group by 1 order by 1`,
    [venueId, id, new Date(from), new Date(to), bucketMs],
  );
  return { bucketMs, points: bucketed(rows) };
}

export const sensorSeries = (db: Queryable, venueId: string, sensorId: string, from: number, to: number) =>
  sourceSeries(db, 'sensor', venueId, sensorId, from, to);

export const zoneSeries = (db: Queryable, venueId: string, zoneId: string, from: number, to: number) =>
  sourceSeries(db, 'zone', venueId, zoneId, from, to);

/** Every sensor of a venue over a span, on one time axis: a venue's day. */
export async function venueSensorSeries(
  db: Queryable,
  venueId: string,
  from: number,
  to: number,
): Promise<{ bucketMs: number; series: Map<string, [number, number][]> }> {
  const bucketMs = stepFor(from, to);
  const { rows } = await db.query<{ id: string; t: string; mean: number }>(
    `select sensor_id as id, (extract(epoch from minute) * 1000)::bigint / $4::bigint * $4::bigint as t,
            sum(mean * samples) / sum(samples) as mean
       from sensor_minutes
      where venue_id = $1 and minute >= $2 and minute < $3
      group by 1, 2 order by 1, 2`,
    [venueId, new Date(from), new Date(to), bucketMs],
  );
  const series = new Map<string, [number, number][]>();
  for (const r of rows) {
    const points = series.get(r.id) ?? [];
    points.push([Number(r.t), Math.round(Number(r.mean) * 100) / 100]);
    series.set(r.id, points);
  }
  return { bucketMs, series };
}

/** The city's people inside and open incidents over a span. */
export async function citySeries(
  db: Queryable,
  from: number,
  to: number,
): Promise<{ bucketMs: number; points: { t: number; occupancy: number; openIncidents: number }[] }> {
  const bucketMs = stepFor(from, to);
  const { rows } = await db.query<{ t: string; occupancy: number; open_incidents: number }>(
    `select (extract(epoch from minute) * 1000)::bigint / $3::bigint * $3::bigint as t,
            avg(occupancy) as occupancy, avg(open_incidents) as open_incidents
       from city_minutes
      where minute >= $1 and minute < $2
      group by 1 order by 1`,
    [new Date(from), new Date(to), bucketMs],
  );
  return {
    bucketMs,
    points: rows.map((r) => ({
      t: Number(r.t),
      occupancy: Math.round(Number(r.occupancy)),
      openIncidents: Math.round(Number(r.open_incidents)),
    })),
  };
}
