/**
 * Keeps each venue's peak occupancy per minute in the database, for shift reports that look
 * back further than the live model's rings. Samples the model once a second (cheap: one
 * number per venue), writes once a minute. Every instance may write: an upsert keeps the
 * greater peak, so two instances on one database agree. Rows older than a week go.
 */
import 'server-only';
import type { Database } from '../db/database';
import type { SituationModel } from '../ingest/situation-model';

const MINUTE_MS = 60_000;
/** A venue silent for longer is not sampled: its last count is not a current one. */
const SILENT_MS = 30_000;
const KEEP_MS = 8 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;

export class OccupancyRecorder {
  private peaks = new Map<string, { peak: number; capacity: number }>();
  private minute = 0;
  private lastPrune = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly model: SituationModel,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.sample(Date.now()), 1000);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.writing;
  }

  /** One sample; when the minute turns, the finished minute is written (in the background). */
  sample(now: number): void {
    const minute = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    if (this.minute !== 0 && minute !== this.minute) {
      const done = this.peaks;
      const at = this.minute;
      this.peaks = new Map();
      this.writing = this.writing
        .then(() => this.write(at, done, now))
        .catch((err: Error) => {
          console.error(`[report] occupancy not recorded: ${err.message}`);
        });
    }
    this.minute = minute;
    for (const v of this.model.venues.values()) {
      if (!v.def || v.lastSeen === 0 || now - v.lastSeen > SILENT_MS) continue;
      const held = this.peaks.get(v.id);
      if (!held || v.occupancy > held.peak) this.peaks.set(v.id, { peak: v.occupancy, capacity: v.capacity });
    }
  }

  /** Written now, whatever minute it is (tests, and a clean shutdown). */
  flush(now: number): Promise<void> {
    const done = this.peaks;
    this.peaks = new Map();
    this.writing = this.writing.then(() => this.write(this.minute, done, now));
    return this.writing;
  }

  private async write(minute: number, peaks: Map<string, { peak: number; capacity: number }>, now: number) {
    if (peaks.size > 0 && minute !== 0) {
      const values: unknown[] = [];
      const rows = [...peaks].map(([venueId, p], i) => {
        values.push(venueId, new Date(minute), p.peak, p.capacity);
        return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
      });
      await this.db.query(
        `insert into venue_occupancy_minutes (venue_id, minute, peak, capacity) values ${rows.join(', ')}
         on conflict (venue_id, minute) do update
           set peak = greatest(venue_occupancy_minutes.peak, excluded.peak), capacity = excluded.capacity`,
        values,
      );
    }
    if (now - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = now;
      await this.db.query('delete from venue_occupancy_minutes where minute < $1', [new Date(now - KEEP_MS)]);
    }
  }
}
