'use client';

import Link from 'next/link';
import { useMemo, type ReactNode } from 'react';
import { AlertListPanel } from '@/components/alerts/alert-list-panel';
import { useT } from '@/components/i18n/i18n-provider';
import type { AlertMap } from '@/components/store/alert-map';
import { useOptionalSituation } from '@/components/store/situation-provider';
import { useVenue } from '@/components/store/venue-provider';
import { PeopleInsideTile, VenueStatusTile } from './venue-tiles';

/**
 * While the venue's own stream connects: what the city's stream already holds about it (open on
 * walls, so a wall that jumps to a venue shows it at once), else a plain "connecting".
 */
function HeldVenue({ venueId }: { venueId: string }) {
  const t = useT();
  const summary = useOptionalSituation((s) => s.venues[venueId]);
  const live = useOptionalSituation((s) => s.live[venueId]);
  const all = useOptionalSituation((s) => s.alerts);
  const alertsLoaded = useOptionalSituation((s) => s.alertsLoaded);
  const alerts = useMemo(() => {
    const mine: AlertMap = {};
    for (const a of Object.values(all)) if (a.venueId === venueId) mine[a.id] = a;
    return mine;
  }, [all, venueId]);
  // Held figures show even if the city stream is momentarily not live: the frame greys stale data itself.
  if (!summary || !live) return <p className="empty venue-message">{t('venue.connecting')}</p>;
  return (
    <div className="venue-held" data-testid="venue-held">
      <div className="kpis venue-kpis">
        <PeopleInsideTile occupancy={live.occupancy} capacity={summary.capacity} />
        <VenueStatusTile worst={live.worst} sub={t('venue.loadingDetail')} />
      </div>
      <AlertListPanel alerts={alerts} loaded={alertsLoaded} showVenue={false} maxRows={8} />
    </div>
  );
}

/** Shows its children once the venue is known; says so plainly while connecting or when it is not. */
export function VenueGate({ venueId, children }: { venueId: string; children: ReactNode }) {
  const t = useT();
  const loaded = useVenue((s) => s.loaded);
  const known = useVenue((s) => s.known);
  if (!loaded) return <HeldVenue venueId={venueId} />;
  if (!known) {
    return (
      <p className="empty venue-message" role="alert">
        {t('venue.unknown', { id: venueId })} <Link href="/">{t('venue.backToAll')}</Link>
      </p>
    );
  }
  return <>{children}</>;
}

/** A zone or sensor id the venue does not list: say so, with a way back to the venue. */
export function NotInVenue({ what, id, venueId }: { what: 'zone' | 'sensor'; id: string; venueId: string }) {
  const t = useT();
  return (
    <p className="empty venue-message" role="alert">
      {t(what === 'zone' ? 'venue.noZone' : 'venue.noSensor', { id })}{' '}
      <Link href={`/venues/${venueId}`}>{t('venue.backToVenue')}</Link>
    </p>
  );
}
