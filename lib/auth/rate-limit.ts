/**
 * Fixed-window request limits per key (a user, or an address and a user name), bounded in
 * memory: past `maxKeys` the expired windows go, and if none has, the oldest.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    readonly maxKeys = 10_000,
  ) {}

  /** Counts one request; returns ms to wait when over the limit, else 0. */
  take(key: string, now: number): number {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (!w && this.windows.size >= this.maxKeys) this.prune(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return w.count > this.limit ? w.start + this.windowMs - now : 0;
  }

  /** ms until the key may go again when it has used up its window, else 0; counts nothing. */
  blockedFor(key: string, now: number): number {
    const w = this.windows.get(key);
    return w && now - w.start < this.windowMs && w.count >= this.limit ? w.start + this.windowMs - now : 0;
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  /** Requests counted in the key's current window, without counting one. */
  peek(key: string, now = Date.now()): number {
    const w = this.windows.get(key);
    return w && now - w.start < this.windowMs ? w.count : 0;
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
    if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
  }
}
