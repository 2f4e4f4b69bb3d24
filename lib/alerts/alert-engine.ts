/**
 * Turns the rules' conditions into alerts, once a second: a new condition raises an alert
 * (or counts up one that cleared), an ended one clears it, and an unacknowledged critical
 * alert that waits too long is escalated. With several web instances on one database, only
 * the one holding the engine's lock does this; the others take over if it dies.
 */
import 'server-only';
import type { SituationModel } from '../ingest/situation-model';
import type { Database } from '../db/database';
import type { AlertBoard } from './alert-board';
import { clearAlert, escalateAlert, raiseCondition } from './alert-repository';
import { evaluateConditions } from './conditions';
import type { RuleConfig } from './rule-config';

/** Arbitrary, fixed: the advisory lock whose holder runs the rules. */
export const ENGINE_LOCK = 0x7663_0002;

export interface AlertEngineStats {
  ticks: number;
  raised: number;
  cleared: number;
  escalated: number;
  failures: number;
  leader: boolean;
}

export class AlertEngine {
  readonly stats: AlertEngineStats = { ticks: 0, raised: 0, cleared: 0, escalated: 0, failures: 0, leader: false };
  private running = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly db: Database,
    private readonly model: SituationModel,
    private readonly board: AlertBoard,
    private readonly rules: RuleConfig,
    private readonly startedAt: number,
  ) {}

  start(intervalMs = 1000): void {
    this.timer ??= setInterval(() => void this.tick(Date.now()), intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass; public for tests (with their own clock). Overlapping calls are skipped. */
  async tick(now: number): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      this.board.sweep(now);
      this.stats.leader = await this.db.tryLock(ENGINE_LOCK);
      if (!this.stats.leader) return;
      this.stats.ticks++;
      // The model fills from the feed (retained registries, first readings) before it is judged.
      if (now - this.startedAt < this.rules.warmUpSeconds * 1000) return;
      await this.applyConditions(now);
      await this.escalate(now);
    } catch (err) {
      this.stats.failures++;
      console.error(`[alerts] rules pass failed: ${(err as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  private async applyConditions(now: number): Promise<void> {
    const { present, feedFresh } = evaluateConditions(this.model, this.rules, now);
    for (const [key, c] of present) {
      const held = this.board.unresolved.get(key);
      if (held && held.clearedAt === null && held.severity === c.severity) continue;
      const a = await raiseCondition(this.db, c, now);
      if (a) {
        this.board.apply(a);
        this.stats.raised++;
      }
    }
    for (const [key, held] of this.board.unresolved) {
      if (held.clearedAt !== null || present.has(key)) continue;
      // On a stale feed nothing is known to have ended, except the staleness itself.
      if (!feedFresh && held.type !== 'feed_stale') continue;
      const a = await clearAlert(this.db, held.id, now);
      if (a) {
        this.board.apply(a);
        this.stats.cleared++;
      }
    }
  }

  private async escalate(now: number): Promise<void> {
    const afterMs = this.rules.escalation.criticalUnacknowledgedMinutes * 60_000;
    for (const held of this.board.unresolved.values()) {
      if (held.status !== 'open' || held.severity !== 'critical' || held.escalatedAt !== null) continue;
      if (now - held.raisedAt < afterMs) continue;
      const minutes = this.rules.escalation.criticalUnacknowledgedMinutes;
      const a = await escalateAlert(this.db, held.id, now, `critical and unacknowledged for ${minutes} min`);
      if (a) {
        this.board.apply(a);
        this.stats.escalated++;
      }
    }
  }
}
