'use client';

import Link from 'next/link';
import { useCallback } from 'react';
import { OFFLINE_AFTER_INTERVALS, SENSOR_KIND_INFO } from '@/lib/contracts/sensor-kinds';
import type { IncidentView, SensorLive } from '@/lib/contracts/stream';
import { HistoryChartLoader } from '@/components/charts/history-chart-loader';
import { Age } from '@/components/format/age';
import { formatAge, statusTextColor } from '@/components/format/format';
import { zoneHref } from '@/components/shell/level';
import { useVenue } from '@/components/store/venue-provider';
import type { VenueState } from '@/components/store/venue-store';
import { IncidentList } from './incident-list';
import { formatValue } from './sensor-list';
import { NotInVenue, VenueGate } from './venue-gate';

function thresholdsText(s: SensorLive): string {
  const t = s.thresholds;
  const parts = [
    t.critLow !== undefined ? `critical below ${t.critLow}` : null,
    t.warnLow !== undefined ? `warning below ${t.warnLow}` : null,
    t.warnHigh !== undefined ? `warning above ${t.warnHigh}` : null,
    t.critHigh !== undefined ? `critical above ${t.critHigh}` : null,
  ].filter(Boolean);
  return parts.length ? `${parts.join(', ')} ${s.unit}` : 'no thresholds';
}

function SensorFigures({ venueId, sensorId }: { venueId: string; sensorId: string }) {
  const sensor = useVenue((s) => s.sensors[sensorId]);
  const zone = useVenue((s) => (sensor?.zoneId ? s.zones[sensor.zoneId] : undefined));
  if (!sensor) return null;
  return (
    <div className="kpis venue-kpis">
      <section className="kpi" aria-label="Value">
        <h2 className="kpi-label">{SENSOR_KIND_INFO[sensor.kind].label}</h2>
        <p className="kpi-value" data-testid="sensor-value">
          {formatValue(sensor.value)} <span className="kpi-unit">{sensor.unit}</span>
        </p>
        <p className="kpi-sub">{thresholdsText(sensor)}</p>
      </section>
      <section className="kpi" aria-label="Sensor status">
        <h2 className="kpi-label">Status</h2>
        <p className="kpi-value" style={{ color: statusTextColor(sensor.status) }}>
          {sensor.status}
        </p>
        <p className="kpi-sub">
          heard <Age since={sensor.lastSeen} never="never" /> ago · expected every {formatAge(sensor.intervalMs)};
          offline after {formatAge(sensor.intervalMs * OFFLINE_AFTER_INTERVALS)} silent
        </p>
      </section>
      <section className="kpi" aria-label="Where">
        <h2 className="kpi-label">Where</h2>
        <p className="kpi-value kpi-text">
          {zone ? (
            <Link href={zoneHref(venueId, zone.id)} className="row-link">
              {zone.name.en}
            </Link>
          ) : (
            'Venue-wide'
          )}
        </p>
        <p className="kpi-sub">{zone ? <span lang="zh-CN">{zone.name.zh}</span> : 'not tied to one zone'}</p>
      </section>
    </div>
  );
}

/** One sensor: value against its thresholds, freshness, the last 60 minutes, its incidents. */
export function SensorPanels({ venueId, sensorId }: { venueId: string; sensorId: string }) {
  const exists = useVenue((s) => sensorId in s.sensors);
  const unit = useVenue((s) => s.sensors[sensorId]?.unit ?? '');
  const live = useCallback(
    (s: VenueState) => {
      const x = s.sensors[sensorId];
      return x && x.value !== null && x.ts ? ([x.ts, x.value] as const) : null;
    },
    [sensorId],
  );
  const about = useCallback((i: IncidentView) => i.sensorId === sensorId, [sensorId]);
  return (
    <div className="level-detail">
      <VenueGate venueId={venueId}>
        {exists ? (
          <>
            <SensorFigures venueId={venueId} sensorId={sensorId} />
            <section className="panel history-panel" aria-label={`Sensor ${sensorId}`}>
              <h2 className="panel-title">Last 60 minutes</h2>
              <HistoryChartLoader
                url={`/api/venues/${encodeURIComponent(venueId)}/sensors/${encodeURIComponent(sensorId)}/history`}
                label={`History of ${sensorId}, last 60 minutes`}
                unit={unit}
                live={live}
              />
            </section>
            <IncidentList where={about} empty="No incidents about this sensor." />
          </>
        ) : (
          <NotInVenue what="sensor" id={sensorId} venueId={venueId} />
        )}
      </VenueGate>
    </div>
  );
}
