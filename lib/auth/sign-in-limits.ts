/**
 * Failed sign-ins, limited three ways so that guessing is slow and nobody can lock an
 * owner out from one address (OWASP ASVS 2.2.1):
 * - per address and account: one account guessed from one place;
 * - per address: many accounts sprayed from one place;
 * - per account, from everywhere: at most 100 failures an hour, set above what one address
 *   may make, so a lock-out takes many addresses.
 * Only failures count; a success clears that address's count for that account. The counts live
 * where every web instance sees them (the database, `window-counters.ts`), so N instances behind
 * a load balancer do not give a guesser N times the budget.
 */

/** Fixed windows of counts by key, shared by whoever holds the same store. */
export interface WindowCounter {
  /** Counts one in the key's window (a new window if the last has ended). */
  take(key: string, windowMs: number, now: number): Promise<void>;
  /** The key's current window, or null if it has none or it has ended. */
  current(key: string, windowMs: number, now: number): Promise<{ start: number; count: number } | null>;
  reset(key: string): Promise<void>;
}

const LIMITS = {
  addressAndAccount: { limit: 10, windowMs: 60_000, key: (a: string, u: string) => `sign-in:au:${a}|${u}` },
  address: { limit: 30, windowMs: 10 * 60_000, key: (a: string) => `sign-in:a:${a}` },
  account: { limit: 100, windowMs: 60 * 60_000, key: (_a: string, u: string) => `sign-in:u:${u}` },
} as const;

/** The longest window: counts older than this can go. */
export const SIGN_IN_WINDOW_MAX_MS = LIMITS.account.windowMs;

export class SignInLimits {
  constructor(private readonly counter: WindowCounter) {}

  /** ms to wait before this address may try this account, or 0. */
  async wait(address: string, account: string, now: number): Promise<number> {
    const waits = await Promise.all(
      Object.values(LIMITS).map(async (l) => {
        const w = await this.counter.current(l.key(address, account), l.windowMs, now);
        return w && w.count >= l.limit ? w.start + l.windowMs - now : 0;
      }),
    );
    return Math.max(...waits);
  }

  async failed(address: string, account: string, now: number): Promise<void> {
    for (const l of Object.values(LIMITS)) await this.counter.take(l.key(address, account), l.windowMs, now);
  }

  async succeeded(address: string, account: string): Promise<void> {
    await this.counter.reset(LIMITS.addressAndAccount.key(address, account));
  }
}

/** In memory, for one process (and the unit tests), bounded like RateLimiter. */
export class MemoryWindowCounter implements WindowCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(private readonly maxKeys = 10_000) {}

  async take(key: string, windowMs: number, now: number): Promise<void> {
    let w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      if (!w && this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
  }

  async current(key: string, windowMs: number, now: number) {
    const w = this.windows.get(key);
    return w && now - w.start < windowMs ? { ...w } : null;
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }
}
