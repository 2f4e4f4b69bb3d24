'use client';

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StreamSnapshot } from '@/lib/contracts/stream';
import { createSituationStore, type SituationState, type SituationStore } from './situation-store';
import { connectStream } from './stream-connection';

const SituationContext = createContext<SituationStore | null>(null);

/**
 * Creates the page's store (one per mount, never shared across requests) and streams into it
 * while `active`: a venue page shows no city-wide data, so it does not receive any. The last
 * city picture stays in the store (greyed by its phase) until the stream is back.
 */
export function SituationProvider({
  active = true,
  initial,
  children,
}: {
  active?: boolean;
  /** The city picture the page was rendered with (a full load of a city-level page), else none. */
  initial?: StreamSnapshot | null;
  children: ReactNode;
}) {
  const [store] = useState(() => createSituationStore(initial ?? undefined));
  useEffect(() => {
    if (!active) return;
    return connectStream(store);
  }, [store, active]);
  return <SituationContext.Provider value={store}>{children}</SituationContext.Provider>;
}

export function useSituationStore(): SituationStore {
  const store = useContext(SituationContext);
  if (!store) throw new Error('useSituation must be used inside <SituationProvider>');
  return store;
}

/** Outside a provider (the phone's alerts page), an empty store that never changes. */
let emptyStore: SituationStore | undefined;

/** Selects from the page's store if it has one, else from an empty one. */
export function useOptionalSituation<T>(selector: (s: SituationState) => T): T {
  const store = useContext(SituationContext) ?? (emptyStore ??= createSituationStore());
  return useStore(store, selector);
}

/** Selects from the store; re-renders only when the selected value changes. */
export function useSituation<T>(selector: (s: SituationState) => T): T {
  return useStore(useSituationStore(), selector);
}
