/**
 * One meaning per number: what "unacknowledged", "unresolved", "active" and "sounding" mean,
 * for the wall's banner, its panels, the phone, the report and /api/metrics alike.
 */
import type { AlertView } from './alerts';
import { SEVERITIES, type Severity } from './event-kinds';

type Counted = Pick<AlertView, 'status' | 'severity' | 'clearedAt' | 'chatteringSince' | 'suppression'>;

/** Shelved, or its source out of service: put aside by a person, listed apart, never sounding. */
export const isPutAside = (a: Counted) => a.suppression !== null && a.status !== 'resolved';
/** Nobody has acknowledged it yet (whether or not its condition is still there), and nobody put it aside. */
export const isUnacknowledged = (a: Counted) => a.status === 'open' && a.suppression === null;
/** Not yet resolved by a person: still on someone's list. */
export const isUnresolved = (a: Counted) => a.status !== 'resolved';
/** Its condition is still there. */
export const isActive = (a: Counted) => a.status !== 'resolved' && a.clearedAt === null;
/** Sounds on the wall: unacknowledged, critical or major, and not held silent as chattering. */
export const isSounding = (a: Counted) =>
  isUnacknowledged(a) && (a.severity === 'critical' || a.severity === 'major') && a.chatteringSince === null;

export interface AlarmCounts {
  unacknowledged: Record<Severity, number> & { total: number };
  unresolved: number;
  active: number;
  shelved: number;
  outOfService: number;
}

export function alarmCounts(alerts: Iterable<Counted>): AlarmCounts {
  const unacknowledged = {
    ...(Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>),
    total: 0,
  };
  let unresolved = 0;
  let active = 0;
  let shelved = 0;
  let outOfService = 0;
  for (const a of alerts) {
    if (isPutAside(a)) {
      if (a.suppression!.kind === 'shelved') shelved++;
      else outOfService++;
    }
    if (isUnacknowledged(a)) {
      unacknowledged[a.severity]++;
      unacknowledged.total++;
    }
    if (isUnresolved(a)) unresolved++;
    if (isActive(a)) active++;
  }
  return { unacknowledged, unresolved, active, shelved, outOfService };
}
