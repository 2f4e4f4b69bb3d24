'use client';

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { connectStream } from './stream-connection';
import { createVenueStore, type VenueState, type VenueStore } from './venue-store';

const VenueContext = createContext<VenueStore | null>(null);

/** One venue's store, streaming only that venue (plus the city KPIs) from the server. */
export function VenueProvider({ venueId, children }: { venueId: string; children: ReactNode }) {
  const [store] = useState(createVenueStore);
  useEffect(() => connectStream(store, `/api/stream?venue=${encodeURIComponent(venueId)}`), [store, venueId]);
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
