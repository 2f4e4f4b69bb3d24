'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { useVenue } from '@/components/store/venue-provider';

/** Shows its children once the venue is known; says so plainly while connecting or when it is not. */
export function VenueGate({ venueId, children }: { venueId: string; children: ReactNode }) {
  const loaded = useVenue((s) => s.loaded);
  const known = useVenue((s) => s.known);
  if (!loaded) return <p className="empty venue-message">Connecting to the venue feed…</p>;
  if (!known) {
    return (
      <p className="empty venue-message" role="alert">
        No venue &lsquo;{venueId}&rsquo; has reported to this command center. <Link href="/">Back to all venues</Link>
      </p>
    );
  }
  return <>{children}</>;
}

/** A zone or sensor id the venue does not list: say so, with a way back to the venue. */
export function NotInVenue({ what, id, venueId }: { what: string; id: string; venueId: string }) {
  return (
    <p className="empty venue-message" role="alert">
      This venue has no {what} &lsquo;{id}&rsquo;. <Link href={`/venues/${venueId}`}>Back to the venue</Link>
    </p>
  );
}
