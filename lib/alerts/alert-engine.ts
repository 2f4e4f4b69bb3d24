/**
 * Turns the rules' conditions into alarms, once a second: a condition held past its on-delay
 * raises an alarm (or counts up one that cleared), one gone past its off-delay clears it, a
 * chattering one is held silent, consequences stay silent beneath their cause, and an
 * unacknowledged critical alarm that waits too long is escalated. With several web instances on
 * one database, only the one holding the engine's lock does this; the others take over if it
 * dies (a new leader starts its delays afresh: it may raise a few seconds later, never twice).
 */
import 'server-only';
import type { SituationModel } from '../ingest/situation-model';
import type { Database } from '../db/database';
import type { AlertBoard } from './alert-board';
import { AlarmDecider } from './alarm-decisions';
import { clearAlert, escalateAlert, markChattering, raiseCondition, setConsequences } from './alert-repository';
import { conditionKey, evaluateConditions } from './conditions';
import { activeShelves, expireShelves } from './shelving';
import type { RuleConfig } from './rule-config';

/** Arbitrary, fixed: the advisory lock whose holder runs the rules. */
export const ENGINE_LOCK = 0x7663_0002;

export interface AlertEngineStats {
  ticks: number;
  raised: number;
  cleared: number;
  escalated: number;
  chattering: number;
  /** Conditions held silent under their cause in the last pass. */
  suppressed: number;
  failures: number;
  leader: boolean;
}

export class AlertEngine {
  readonly stats: AlertEngineStats = {
    ticks: 0,
    raised: 0,
    cleared: 0,
    escalated: 0,
    chattering: 0,
    suppressed: 0,
    failures: 0,
    leader: false,
  };
  private running = false;
  private readonly decider: AlarmDecider;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly db: Database,
    private readonly model: SituationModel,
    private readonly board: AlertBoard,
    private readonly rules: RuleConfig,
    private readonly startedAt: number,
  ) {
    this.decider = new AlarmDecider(rules);
  }

  start(intervalMs = 1000): void {
    this.timer ??= setInterval(() => void this.tick(Date.now()), intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private failingSince: number | null = null;
  private failedPasses = 0;

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
      for (const a of await expireShelves(this.db, now)) this.board.apply(a);
      await this.applyConditions(now);
      await this.escalate(now);
      if (this.failingSince !== null) {
        console.log(`[alerts] rules passes working again after ${this.failedPasses} failed`);
        this.failingSince = null;
        this.failedPasses = 0;
      }
    } catch (err) {
      this.stats.failures++;
      // One line when passes start failing (say, the database is away), then one a minute.
      if (this.failedPasses++ % 60 === 0) {
        console.error(`[alerts] rules pass failed (${this.failedPasses} in a row): ${(err as Error).message}`);
      }
      this.failingSince ??= now;
    } finally {
      this.running = false;
    }
  }

  private async applyConditions(now: number): Promise<void> {
    this.decider.observeFeed(this.model.lastAcceptedAt, now);
    const conditions = evaluateConditions(this.model, this.rules, now, this.decider);
    // What people have put aside: shelved alarms by key, sources out of service by source.
    const shelves = await activeShelves(this.db);
    const shelved = new Set(shelves.filter((s) => s.kind === 'shelved').map((s) => conditionKey(s.type!, s.source)));
    const outOfService = new Set(shelves.filter((s) => s.kind === 'out_of_service').map((s) => s.source));
    const d = this.decider.decide(
      conditions,
      this.board.unresolved,
      now,
      (key, source) => shelved.has(key) || outOfService.has(source),
    );
    this.stats.suppressed = d.suppressed;
    for (const c of d.raise) {
      const a = await raiseCondition(this.db, c, now);
      if (a) {
        this.board.apply(a);
        this.stats.raised++;
      }
    }
    for (const held of d.chattering) {
      const n = this.rules.chattering.raisesPerMinute;
      const a = await markChattering(this.db, held.id, now, `raised ${n} times within a minute: held until quiet`);
      if (a) {
        this.board.apply(a);
        this.stats.chattering++;
      }
    }
    for (const held of d.clear) {
      const a = await clearAlert(this.db, held.id, now);
      if (a) {
        this.board.apply(a);
        this.stats.cleared++;
      }
    }
    for (const { alert, consequences } of d.consequences) {
      const a = await setConsequences(this.db, alert.id, consequences);
      if (a) this.board.apply(a);
    }
  }

  private async escalate(now: number): Promise<void> {
    const afterMs = this.rules.escalation.criticalUnacknowledgedMinutes * 60_000;
    for (const held of this.board.unresolved.values()) {
      if (held.status !== 'open' || held.severity !== 'critical' || held.escalatedAt !== null) continue;
      if (now - (held.unacknowledgedSince ?? held.raisedAt) < afterMs) continue;
      const minutes = this.rules.escalation.criticalUnacknowledgedMinutes;
      const a = await escalateAlert(this.db, held.id, now, `critical and unacknowledged for ${minutes} min`);
      if (a) {
        this.board.apply(a);
        this.stats.escalated++;
      }
    }
  }
}
