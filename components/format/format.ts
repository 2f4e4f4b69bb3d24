/** Display formatting shared by the wall's panels. */
import { SEVERITY_RANK, type AlertStatus, type AlertView, type Role } from '@/lib/contracts/alerts';
import type { Severity } from '@/lib/contracts/payloads.schema';
import type { IncidentView, WorstStatus } from '@/lib/contracts/stream';

export const TIME_ZONE = 'Asia/Shanghai';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const formatInt = (n: number) => integer.format(n);

/** "12 s", "4 min", "2 h 5 min": the age of a piece of data. */
export function formatAge(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

const clock = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const date = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const hm = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });
export const formatClock = (t: number) => clock.format(t);
export const formatDate = (t: number) => date.format(t);
export const formatHm = (t: number) => hm.format(t);

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'major', 'minor', 'warning'];

/** Open incidents first, worst then oldest first; cleared ones after them. */
export function incidentsByUrgency(incidents: Record<string, IncidentView>): IncidentView[] {
  return Object.values(incidents).sort(
    (a, b) =>
      (a.state === 'open' ? 0 : 1) - (b.state === 'open' ? 0 : 1) ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      a.raisedAt - b.raisedAt,
  );
}

/** Colours as RGB triples (deck.gl) and CSS; high contrast on the dark wall. */
export const STATUS_RGB: Record<WorstStatus, [number, number, number]> = {
  ok: [46, 204, 113],
  warning: [255, 208, 0],
  critical: [255, 59, 59],
  offline: [138, 143, 152],
  unknown: [75, 85, 99],
};
export const STATUS_LABEL: Record<WorstStatus, string> = {
  ok: 'OK',
  warning: 'Warning',
  critical: 'Critical',
  offline: 'Sensors offline',
  unknown: 'No data',
};
/** Alert severities as RGB (the same hues as the --critical, --major, --minor, --sev-warning CSS colours). */
export const SEVERITY_RGB: Record<Severity, [number, number, number]> = {
  critical: [255, 59, 59],
  major: [255, 138, 0],
  minor: [255, 208, 0],
  warning: [90, 176, 255],
};
export const cssRgb = ([r, g, b]: readonly number[]) => `rgb(${r} ${g} ${b})`;
/** A status as text colour: 'unknown' grey is for map fills; as text it would not read on the dark panels. */
export const statusTextColor = (s: WorstStatus) => (s === 'unknown' ? 'var(--muted)' : cssRgb(STATUS_RGB[s]));

/** Level of service A-F as map colours: green through amber to red. */
export const LOS_RGB: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F', [number, number, number]> = {
  A: [46, 204, 113],
  B: [130, 214, 96],
  C: [196, 222, 70],
  D: [255, 208, 0],
  E: [255, 138, 0],
  F: [255, 59, 59],
};

export const ROLE_LABEL: Record<Role, string> = {
  operator: 'Operator',
  venue_manager: 'Venue manager',
  responder: 'Responder',
  admin: 'Admin',
};

/** What an alert's state is, in words: the person's step, and whether the condition is still there. */
export function alertStateLabel(a: AlertView): string {
  const steps: Record<AlertStatus, string> = {
    open: a.escalatedAt !== null ? 'Escalated, unacknowledged' : 'Unacknowledged',
    acknowledged: `Acknowledged by ${a.acknowledgedBy}${a.assignee ? ` · assigned to ${a.assignee}` : ''}`,
    resolved: `Resolved by ${a.resolvedBy}`,
  };
  return `${steps[a.status]}${a.status !== 'resolved' && a.clearedAt !== null ? ' · condition cleared' : ''}`;
}
