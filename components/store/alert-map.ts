/**
 * Alerts in a browser store, by id. The newest version of an alert wins, whether it came
 * from the stream or from the answer to this user's own action, so the two never fight.
 */
import { SEVERITY_RANK, type AlertView } from '@/lib/contracts/alerts';

export type AlertMap = Record<number, AlertView>;

export function alertMapOf(list: AlertView[]): AlertMap {
  const map: AlertMap = {};
  for (const a of list) map[a.id] = a;
  return map;
}

/** The map with these changes, or the same map when none is newer than what it holds. */
export function mergeAlerts(current: AlertMap, changed: AlertView[] = [], removed: number[] = []): AlertMap {
  let next: AlertMap | undefined;
  for (const a of changed) {
    const held = current[a.id];
    if (held && held.version >= a.version) continue;
    next ??= { ...current };
    next[a.id] = a;
  }
  for (const id of removed) {
    if (!(id in current)) continue;
    next ??= { ...current };
    delete next[id];
  }
  return next ?? current;
}

/** Unresolved first; then the worst, unacknowledged before acknowledged, the oldest first. */
export function alertsByUrgency(alerts: AlertMap): AlertView[] {
  const rank = (a: AlertView) => (a.status === 'resolved' ? 2 : a.status === 'acknowledged' ? 1 : 0);
  return Object.values(alerts).sort(
    (a, b) =>
      rank(a) - rank(b) ||
      Number(b.escalatedAt !== null) - Number(a.escalatedAt !== null) ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      a.raisedAt - b.raisedAt ||
      a.id - b.id,
  );
}

/**
 * Each venue's worst open (unacknowledged) alert severity: what its marker and tile show,
 * propagated from its zones and sensors to the venue as ThingsBoard does to parents.
 */
export function worstUnacknowledgedByVenue(alerts: AlertMap): Record<string, AlertView['severity']> {
  const worst: Record<string, AlertView['severity']> = {};
  for (const a of Object.values(alerts)) {
    if (a.status !== 'open' || a.venueId === null) continue;
    const held = worst[a.venueId];
    if (!held || SEVERITY_RANK[a.severity] > SEVERITY_RANK[held]) worst[a.venueId] = a.severity;
  }
  return worst;
}
