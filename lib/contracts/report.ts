/**
 * The shift report: what happened in the last N hours, for the hand-over. Built on the
 * server from the database; shown as a print-friendly page and as a PDF. Plain data only.
 */
import type { AlarmKpis } from './alarm-kpis';
import type { AlertView } from './alerts';
import type { LocalizedNameT, Severity } from './payloads.schema';

export const REPORT_HOURS = { min: 1, max: 24, default: 8 } as const;
/** Rows listed at most; the rest are counted. */
export const REPORT_ROWS_MAX = 300;

export interface VenuePeak {
  venueId: string;
  /** From the registry when this server knows the venue. */
  name: LocalizedNameT | null;
  peak: number;
  capacity: number;
  /** Start of the minute the peak was seen. */
  peakAt: number;
}

export interface AlertStats {
  raised: number;
  acknowledged: number;
  resolved: number;
  /** Time from raised to acknowledged, of those acknowledged in the window; null when none. */
  ackMedianMs: number | null;
  ackP90Ms: number | null;
  ackMaxMs: number | null;
}

export interface ShiftReport {
  from: number;
  to: number;
  hours: number;
  generatedBy: string;
  /** Venues covered; null: every venue. */
  venues: string[] | null;
  peaks: VenuePeak[];
  total: AlertStats;
  bySeverity: Record<Severity, AlertStats>;
  /** Critical and major alerts raised in the window, oldest first. */
  serious: AlertView[];
  seriousTotal: number;
  /** Unresolved at the end of the window: what the next shift takes over, worst first. */
  open: AlertView[];
  openTotal: number;
  /** The alarm system judged by ISA-18.2 / EEMUA 191 over the window (docs/alarms.md). */
  alarmSystem: AlarmKpis;
}

export function reportHours(raw: unknown): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= REPORT_HOURS.min && n <= REPORT_HOURS.max ? n : REPORT_HOURS.default;
}
