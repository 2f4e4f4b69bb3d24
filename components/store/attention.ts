/**
 * Which venues need someone's attention, and why, most urgent first: what the wall promotes
 * above its roll call (ISA-101: exceptions first, normal in grey). Pure, from what the city
 * store holds; the reason is what a person would act on, not every symptom.
 */
import { SEVERITY_RANK, type AlertView } from '@/lib/contracts/alerts';
import { FEED_STALE_MS, type SeverityCounts, type VenueLive } from '@/lib/contracts/stream';
import type { AlertMap } from './alert-map';

export type AttentionReason =
  /** An alarm not yet resolved: unacknowledged ones outrank those someone already has. */
  | { kind: 'alarm'; alert: AlertView }
  /** Nothing heard from the venue within the freshness bound: its figures are old. */
  | { kind: 'silent'; lastSeen: number }
  /** Sensors outside their limits or offline, with no alarm (yet) about them. */
  | { kind: 'sensors'; critical: number; warning: number; offline: number }
  /** IT incidents the venue's teams have open. */
  | { kind: 'incidents'; open: number; worst: keyof SeverityCounts };

export interface VenueAttention {
  venueId: string;
  /** The reason shown first; `more` counts the others. */
  reason: AttentionReason;
  more: number;
  /** Higher is more urgent. */
  rank: number;
}

function rankOf(r: AttentionReason): number {
  switch (r.kind) {
    case 'alarm':
      // An escalated alarm (unacknowledged past its time) before others of its severity, as the alert list and
      // the banner put it: the wall's panels must agree on what comes first.
      return (
        (r.alert.status === 'open' ? 100 : 50) +
        SEVERITY_RANK[r.alert.severity] * 10 +
        (r.alert.status === 'open' && r.alert.escalatedAt !== null ? 5 : 0)
      );
    case 'silent':
      return 80;
    case 'sensors':
      return r.critical > 0 ? 40 : r.offline > 0 ? 30 : 20;
    case 'incidents':
      return 10 + SEVERITY_RANK[r.worst];
  }
}

/** The worst unresolved alarm of each venue. */
function worstAlarms(alerts: AlertMap): Map<string, AlertView[]> {
  const byVenue = new Map<string, AlertView[]>();
  for (const a of Object.values(alerts)) {
    if (a.status === 'resolved' || a.venueId === null) continue;
    const list = byVenue.get(a.venueId) ?? [];
    list.push(a);
    byVenue.set(a.venueId, list);
  }
  return byVenue;
}

/**
 * Venues with anything abnormal, most urgent first (then by the roll call's order, so the
 * list does not shuffle between equals). `serverNow` is the server's clock.
 */
export function venuesNeedingAttention(
  order: readonly string[],
  live: Readonly<Record<string, VenueLive>>,
  alerts: AlertMap,
  serverNow: number,
): VenueAttention[] {
  const alarms = worstAlarms(alerts);
  const out: VenueAttention[] = [];
  order.forEach((venueId) => {
    const reasons: AttentionReason[] = [];
    for (const alert of alarms.get(venueId) ?? []) reasons.push({ kind: 'alarm', alert });
    const l = live[venueId];
    if (!l || serverNow - l.lastSeen > FEED_STALE_MS) reasons.push({ kind: 'silent', lastSeen: l?.lastSeen ?? 0 });
    else if (l.sensorsCritical + l.sensorsWarning + l.sensorsOffline > 0 && !alarms.has(venueId))
      reasons.push({
        kind: 'sensors',
        critical: l.sensorsCritical,
        warning: l.sensorsWarning,
        offline: l.sensorsOffline,
      });
    if (l) {
      const open = Object.values(l.openIncidents).reduce((a, b) => a + b, 0);
      const worst = (Object.keys(l.openIncidents) as (keyof SeverityCounts)[])
        .filter((s) => l.openIncidents[s] > 0)
        .sort((a, b) => SEVERITY_RANK[b] - SEVERITY_RANK[a])[0];
      if (open > 0 && worst && !alarms.has(venueId)) reasons.push({ kind: 'incidents', open, worst });
    }
    if (reasons.length === 0) return;
    const ranked = reasons.map((r) => ({ r, rank: rankOf(r) })).sort((a, b) => b.rank - a.rank || byAge(a.r, b.r));
    out.push({ venueId, reason: ranked[0]!.r, more: ranked.length - 1, rank: ranked[0]!.rank });
  });
  // Between alarms of one rank the older first, as the alert list beside it puts them (the two panels name the
  // same venue first); a stable sort, so other equals keep the roll call's order.
  return out.sort((a, b) => b.rank - a.rank || byAge(a.reason, b.reason));
}

/** What the wall lists: a venue, or several venues silent together (one cause, one line). */
export type AttentionItem =
  ({ kind: 'venue' } & VenueAttention) | { kind: 'silent-group'; venueIds: string[]; rank: number };

/** Three or more silent venues share a cause (a feed, a link): said once, where the first of them ranked. */
export function groupSilent(list: readonly VenueAttention[], atLeast = 3): AttentionItem[] {
  const silent = list.filter((a) => a.reason.kind === 'silent');
  if (silent.length < atLeast) return list.map((a) => ({ kind: 'venue', ...a }));
  const out: AttentionItem[] = [];
  for (const a of list) {
    if (a.reason.kind !== 'silent') out.push({ kind: 'venue', ...a });
    else if (a === silent[0]) out.push({ kind: 'silent-group', venueIds: silent.map((s) => s.venueId), rank: a.rank });
  }
  return out;
}

/** Alarms the older first, and of one instant (raised in one pass of the rules) the first raised; others equal. */
function byAge(a: AttentionReason, b: AttentionReason): number {
  if (a.kind !== 'alarm' || b.kind !== 'alarm') return 0;
  return a.alert.raisedAt - b.alert.raisedAt || a.alert.id - b.alert.id;
}
