/**
 * Window counts in the database (table `rate_windows`), so every web instance on it counts the
 * same failures. One upsert per count; expired rows are swept now and then by whoever counts.
 */
import 'server-only';
import type { Queryable } from '../db/database';
import type { WindowCounter } from './sign-in-limits';

export class DatabaseWindowCounter implements WindowCounter {
  private takes = 0;
  constructor(
    private readonly db: Queryable,
    /** Rows whose window started longer ago than this are swept. */
    private readonly keepMs: number,
  ) {}

  async take(key: string, windowMs: number, now: number): Promise<void> {
    // A window that has ended starts again at 1 (SET sees the row as it was).
    await this.db.query(
      `insert into rate_windows as w (key, window_start, count) values ($1, $2, 1)
       on conflict (key) do update set
         window_start = case when w.window_start <= $3 then excluded.window_start else w.window_start end,
         count = case when w.window_start <= $3 then 1 else w.count + 1 end`,
      [key, new Date(now), new Date(now - windowMs)],
    );
    if (++this.takes % 50 === 0) {
      await this.db.query('delete from rate_windows where window_start < $1', [new Date(now - this.keepMs)]);
    }
  }

  async current(key: string, windowMs: number, now: number) {
    const { rows } = await this.db.query<{ window_start: Date; count: number }>(
      'select window_start, count from rate_windows where key = $1',
      [key],
    );
    const r = rows[0];
    if (!r) return null;
    const start = new Date(r.window_start).getTime();
    return now - start < windowMs ? { start, count: r.count } : null;
  }

  async reset(key: string): Promise<void> {
    await this.db.query('delete from rate_windows where key = $1', [key]);
  }
}
