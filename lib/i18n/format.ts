/**
 * Numbers, times and alert words in a reader's language: shared by the screens (through
 * components/format) and the PDF report. Always in Games time (Asia/Shanghai).
 */
import type { AlertStatus, AlertView } from '../contracts/alerts';
import type { Severity } from '../contracts/payloads.schema';
import type { MessageKey, Translate } from './translate';

export const TIME_ZONE = 'Asia/Shanghai';

export interface Formatters {
  int: (n: number) => string;
  /** A number with up to `digits` decimals. */
  num: (n: number, digits: number) => string;
  /** A large count, short and still exact to four figures ("101k", "10.1万", "101 ألف"): a chart's axis. */
  compact: (n: number) => string;
  age: (ms: number | null) => string;
  clock: (t: number) => string;
  date: (t: number) => string;
  hm: (t: number) => string;
  /** Day and month, short (a chart's axis over days). */
  dayMonth: (t: number) => string;
  /** Names as a list in the language's own way ("A, B and C", "A、B和C"). */
  list: (items: string[]) => string;
  /** A share given in whole percent (81 -> "81%"), with the language's sign and its place. */
  percent: (wholePercent: number) => string;
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
  const listOf = new Intl.ListFormat(intl, { type: 'conjunction' });
  const compactOf = new Intl.NumberFormat(intl, { notation: 'compact', maximumSignificantDigits: 4 });
  const percentOf = new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: 0 });
  const int = (n: number) => integerOf.format(n);
  const f: Formatters = {
    int,
    num: (n, digits) => decimals[Math.min(3, Math.max(0, digits))]!.format(n),
    compact: (n) => compactOf.format(n),
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
    list: (items) => listOf.format(items),
    percent: (whole) => percentOf.format(whole / 100),
  };
  cache.set(intl, f);
  return f;
}

export const SEVERITY_KEY: Record<Severity, MessageKey> = {
  critical: 'severity.critical',
  major: 'severity.major',
  minor: 'severity.minor',
  warning: 'severity.warning',
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
