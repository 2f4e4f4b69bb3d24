'use client';

import { useCallback } from 'react';
import { density, levelOfService } from '@/lib/contracts/level-of-service';
import type { IncidentView } from '@/lib/contracts/stream';
import { HistoryChartLoader } from '@/components/charts/history-chart-loader';
import { Age } from '@/components/format/age';
import { formatInt } from '@/components/format/format';
import { useVenue } from '@/components/store/venue-provider';
import type { VenueState } from '@/components/store/venue-store';
import { IncidentList } from './incident-list';
import { SensorGroups } from './sensor-list';
import { NotInVenue, VenueGate } from './venue-gate';
import { fillsInText, flowText, LosBadge } from './zone-figures';

function ZoneFigures({ zoneId }: { zoneId: string }) {
  const zone = useVenue((s) => s.zones[zoneId]);
  if (!zone) return null;
  const los = levelOfService(zone.occupancy, zone.areaM2);
  const pct = zone.capacity > 0 ? Math.round((zone.occupancy / zone.capacity) * 100) : 0;
  const fills = fillsInText(zone);
  return (
    <div className="kpis venue-kpis zone-kpis">
      <section className="kpi" aria-label="People in the zone">
        <h2 className="kpi-label">People</h2>
        <p className="kpi-value" data-testid="zone-occupancy">
          {formatInt(zone.occupancy)}
        </p>
        <p className="kpi-sub">
          of {formatInt(zone.capacity)} · {pct}% · <Age since={zone.lastSeen} /> old
        </p>
      </section>
      <section className="kpi" aria-label="Level of service">
        <h2 className="kpi-label">Level of service</h2>
        <p className="kpi-value">
          <LosBadge los={los} />
        </p>
        <p className="kpi-sub">
          {density(zone.occupancy, zone.areaM2).toFixed(2)} persons/m² on {formatInt(zone.areaM2)} m²
        </p>
      </section>
      <section className="kpi" aria-label="Flow per minute">
        <h2 className="kpi-label">Flow /min in / out</h2>
        <p className="kpi-value">{flowText(zone)}</p>
        <p className="kpi-sub">
          {fills ? <span className="fills-soon">Full in {fills}</span> : 'Not filling within 30 min'}
        </p>
      </section>
    </div>
  );
}

/** One zone: its figures, its last hour of occupancy against capacity, its sensors and incidents. */
export function ZonePanels({ venueId, zoneId }: { venueId: string; zoneId: string }) {
  const exists = useVenue((s) => zoneId in s.zones);
  const name = useVenue((s) => s.zones[zoneId]?.name.en ?? zoneId);
  const capacity = useVenue((s) => s.zones[zoneId]?.capacity);
  const live = useCallback(
    (s: VenueState) => {
      const z = s.zones[zoneId];
      return z && z.lastSeen ? ([z.lastSeen, z.occupancy] as const) : null;
    },
    [zoneId],
  );
  const inZone = useCallback((i: IncidentView) => i.zoneId === zoneId, [zoneId]);
  return (
    <div className="level-detail">
      <VenueGate venueId={venueId}>
        {exists ? (
          <>
            <ZoneFigures zoneId={zoneId} />
            <section className="panel history-panel" aria-label="Occupancy, last 60 minutes">
              <h2 className="panel-title">Occupancy, last 60 minutes</h2>
              <HistoryChartLoader
                url={`/api/venues/${encodeURIComponent(venueId)}/zones/${encodeURIComponent(zoneId)}/history`}
                label={`Occupancy of ${name}, last 60 minutes`}
                unit="people"
                live={live}
                limit={capacity !== undefined ? { value: capacity, label: 'capacity' } : undefined}
              />
            </section>
            <IncidentList where={inZone} empty="No incidents in this zone." />
            <section className="panel sensors-panel" aria-label="Sensors">
              <h2 className="panel-title">Sensors in {name}</h2>
              <SensorGroups venueId={venueId} zoneId={zoneId} />
            </section>
          </>
        ) : (
          <NotInVenue what="zone" id={zoneId} venueId={venueId} />
        )}
      </VenueGate>
    </div>
  );
}
