/**
 * The rotation's schedule, pure. Positions come from the wall clock (milliseconds since the
 * epoch modulo the playlist's length), so every screen of a multi-screen wall shows the
 * same view at the same time without talking to the others, and a reloaded page resumes
 * where the wall is rather than at the start.
 */
import type { AlertView } from '@/lib/contracts/alerts';
import type { RotationView } from '@/lib/contracts/wall';

export type RotationStop = { kind: 'city' } | { kind: 'incidents' } | { kind: 'venue'; venueId: string };

export interface PlannedStop {
  stop: RotationStop;
  ms: number;
}

/** The playlist with `venues` expanded to each known venue in the wall's order. */
export function planRotation(views: RotationView[], venueOrder: string[]): PlannedStop[] {
  return views.flatMap((v): PlannedStop[] => {
    const ms = v.seconds * 1000;
    switch (v.view) {
      case 'city':
        return [{ stop: { kind: 'city' }, ms }];
      case 'incidents':
        return [{ stop: { kind: 'incidents' }, ms }];
      case 'venue':
        return [{ stop: { kind: 'venue', venueId: v.venueId }, ms }];
      case 'venues':
        return venueOrder.map((venueId) => ({ stop: { kind: 'venue', venueId }, ms }));
    }
  });
}

export interface RotationPosition {
  index: number;
  stop: RotationStop;
  /** Wall-clock ms when this stop ends. */
  endsAt: number;
}

/** Where the rotation is at `now`, or null for an empty plan. */
export function positionAt(plan: PlannedStop[], now: number): RotationPosition | null {
  const cycle = plan.reduce((a, p) => a + p.ms, 0);
  if (cycle <= 0) return null;
  const into = ((now % cycle) + cycle) % cycle;
  let start = 0;
  for (let index = 0; index < plan.length; index++) {
    const end = start + plan[index]!.ms;
    if (into < end) return { index, stop: plan[index]!.stop, endsAt: now - into + end };
    start = end;
  }
  return null;
}

export function pathOf(stop: RotationStop): string {
  switch (stop.kind) {
    case 'city':
      return '/';
    case 'incidents':
      return '/incidents';
    case 'venue':
      return `/venues/${stop.venueId}`;
  }
}

/**
 * The alert the wall holds on: the newest unacknowledged critical one. Its venue is where
 * the rotation goes and stays until someone acknowledges it; a Games-wide one holds the city.
 */
export function holdingAlert(alerts: Iterable<AlertView>): AlertView | null {
  let held: AlertView | null = null;
  for (const a of alerts) {
    if (a.status !== 'open' || a.severity !== 'critical') continue;
    if (!held || a.lastRaisedAt > held.lastRaisedAt || (a.lastRaisedAt === held.lastRaisedAt && a.id > held.id))
      held = a;
  }
  return held;
}

export function holdStop(alert: AlertView): RotationStop {
  return alert.venueId ? { kind: 'venue', venueId: alert.venueId } : { kind: 'city' };
}
