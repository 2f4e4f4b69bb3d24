'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { useVenue } from '@/components/store/venue-provider';
import { useT } from '@/components/i18n/i18n-provider';

/** Shows its children once the venue is known; says so plainly while connecting or when it is not. */
export function VenueGate({ venueId, children }: { venueId: string; children: ReactNode }) {
  const t = useT();
  const loaded = useVenue((s) => s.loaded);
  const known = useVenue((s) => s.known);
  if (!loaded) return <p className="empty venue-message">{t('venue.connecting')}</p>;
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
