'use client';

import { IntentLink } from '@/components/shell/intent-link';
import { memo, useMemo } from 'react';
import { SENSOR_KINDS } from '@/lib/contracts/sensor-kinds';
import type { SensorLive } from '@/lib/contracts/stream';
import { Age } from '@/components/format/age';
import { SENSOR_STATUS_KEY, sensorKindKey, statusTextColor, type Formatters } from '@/components/format/format';
import { sensorHref } from '@/components/shell/level';
import { useSparkline } from '@/components/store/sparklines-provider';
import { useVenue } from '@/components/store/venue-provider';
import { Sparkline } from './sparkline';
import { useFormat, useT } from '@/components/i18n/i18n-provider';
import { useSensorTitle } from './sensor-title';

/** A reading with up to two decimals, in the page's language. */
export const formatValue = (v: number | null, f: Formatters) => (v === null ? '—' : f.num(v, 2));

/** One sensor, a link to its detail; re-renders only when this sensor changes (or its line reloads). */
const SensorRow = memo(function SensorRow({ venueId, sensor }: { venueId: string; sensor: SensorLive }) {
  const line = useSparkline(sensor.id);
  const t = useT();
  const f = useFormat();
  const status = sensor.status;
  const title = useSensorTitle(sensor)!;
  return (
    <li>
      <IntentLink
        href={sensorHref(venueId, sensor.id)}
        className={`sensor status-${status}`}
        aria-label={`${title}: ${t(SENSOR_STATUS_KEY[status])}`}
      >
        <span className="sensor-id" title={sensor.id}>
          {title}
        </span>
        <Sparkline values={line} live={sensor.value} />
        <span className="sensor-value">
          {formatValue(sensor.value, f)} <span className="muted">{sensor.unit}</span>
        </span>
        <span className="sensor-status" style={{ color: statusTextColor(status) }}>
          {t(SENSOR_STATUS_KEY[status])}
        </span>
        <span className="sensor-age muted">
          <Age since={sensor.lastSeen} never={t('sensor.never')} />
        </span>
      </IntentLink>
    </li>
  );
});

/**
 * Sensors grouped by kind, the ones not ok first: value, unit, status, a sparkline and
 * freshness each. `zoneId` narrows the list to one zone.
 */
export function SensorGroups({ venueId, zoneId }: { venueId: string; zoneId?: string }) {
  const sensors = useVenue((s) => s.sensors);
  const order = useVenue((s) => s.sensorOrder);
  const t = useT();
  const byKind = useMemo(() => {
    const groups = new Map<string, SensorLive[]>();
    for (const id of order) {
      const s = sensors[id];
      if (!s || (zoneId !== undefined && s.zoneId !== zoneId)) continue;
      const list = groups.get(s.kind) ?? [];
      list.push(s);
      groups.set(s.kind, list);
    }
    return SENSOR_KINDS.filter((k) => groups.has(k)).map((k) => {
      const list = groups.get(k)!;
      return [k, list.sort((a, b) => Number(a.status === 'ok') - Number(b.status === 'ok'))] as const;
    });
  }, [sensors, order, zoneId]);
  if (byKind.length === 0) return <p className="empty">{t('sensors.none')}</p>;
  return (
    <div className="sensor-groups">
      {byKind.map(([kind, list]) => {
        const bad = list.filter((s) => s.status !== 'ok').length;
        return (
          <section key={kind} className="sensor-group" aria-label={t(sensorKindKey(kind))}>
            <h3>
              {t(sensorKindKey(kind))} <span className="muted">{list.length}</span>
              {bad > 0 ? <span className="sensor-bad"> · {t('sensors.notOk', { n: bad })}</span> : null}
            </h3>
            <ul>
              {list.map((s) => (
                <SensorRow key={s.id} venueId={venueId} sensor={s} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
