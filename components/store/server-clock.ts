/**
 * The server's clock as seen from this browser, from the server stamps (`at`) on stream messages.
 * Each message gives `at - receivedAt`: the clock offset less that message's delay. The largest in
 * the last 5-10 minutes is the least delayed, so a page that falls behind (a busy main thread, a
 * backlog after a stall) takes its late messages as old instead of re-learning its offset from them.
 * The window lets a corrected wall-PC clock in; until then an error only makes data look older.
 */
export class ServerClock {
  private current = -Infinity;
  private previous = -Infinity;
  private bucketStart: number;

  constructor(
    private readonly windowMs = 5 * 60_000,
    /** A monotonic clock for the window (the wall clock is what is being judged). */
    private readonly monotonic: () => number = () => performance.now(),
  ) {
    this.bucketStart = monotonic();
  }

  /** A message stamped `serverAt` (server ms) was received at `receivedAt` (browser ms). */
  observe(serverAt: number, receivedAt: number): void {
    const t = this.monotonic();
    if (t - this.bucketStart > this.windowMs) {
      this.previous = this.current;
      this.current = -Infinity;
      this.bucketStart = t;
    }
    this.current = Math.max(this.current, serverAt - receivedAt);
  }

  /** Server clock minus the browser's, in ms; 0 before any message. */
  get offsetMs(): number {
    const best = Math.max(this.current, this.previous);
    return Number.isFinite(best) ? best : 0;
  }
}
