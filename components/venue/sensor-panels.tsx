'use client';

import { IntentLink } from '@/components/shell/intent-link';
import { useCallback } from 'react';
import { OFFLINE_AFTER_INTERVALS } from '@/lib/contracts/sensor-kinds';
import type { IncidentView, SensorLive } from '@/lib/contracts/stream';
import { HistoryPanel } from '@/components/charts/history-panel';
import { SENSOR_STATUS_KEY, sensorKindKey, statusTextColor, type Formatters } from '@/components/format/format';
import { useNow } from '@/components/format/use-now';
import { zoneHref } from '@/components/shell/level';
import { useVenue } from '@/components/store/venue-provider';
import type { VenueState } from '@/components/store/venue-store';
import { IncidentList } from './incident-list';
import { formatValue } from './sensor-list';
import { useSensorTitleById } from './sensor-title';
import { NotInVenue, VenueGate } from './venue-gate';
import type { Translate } from '@/lib/i18n/translate';
import { localName, otherName } from '@/lib/i18n/locales';
import { useFormat, useLocale, useT } from '@/components/i18n/i18n-provider';

const SENSOR_HISTORY_TITLES = { hour: 'history.title', day: 'history.titleDay', games: 'history.titleGames' } as const;

function thresholdsText(s: SensorLive, t: Translate, f: Formatters): string {
  const th = s.thresholds;
  const n = (x: number) => f.num(x, 2);
  const parts = [
    th.critLow !== undefined ? t('sensor.critBelow', { n: n(th.critLow) }) : null,
    th.warnLow !== undefined ? t('sensor.warnBelow', { n: n(th.warnLow) }) : null,
    th.warnHigh !== undefined ? t('sensor.warnAbove', { n: n(th.warnHigh) }) : null,
    th.critHigh !== undefined ? t('sensor.critAbove', { n: n(th.critHigh) }) : null,
  ].filter(Boolean);
  return parts.length ? `${parts.join(', ')} ${s.unit}` : t('sensor.noThresholds');
}

function SensorFigures({ venueId, sensorId }: { venueId: string; sensorId: string }) {
  const sensor = useVenue((s) => s.sensors[sensorId]);
  const zone = useVenue((s) => (sensor?.zoneId ? s.zones[sensor.zoneId] : undefined));
  const t = useT();
  const f = useFormat();
  const locale = useLocale();
  const now = useNow(1000);
  if (!sensor) return null;
  return (
    <div className="kpis venue-kpis">
      <section className="kpi" aria-label={t('sensor.value')}>
        <h2 className="kpi-label">{t(sensorKindKey(sensor.kind))}</h2>
        <p className="kpi-value" data-testid="sensor-value">
          {formatValue(sensor.value, f)} <span className="kpi-unit">{sensor.unit}</span>
        </p>
        <p className="kpi-sub">{thresholdsText(sensor, t, f)}</p>
      </section>
      <section className="kpi" aria-label={t('sensor.status')}>
        <h2 className="kpi-label">{t('venue.status')}</h2>
        <p className="kpi-value" style={{ color: statusTextColor(sensor.status) }}>
          {t(SENSOR_STATUS_KEY[sensor.status])}
        </p>
        <p className="kpi-sub">
          {t('sensor.heard', {
            age: sensor.lastSeen ? f.age(now - sensor.lastSeen) : t('sensor.never'),
            every: f.age(sensor.intervalMs),
            offline: f.age(sensor.intervalMs * OFFLINE_AFTER_INTERVALS),
          })}
        </p>
      </section>
      <section className="kpi" aria-label={t('sensor.where')}>
        <h2 className="kpi-label">{t('sensor.where')}</h2>
        <p className="kpi-value kpi-text">
          {zone ? (
            <IntentLink href={zoneHref(venueId, zone.id)} className="row-link">
              {localName(zone.name, locale)}
            </IntentLink>
          ) : (
            t('sensor.venueWide')
          )}
        </p>
        <p className="kpi-sub">
          {zone ? (
            <span lang={otherName(zone.name, locale).lang}>{otherName(zone.name, locale).text}</span>
          ) : (
            t('sensor.noZone')
          )}
        </p>
      </section>
    </div>
  );
}

/** One sensor: value against its thresholds, freshness, the last 60 minutes, its incidents. */
export function SensorPanels({ venueId, sensorId }: { venueId: string; sensorId: string }) {
  const exists = useVenue((s) => sensorId in s.sensors);
  const unit = useVenue((s) => s.sensors[sensorId]?.unit ?? '');
  const intervalMs = useVenue((s) => s.sensors[sensorId]?.intervalMs);
  const title = useSensorTitleById(sensorId) ?? sensorId;
  const live = useCallback(
    (s: VenueState) => {
      const x = s.sensors[sensorId];
      return x && x.value !== null && x.ts ? ([x.ts, x.value] as const) : null;
    },
    [sensorId],
  );
  const about = useCallback((i: IncidentView) => i.sensorId === sensorId, [sensorId]);
  const t = useT();
  return (
    <div className="level-detail">
      <VenueGate venueId={venueId}>
        {exists ? (
          <>
            <SensorFigures venueId={venueId} sensorId={sensorId} />
            <HistoryPanel
              url={`/api/venues/${encodeURIComponent(venueId)}/sensors/${encodeURIComponent(sensorId)}/history`}
              titles={SENSOR_HISTORY_TITLES}
              label={t('history.label', { what: title })}
              unit={unit}
              live={live}
              silentAfterMs={intervalMs === undefined ? undefined : intervalMs * OFFLINE_AFTER_INTERVALS}
            />
            <IncidentList where={about} empty={t('incidents.noneSensor')} />
          </>
        ) : (
          <NotInVenue what="sensor" id={sensorId} venueId={venueId} />
        )}
      </VenueGate>
    </div>
  );
}
