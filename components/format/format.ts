/** Display formatting shared by the wall's panels. */
import { SEVERITY_RANK, type AlertStatus, type AlertView, type Role } from '@/lib/contracts/alerts';
import type { Severity } from '@/lib/contracts/payloads.schema';
import type { SensorKind, SensorStatus } from '@/lib/contracts/sensor-kinds';
import type { IncidentView, WorstStatus } from '@/lib/contracts/stream';
import type { MessageKey, Translate } from '@/lib/i18n/translate';

export const TIME_ZONE = 'Asia/Shanghai';

export interface Formatters {
  int: (n: number) => string;
  /** A number with up to `digits` decimals. */
  num: (n: number, digits: number) => string;
  age: (ms: number | null) => string;
  clock: (t: number) => string;
  date: (t: number) => string;
  hm: (t: number) => string;
  /** Day and month, short (a chart's axis over days). */
  dayMonth: (t: number) => string;
}

type AgeWords = (key: 'age.seconds' | 'age.minutes' | 'age.hours', vars: Record<string, number | string>) => string;

const cache = new Map<string, Formatters>();

/** Intl formats for a language (a BCP 47 tag), always in Games time (Asia/Shanghai). */
export function formattersFor(intl: string, words: AgeWords): Formatters {
  const held = cache.get(intl);
  if (held) return held;
  const integerOf = new Intl.NumberFormat(intl, { maximumFractionDigits: 0 });
  const decimals = [0, 1, 2, 3].map((d) => new Intl.NumberFormat(intl, { maximumFractionDigits: d }));
  const time = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(intl, { timeZone: TIME_ZONE, ...o });
  const clockOf = time({ hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const dateOf = time({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  const hmOf = time({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const dayMonthOf = time({ day: 'numeric', month: 'short' });
  const int = (n: number) => integerOf.format(n);
  const f: Formatters = {
    int,
    num: (n, digits) => decimals[Math.min(3, Math.max(0, digits))]!.format(n),
    age: (ms) => {
      if (ms === null || !Number.isFinite(ms)) return '—';
      const sec = Math.max(0, Math.round(ms / 1000));
      if (sec < 60) return words('age.seconds', { n: int(sec) });
      const min = Math.floor(sec / 60);
      if (min < 60) return words('age.minutes', { n: int(min) });
      return words('age.hours', { h: int(Math.floor(min / 60)), m: int(min % 60) });
    },
    clock: (t) => clockOf.format(t),
    date: (t) => dateOf.format(t),
    hm: (t) => hmOf.format(t),
    dayMonth: (t) => dayMonthOf.format(t),
  };
  cache.set(intl, f);
  return f;
}

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
export const STATUS_KEY: Record<WorstStatus, MessageKey> = {
  ok: 'status.ok',
  warning: 'status.warning',
  critical: 'status.critical',
  offline: 'status.offline',
  unknown: 'status.unknown',
};
export const SENSOR_STATUS_KEY: Record<SensorStatus | 'unknown', MessageKey> = {
  ok: 'sensorStatus.ok',
  warning: 'sensorStatus.warning',
  critical: 'sensorStatus.critical',
  offline: 'sensorStatus.offline',
  unknown: 'sensorStatus.unknown',
};
export const sensorKindKey = (kind: SensorKind) => `sensorKind.${kind}` as MessageKey;

export const SEVERITY_KEY: Record<Severity, MessageKey> = {
  critical: 'severity.critical',
  major: 'severity.major',
  minor: 'severity.minor',
  warning: 'severity.warning',
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

/**
 * Level of service A-F as map colours, meaning what the alarm rules mean: A-D need nothing (greens,
 * greyer as it gets busier), E is the stewards' (the minor alarm's yellow), F is dangerous (critical red).
 */
export const LOS_RGB: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F', [number, number, number]> = {
  A: [46, 204, 113],
  B: [88, 196, 112],
  C: [128, 186, 112],
  D: [160, 176, 120],
  E: [255, 208, 0],
  F: [255, 59, 59],
};

export const ROLE_KEY: Record<Role, MessageKey> = {
  operator: 'role.operator',
  venue_manager: 'role.venue_manager',
  responder: 'role.responder',
  admin: 'role.admin',
};

/** What an alert's state is, in words: the person's step, and whether the condition is still there. */
export function alertStateLabel(a: AlertView, t: Translate): string {
  const steps: Record<AlertStatus, string> = {
    open: t(a.escalatedAt !== null ? 'alert.state.escalated' : 'alert.state.open'),
    acknowledged:
      t('alert.state.acknowledged', { who: a.acknowledgedBy ?? '' }) +
      (a.assignee ? ` · ${t('alert.state.assigned', { who: a.assignee })}` : ''),
    resolved: t('alert.state.resolved', { who: a.resolvedBy ?? '' }),
  };
  return `${steps[a.status]}${a.status !== 'resolved' && a.clearedAt !== null ? ` · ${t('alert.state.cleared')}` : ''}`;
}
