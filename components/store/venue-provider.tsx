'use client';

import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { connectStream } from './stream-connection';
import { createVenueStore, type VenueState, type VenueStore } from './venue-store';

const VenueContext = createContext<VenueStore | null>(null);

/**
 * The store of the venue on screen, streaming only that venue (plus the city KPIs). A new
 * venue gets a fresh store, so nothing of the last one shows under the new name; with no
 * venue (the city level) nothing streams.
 */
export function VenueProvider({ venueId, children }: { venueId: string | null; children: ReactNode }) {
  const store = useMemo(() => createVenueStore(venueId), [venueId]);
  useEffect(() => {
    if (venueId === null) return;
    return connectStream(store, `/api/stream?venue=${encodeURIComponent(venueId)}`);
  }, [store, venueId]);
  return <VenueContext.Provider value={store}>{children}</VenueContext.Provider>;
}

export function useVenueStore(): VenueStore {
  const store = useContext(VenueContext);
  if (!store) throw new Error('useVenue must be used inside <VenueProvider>');
  return store;
}

export function useVenue<T>(selector: (s: VenueState) => T): T {
  return useStore(useVenueStore(), selector);
}
