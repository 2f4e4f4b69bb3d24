/**
 * The alarm-system KPIs of a window, read from the database: every raise and return in it
 * (alert_events), and the alarms that stand or were acknowledged. Shared by the shift report
 * and /api/metrics; scoped to the venues a reader may see.
 */
import 'server-only';
import { alarmKpis, positionOf, sensorKindOf, type AlarmKpis, type Annunciation } from '../contracts/alarm-kpis';
import type { AlertMessage, AlertType } from '../contracts/alerts';
import type { Severity } from '../contracts/payloads.schema';
import type { SensorKind } from '../contracts/sensor-kinds';
import type { Queryable } from '../db/database';
import { conditionKey } from './conditions';

/**
 * `kindOfSensor`: for alarms without a message (raised before messages were keyed), the kind of
 * the sensor they name, if the caller knows it; their desk depends on it.
 */
export async function loadAnnunciations(
  db: Queryable,
  from: number,
  to: number,
  venues: string[] | null,
  kindOfSensor: (sensorId: string | null) => SensorKind | null = () => null,
): Promise<Annunciation[]> {
  const { rows } = await db.query<{
    at: Date;
    source: string;
    type: AlertType;
    severity: Severity;
    message: AlertMessage | null;
    sensor_id: string | null;
    venue_id: string | null;
  }>(
    `select e.at, a.source, a.type, a.severity, a.message, a.sensor_id, a.venue_id
       from alert_events e join alerts a on a.id = e.alert_id
      where e.action in ('raised', 'repeated') and e.at >= $1 and e.at < $2
        ${venues ? 'and a.venue_id = any($3)' : ''}
      order by e.at, e.id`,
    venues ? [new Date(from), new Date(to), venues] : [new Date(from), new Date(to)],
  );
  return rows.map((r) => ({
    at: new Date(r.at).getTime(),
    key: conditionKey(r.type, r.source),
    source: r.source,
    type: r.type,
    severity: r.severity,
    position: positionOf({
      type: r.type,
      severity: r.severity,
      venueId: r.venue_id,
      sensorKind: sensorKindOf(r) ?? kindOfSensor(r.sensor_id),
    }),
    venueId: r.venue_id,
  }));
}

export async function loadAlarmKpis(
  db: Queryable,
  from: number,
  to: number,
  venues: string[] | null,
): Promise<AlarmKpis> {
  const scope = venues ? 'and venue_id = any($2)' : '';
  const { rows } = await db.query<{
    raised_at: Date;
    last_raised_at: Date;
    cleared_at: Date | null;
    acknowledged_at: Date | null;
  }>(
    `select raised_at, last_raised_at, cleared_at, acknowledged_at from alerts
      where (status <> 'resolved' or raised_at >= $1) ${scope}`,
    venues ? [new Date(from), venues] : [new Date(from)],
  );
  const ms = (d: Date | null) => (d === null ? null : new Date(d).getTime());
  return alarmKpis({
    from,
    to,
    annunciations: await loadAnnunciations(db, from, to, venues),
    alarms: rows.map((r) => ({
      raisedAt: ms(r.raised_at)!,
      lastRaisedAt: ms(r.last_raised_at)!,
      clearedAt: ms(r.cleared_at),
      acknowledgedAt: ms(r.acknowledged_at),
    })),
  });
}
