/**
 * Logs at most one line per key per interval, with a count of what it held back, so a
 * flood of bad input cannot flood the log.
 */
export class RateLimitedLog {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly intervalMs = 10_000,
    private readonly write: (line: string) => void = (l) => console.warn(l),
    /** Bound on distinct keys remembered. */
    private readonly maxKeys = 1000,
  ) {}

  log(key: string, line: string, now = Date.now()): void {
    const entry = this.last.get(key);
    if (entry && now - entry.at < this.intervalMs) {
      entry.suppressed++;
      return;
    }
    const held = entry?.suppressed ?? 0;
    if (!entry && this.last.size >= this.maxKeys) this.last.clear();
    this.last.set(key, { at: now, suppressed: 0 });
    this.write(held > 0 ? `${line} (+${held} similar in the last ${Math.round(this.intervalMs / 1000)} s)` : line);
  }
}
