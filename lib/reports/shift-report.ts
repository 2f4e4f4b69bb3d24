/**
 * Builds the shift report from the database: peaks from the occupancy recorder's minutes,
 * alerts from the alerts table (raised, acknowledged and resolved inside the window, times
 * to acknowledge), and what is unresolved at hand-over. Scoped to the venues the reader may see.
 */
import 'server-only';
import { SEVERITIES, type Severity } from '../contracts/payloads.schema';
import { SEVERITY_RANK, type AlertView, type SessionUser } from '../contracts/alerts';
import { REPORT_ROWS_MAX, type AlertStats, type ShiftReport, type VenuePeak } from '../contracts/report';
import type { Queryable } from '../db/database';
import type { SituationModel } from '../ingest/situation-model';
import { alertFromRow, type AlertRow } from '../alerts/alert-repository';
import { loadAlarmKpis } from '../alerts/alarm-kpi-queries';

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function alertStats(alerts: AlertView[], from: number, to: number): AlertStats {
  const inWindow = (t: number | null) => t !== null && t >= from && t < to;
  const acked = alerts.filter((a) => inWindow(a.acknowledgedAt));
  const waits = acked.map((a) => a.acknowledgedAt! - a.raisedAt).sort((a, b) => a - b);
  return {
    raised: alerts.filter((a) => inWindow(a.raisedAt)).length,
    acknowledged: acked.length,
    resolved: alerts.filter((a) => inWindow(a.resolvedAt)).length,
    ackMedianMs: percentile(waits, 50),
    ackP90Ms: percentile(waits, 90),
    ackMaxMs: waits.length ? waits[waits.length - 1]! : null,
  };
}

export async function buildShiftReport(
  db: Queryable,
  model: SituationModel,
  user: SessionUser,
  hours: number,
  now: number,
): Promise<ShiftReport> {
  const from = now - hours * 3600_000;
  const scope = user.venues;
  // `venue_id = any($3)` when limited; every venue (and the Games-wide alerts) otherwise.
  const venueFilter = scope ? 'and venue_id = any($3)' : '';
  const params = (extra: unknown[]) => [...extra, ...(scope ? [scope] : [])];

  const { rows: peakRows } = await db.query<{ venue_id: string; peak: number; capacity: number; peak_at: Date }>(
    `select venue_id, max(peak) as peak, max(capacity) as capacity,
            (array_agg(minute order by peak desc, minute))[1] as peak_at
       from venue_occupancy_minutes
      where minute >= $1 and minute < $2 ${venueFilter}
      group by venue_id`,
    params([new Date(from), new Date(now)]),
  );
  const peaks: VenuePeak[] = peakRows
    .map((r) => ({
      venueId: r.venue_id,
      name: model.venues.get(r.venue_id)?.def?.name ?? null,
      peak: Number(r.peak),
      capacity: Number(r.capacity),
      peakAt: new Date(r.peak_at).getTime(),
    }))
    .sort((a, b) => b.peak / Math.max(1, b.capacity) - a.peak / Math.max(1, a.capacity));

  // Everything that moved in the window, and everything still unresolved.
  const { rows } = await db.query<AlertRow>(
    `select * from alerts
      where (raised_at >= $1 and raised_at < $2
             or acknowledged_at >= $1 and acknowledged_at < $2
             or resolved_at >= $1 and resolved_at < $2
             or status <> 'resolved') ${venueFilter}
      order by raised_at, id`,
    params([new Date(from), new Date(now)]),
  );
  const alerts = rows.map(alertFromRow);
  const bySeverity = Object.fromEntries(
    SEVERITIES.map((s) => [
      s,
      alertStats(
        alerts.filter((a) => a.severity === s),
        from,
        now,
      ),
    ]),
  ) as Record<Severity, AlertStats>;
  const serious = alerts.filter(
    (a) => (a.severity === 'critical' || a.severity === 'major') && a.raisedAt >= from && a.raisedAt < now,
  );
  const open = alerts
    .filter((a) => a.status !== 'resolved')
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.raisedAt - b.raisedAt);
  return {
    from,
    to: now,
    hours,
    generatedBy: user.name,
    venues: scope,
    peaks,
    total: alertStats(alerts, from, now),
    bySeverity,
    serious: serious.slice(0, REPORT_ROWS_MAX),
    seriousTotal: serious.length,
    open: open.slice(0, REPORT_ROWS_MAX),
    openTotal: open.length,
    alarmSystem: await loadAlarmKpis(db, from, now, scope),
  };
}
