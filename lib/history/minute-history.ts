/**
 * The per-minute history tables (migration 6): sensors, zones and the city, each partitioned by
 * UTC day. Writes are one statement per kind however many rows (arrays unnested, so the
 * parameter count does not grow with the world); a day's partition is created before its first
 * row; retention drops whole partitions.
 */
import 'server-only';
import type { Database, Queryable } from '../db/database';
import type { MinutePoint } from '../ingest/situation-model';

export const MINUTE_MS = 60_000;
const DAY_MS = 24 * 3600_000;

export interface SensorMinute {
  venueId: string;
  sensorId: string;
  minute: number;
  mean: number;
  samples: number;
}
export interface ZoneMinute {
  venueId: string;
  zoneId: string;
  minute: number;
  occupancy: number;
  samples: number;
}
export interface CityMinute {
  minute: number;
  occupancy: number;
  openIncidents: number;
}
export interface MinuteRows {
  sensors: SensorMinute[];
  zones: ZoneMinute[];
  city: CityMinute[];
}

export const HISTORY_TABLES = ['sensor_minutes', 'zone_minutes', 'city_minutes'] as const;
type HistoryTable = (typeof HISTORY_TABLES)[number];

const dayOf = (t: number) => Math.floor(t / DAY_MS) * DAY_MS;
const partitionName = (table: HistoryTable, day: number) =>
  `${table}_p${new Date(day).toISOString().slice(0, 10).replaceAll('-', '')}`;

/** Partitions known to exist, so a write does not ask again every minute. */
const created = new WeakMap<Database, Set<string>>();

async function ensurePartition(db: Database, table: HistoryTable, day: number): Promise<void> {
  const known = created.get(db) ?? new Set<string>();
  created.set(db, known);
  const name = partitionName(table, day);
  if (known.has(name)) return;
  try {
    await db.query(
      `create table if not exists ${name} partition of ${table}
         for values from ('${new Date(day).toISOString()}') to ('${new Date(day + DAY_MS).toISOString()}')`,
    );
  } catch (err) {
    // Two instances creating the same day at once: the loser's error is harmless if it now exists.
    const { rows } = await db.query('select 1 from pg_class where relname = $1', [name]);
    if (rows.length === 0) throw err;
  }
  known.add(name);
}

/**
 * Rows per statement. The embedded database runs on the server's own thread, and building a
 * statement's arrays does too: a whole world's minute in one statement held the thread 130 ms (1.2 s
 * at --scale 8), which every stream and request waited for. In slices, with a turn for the rest in
 * between, no hold is longer than one slice.
 */
export const ROWS_PER_STATEMENT = 2_000;

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `rows` in slices of ROWS_PER_STATEMENT, each written by `write`, the thread given up between them. */
async function inSlices<T>(rows: T[], write: (slice: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    if (i > 0) await yieldTurn();
    await write(rows.slice(i, i + ROWS_PER_STATEMENT));
  }
}

/**
 * Writes (or rewrites: the same minute again replaces it) a batch of minutes, a statement per kind
 * and slice. The city goes last: it is the mark of a minute written whole (newestStoredMinute), so a
 * write cut short is done again from that minute.
 */
export async function writeMinutes(db: Database, rows: MinuteRows): Promise<void> {
  const days = (minutes: number[]) => [...new Set(minutes.map(dayOf))];
  for (const day of days(rows.sensors.map((r) => r.minute))) await ensurePartition(db, 'sensor_minutes', day);
  for (const day of days(rows.zones.map((r) => r.minute))) await ensurePartition(db, 'zone_minutes', day);
  for (const day of days(rows.city.map((r) => r.minute))) await ensurePartition(db, 'city_minutes', day);
  const at = (t: number) => new Date(t).toISOString();
  await inSlices(rows.sensors, (slice) =>
    db.query(
      `insert into sensor_minutes (venue_id, sensor_id, minute, mean, samples)
       select * from unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[], $5::int[])
       on conflict (venue_id, sensor_id, minute) do update set mean = excluded.mean, samples = excluded.samples`,
      [
        slice.map((r) => r.venueId),
        slice.map((r) => r.sensorId),
        slice.map((r) => at(r.minute)),
        slice.map((r) => r.mean),
        slice.map((r) => r.samples),
      ],
    ),
  );
  await inSlices(rows.zones, (slice) =>
    db.query(
      `insert into zone_minutes (venue_id, zone_id, minute, occupancy, samples)
       select * from unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[], $5::int[])
       on conflict (venue_id, zone_id, minute) do update set occupancy = excluded.occupancy, samples = excluded.samples`,
      [
        slice.map((r) => r.venueId),
        slice.map((r) => r.zoneId),
        slice.map((r) => at(r.minute)),
        slice.map((r) => r.occupancy),
        slice.map((r) => r.samples),
      ],
    ),
  );
  await inSlices(rows.city, (slice) =>
    db.query(
      `insert into city_minutes (minute, occupancy, open_incidents)
       select * from unnest($1::timestamptz[], $2::float8[], $3::float8[])
       on conflict (minute) do update set occupancy = excluded.occupancy, open_incidents = excluded.open_incidents`,
      [slice.map((r) => at(r.minute)), slice.map((r) => r.occupancy), slice.map((r) => r.openIncidents)],
    ),
  );
}

/** Drops every day partition that ends before `before`; returns the names dropped. */
export async function dropPartitionsBefore(db: Database, before: number): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `select c.relname as name from pg_inherits i
       join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
      where p.relname = any($1::text[])`,
    [[...HISTORY_TABLES]],
  );
  const dropped: string[] = [];
  for (const { name } of rows) {
    const m = /_p(\d{4})(\d{2})(\d{2})$/.exec(name);
    if (!m) continue;
    const end = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + DAY_MS;
    if (end > before) continue;
    await db.query(`drop table if exists ${name}`);
    created.get(db)?.delete(name);
    dropped.push(name);
  }
  return dropped;
}

/** The newest city minute stored (every pass writes one), or null: where a new writer catches up from. */
export async function newestStoredMinute(db: Queryable): Promise<number | null> {
  const { rows } = await db.query<{ minute: Date | null }>('select max(minute) as minute from city_minutes');
  return rows[0]?.minute ? new Date(rows[0].minute).getTime() : null;
}

/** Every stored minute in [from, to): what a warm start lays into the model's rings. */
export async function readRecentMinutes(
  db: Queryable,
  from: number,
  to: number,
): Promise<{
  sensors: Map<string, MinutePoint[]>;
  zones: Map<string, MinutePoint[]>;
  city: CityMinute[];
}> {
  const span = [new Date(from), new Date(to)];
  // One row per source with its minutes as two arrays: an hour of the world is 8,800 rows, not 525,000.
  const series = async (sql: string) => {
    const { rows } = await db.query<{ venue_id: string; id: string; minutes: string; means: string }>(sql, span);
    const out = new Map<string, MinutePoint[]>();
    for (const r of rows) {
      const minutes = r.minutes.split(',');
      const means = r.means.split(',');
      out.set(
        `${r.venue_id}/${r.id}`,
        minutes.map((m, i) => [Number(m), Number(means[i])]),
      );
    }
    return out;
  };
  const sensors = await series(
    `select venue_id, sensor_id as id,
            string_agg(((extract(epoch from minute) * 1000)::bigint)::text, ',' order by minute) as minutes,
            string_agg(mean::text, ',' order by minute) as means
       from sensor_minutes where minute >= $1 and minute < $2 group by 1, 2`,
  );
  const zones = await series(
    `select venue_id, zone_id as id,
            string_agg(((extract(epoch from minute) * 1000)::bigint)::text, ',' order by minute) as minutes,
            string_agg(occupancy::text, ',' order by minute) as means
       from zone_minutes where minute >= $1 and minute < $2 group by 1, 2`,
  );
  const city = await db.query<{ minute: Date; occupancy: number; open_incidents: number }>(
    'select minute, occupancy, open_incidents from city_minutes where minute >= $1 and minute < $2 order by minute',
    span,
  );
  return {
    sensors,
    zones,
    city: city.rows.map((r) => ({
      minute: new Date(r.minute).getTime(),
      occupancy: Number(r.occupancy),
      openIncidents: Number(r.open_incidents),
    })),
  };
}
