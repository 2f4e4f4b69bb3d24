'use client';

import { useEffect } from 'react';
import { deadline } from '@/components/net/deadline';

/** Asks every 2 s whether the server has started, then goes on to `next`. */
export function StartingWatch({ next }: { next: string }) {
  useEffect(() => {
    let asking = false;
    const timer = setInterval(async () => {
      if (asking) return;
      asking = true;
      const live = await fetch('/api/health/live', { cache: 'no-store', signal: deadline() })
        .then((r) => r.json() as Promise<{ started?: boolean }>)
        .catch(() => undefined);
      asking = false;
      // A full load (the server's checks run again), replacing this page so Back does not return to it.
      if (live?.started) window.location.replace(next);
    }, 2000);
    return () => clearInterval(timer);
  }, [next]);
  return null;
}
