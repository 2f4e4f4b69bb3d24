/**
 * Whether the database answers, known at all times without asking it per request: a trivial
 * query every few seconds with a short timeout. Readiness reads it, so a load balancer stops
 * sending actions to an instance whose database is away, and sends them again when it returns.
 */
import 'server-only';
import type { Database } from './database';

export interface DatabaseReachability {
  reachable: boolean;
  /** When it became reachable or unreachable. */
  since: number;
  checkedAt: number;
  lastError: string | null;
}

export class DatabaseProbe {
  readonly state: DatabaseReachability;
  private timer: NodeJS.Timeout | undefined;
  private checking = false;
  private readonly reachableAgain: (() => void)[] = [];

  constructor(
    private readonly db: Database,
    private readonly opts = { intervalMs: 2_000, timeoutMs: 2_000 },
    now = Date.now(),
  ) {
    // Opened and migrated just now: reachable until a check says otherwise.
    this.state = { reachable: true, since: now, checkedAt: now, lastError: null };
  }

  start(): void {
    this.timer = setInterval(() => void this.check(), this.opts.intervalMs);
    this.timer.unref();
  }

  /** Called each time the database answers again after it did not. */
  onReachableAgain(listener: () => void): void {
    this.reachableAgain.push(listener);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      await this.db.ping(this.opts.timeoutMs);
      this.record(true, null);
    } catch (err) {
      this.record(false, (err as Error).message);
    } finally {
      this.checking = false;
    }
  }

  private record(reachable: boolean, error: string | null): void {
    const now = Date.now();
    if (reachable !== this.state.reachable) {
      this.state.since = now;
      console.log(reachable ? '[db] reachable again' : `[db] not reachable: ${error}`);
    }
    const again = reachable && !this.state.reachable;
    this.state.reachable = reachable;
    this.state.checkedAt = now;
    if (error) this.state.lastError = error;
    if (again) for (const listener of this.reachableAgain) listener();
  }
}
