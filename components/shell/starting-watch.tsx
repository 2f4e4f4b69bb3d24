'use client';

import { useEffect } from 'react';
import { deadline } from '@/components/net/deadline';

/**
 * Asks every 2 s whether the server can tell who this is yet (its database attached, or the live feed
 * up and a view pass with the session), then goes on to `next`; signed out goes on too (to sign-in).
 */
export function StartingWatch({ next }: { next: string }) {
  useEffect(() => {
    let asking = false;
    const timer = setInterval(async () => {
      if (asking) return;
      asking = true;
      const status = await fetch('/api/auth/me', { cache: 'no-store', signal: deadline() })
        .then((r) => r.status)
        .catch(() => 0);
      asking = false;
      // A full load (the server's checks run again), replacing this page so Back does not return to it.
      if (status === 200 || status === 401) window.location.replace(next);
    }, 2000);
    return () => clearInterval(timer);
  }, [next]);
  return null;
}
