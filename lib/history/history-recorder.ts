/**
 * Writes each finished minute of the model's rings (every sensor, every zone, the city) to the
 * history tables: one statement per kind per minute, by the rules leader only (every instance
 * folds the same feed, so one writer is enough). A new leader, or one whose database was away,
 * catches up from the newest stored minute, as far back as its rings reach and never before its
 * own first full minute of live data (an earlier minute in its rings is partial or restored).
 */
import 'server-only';
import type { Database } from '../db/database';
import type { SituationModel } from '../ingest/situation-model';
import { dropPartitionsBefore, MINUTE_MS, newestStoredMinute, writeMinutes, type MinuteRows } from './minute-history';

/** A minute is written this long after it ends: readings stamped just before the turn arrive late. */
const GRACE_MS = 5_000;
/** The rings hold an hour: catching up goes no further back than this. */
const CATCH_UP_MS = 55 * MINUTE_MS;
const PRUNE_EVERY_MS = 3600_000;
const DAY_MS = 24 * 3600_000;

export interface HistoryRecorderOptions {
  /** Whether this instance writes (the rules leader). */
  isLeader: () => boolean;
  retentionDays: number;
  /** When this instance's model began taking live data. */
  liveSince: number;
}

export interface HistoryRecorderStats {
  minutesWritten: number;
  rowsWritten: number;
  failures: number;
  lastWriteMs: number;
  partitionsDropped: number;
}

/** The rows of one minute from the model's rings. */
export function minuteRows(model: SituationModel, minute: number): MinuteRows {
  const rows: MinuteRows = { sensors: [], zones: [], city: [] };
  const end = minute + MINUTE_MS;
  for (const v of model.venues.values()) {
    for (const s of v.sensors.values()) {
      const a = s.history.aggregate(minute, end);
      if (a) rows.sensors.push({ venueId: v.id, sensorId: s.def.id, minute, mean: a.mean, samples: a.samples });
    }
    for (const z of v.zones.values()) {
      const a = z.history.aggregate(minute, end);
      if (a) rows.zones.push({ venueId: v.id, zoneId: z.def.id, minute, occupancy: a.mean, samples: a.samples });
    }
  }
  const occupancy = model.cityTrend.occupancy.aggregate(minute, end);
  const open = model.cityTrend.openIncidents.aggregate(minute, end);
  if (occupancy && open) rows.city.push({ minute, occupancy: occupancy.mean, openIncidents: open.mean });
  return rows;
}

export class HistoryRecorder {
  readonly stats: HistoryRecorderStats = {
    minutesWritten: 0,
    rowsWritten: 0,
    failures: 0,
    lastWriteMs: 0,
    partitionsDropped: 0,
  };
  /** The last minute written by this instance while leading; null: ask the database. */
  private lastWritten: number | null = null;
  private lastPrune = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    private readonly model: SituationModel,
    private readonly options: HistoryRecorderOptions,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.pass(Date.now()), 5_000);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass; public for tests (with their own clock). Overlapping calls wait for the running one. */
  pass(now: number): Promise<void> {
    this.running ??= this.write(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private async write(now: number): Promise<void> {
    if (!this.options.isLeader()) {
      this.lastWritten = null;
      return;
    }
    const lastDone = Math.floor((now - GRACE_MS) / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
    if (this.lastWritten !== null && this.lastWritten >= lastDone) return;
    try {
      const firstFull = Math.ceil(this.options.liveSince / MINUTE_MS) * MINUTE_MS;
      let from = this.lastWritten === null ? null : this.lastWritten + MINUTE_MS;
      if (from === null) {
        const newest = await newestStoredMinute(this.db);
        from = newest === null ? lastDone : newest + MINUTE_MS;
      }
      from = Math.max(from, firstFull, now - CATCH_UP_MS - ((now - CATCH_UP_MS) % MINUTE_MS));
      const rows: MinuteRows = { sensors: [], zones: [], city: [] };
      let minutes = 0;
      for (let m = from; m <= lastDone; m += MINUTE_MS) {
        const r = minuteRows(this.model, m);
        rows.sensors.push(...r.sensors);
        rows.zones.push(...r.zones);
        rows.city.push(...r.city);
        minutes++;
      }
      const started = performance.now();
      await writeMinutes(this.db, rows);
      this.stats.lastWriteMs = performance.now() - started;
      this.stats.minutesWritten += minutes;
      this.stats.rowsWritten += rows.sensors.length + rows.zones.length + rows.city.length;
      this.lastWritten = lastDone;
      if (now - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = now;
        const dropped = await dropPartitionsBefore(this.db, now - this.options.retentionDays * DAY_MS);
        this.stats.partitionsDropped += dropped.length;
        if (dropped.length > 0) console.log(`[history] past retention, dropped ${dropped.join(', ')}`);
      }
    } catch (err) {
      // Kept for the next pass: it catches up from the last minute written.
      if (this.stats.failures++ % 12 === 0) console.error(`[history] minutes not written: ${(err as Error).message}`);
    }
  }
}
