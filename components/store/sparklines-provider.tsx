'use client';

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SensorSparklines } from '@/lib/contracts/stream';
import { deadline } from '@/components/net/deadline';

/** The server's buckets are a minute wide: fetching more often would show nothing new. */
const REFRESH_MS = 60_000;

const SparklinesContext = createContext<SensorSparklines | null>(null);

/**
 * Every sensor's last hour for the venue on screen, from the server's history, refreshed
 * each minute; rows add their live value as the newest point.
 */
export function SparklinesProvider({ venueId, children }: { venueId: string | null; children: ReactNode }) {
  const [loaded, setLoaded] = useState<SensorSparklines | null>(null);
  useEffect(() => {
    if (venueId === null) return;
    const controller = new AbortController();
    const load = () =>
      fetch(`/api/venues/${encodeURIComponent(venueId)}/sparklines`, { signal: deadline(controller.signal) })
        .then((r) => (r.ok ? (r.json() as Promise<SensorSparklines>) : null))
        .then((body) => {
          if (body) setLoaded(body);
        })
        .catch(() => {
          /* aborted, or the server is away: the rows keep their last lines */
        });
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [venueId]);
  // Another venue's lines never show under this one's sensors.
  const value = loaded !== null && loaded.venueId === venueId ? loaded : null;
  return <SparklinesContext.Provider value={value}>{children}</SparklinesContext.Provider>;
}

/** One sensor's last hour (per-minute means, null where silent), or undefined before it loads. */
export function useSparkline(sensorId: string): (number | null)[] | undefined {
  return useContext(SparklinesContext)?.series[sensorId];
}
