/**
 * This process's copy of the alerts screens show: every unresolved alert and those resolved
 * in the last few minutes, kept current from the database's notifications (any instance's
 * changes arrive here). The newest version of an alert wins, so a late or repeated
 * notification never undoes a newer one. The stream hub takes what changed once per flush.
 */
import { RESOLVED_ON_SCREEN_MS, type AlertView } from '../contracts/alerts';
import { conditionKey } from './conditions';

/** Bound on alerts held: unresolved ones are never dropped before resolved ones. */
export const MAX_BOARD_ALERTS = 5000;

export class AlertBoard {
  readonly alerts = new Map<number, AlertView>();
  /** Unresolved alerts by conditionKey(type, source): at most one each. */
  readonly unresolved = new Map<string, AlertView>();
  private changed = new Set<number>();
  private removed = new Set<number>();
  private changeListener: (() => void) | undefined;

  /** Calls `listener` when an alert changes (raised, acknowledged, shelved, resolved): once until takeChanges. */
  onChange(listener: () => void): void {
    this.changeListener = listener;
  }

  /** Takes in one alert; returns false when it is not newer than what is held. */
  apply(a: AlertView): boolean {
    const held = this.alerts.get(a.id);
    if (held && held.version >= a.version) return false;
    this.alerts.set(a.id, a);
    const key = conditionKey(a.type, a.source);
    if (a.status === 'resolved') {
      if (this.unresolved.get(key)?.id === a.id) this.unresolved.delete(key);
    } else {
      this.unresolved.set(key, a);
    }
    if (this.changed.size === 0) this.changeListener?.();
    this.changed.add(a.id);
    this.removed.delete(a.id);
    if (this.alerts.size > MAX_BOARD_ALERTS) this.evictOldestResolved();
    return true;
  }

  load(alerts: AlertView[]): void {
    for (const a of alerts) this.apply(a);
  }

  /** Drops resolved alerts that have been on screens long enough. */
  sweep(now: number): void {
    for (const a of this.alerts.values()) {
      if (a.status === 'resolved' && a.resolvedAt !== null && now - a.resolvedAt > RESOLVED_ON_SCREEN_MS) this.drop(a);
    }
  }

  takeChanges(): { changed: AlertView[]; removed: number[] } {
    const changed = [...this.changed].flatMap((id) => this.alerts.get(id) ?? []);
    const removed = [...this.removed];
    this.changed.clear();
    this.removed.clear();
    return { changed, removed };
  }

  list(): AlertView[] {
    return [...this.alerts.values()];
  }

  private drop(a: AlertView): void {
    this.alerts.delete(a.id);
    this.changed.delete(a.id);
    this.removed.add(a.id);
  }

  private evictOldestResolved(): void {
    let victim: AlertView | undefined;
    for (const a of this.alerts.values()) {
      if (a.status === 'resolved' && (!victim || (a.resolvedAt ?? 0) < (victim.resolvedAt ?? 0))) victim = a;
    }
    if (victim) this.drop(victim);
  }
}
