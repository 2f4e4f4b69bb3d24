'use client';

import { useEffect, useRef } from 'react';
import type { ConnectionPhase } from '@/components/store/connection-slice';
import { watchdogVerdict, type WatchdogBounds } from './watchdog';
import { deadline } from '@/components/net/deadline';

const CHECK_EVERY_MS = 5000;
const LAST_RELOAD_KEY = 'vcc-watchdog-reload';

interface ChromeMemory {
  memory?: { usedJSHeapSize: number };
}

/**
 * Reloads a wall that cannot recover by itself: its stream dead past the bound, or its heap
 * past the bound. Only when the server answers: a reload while it is down would swap a
 * greyed wall for an error page. Why it reloaded is logged and kept in the tab's session.
 */
export function useWatchdog(phase: ConnectionPhase, bounds: WatchdogBounds | null): void {
  const phaseNow = useRef(phase);
  useEffect(() => {
    phaseNow.current = phase;
  }, [phase]);

  useEffect(() => {
    if (!bounds) return;
    let deadSince: number | null = null;
    let probing = false;
    const check = async () => {
      const last = JSON.parse(sessionStorage.getItem(LAST_RELOAD_KEY) ?? 'null') as { at: number } | null;
      const verdict = watchdogVerdict(
        deadSince,
        {
          now: Date.now(),
          phase: phaseNow.current,
          heapBytes: (performance as ChromeMemory).memory?.usedJSHeapSize ?? null,
          lastReloadAt: last?.at ?? 0,
        },
        bounds,
      );
      if (!verdict.reload) {
        deadSince = verdict.deadSince;
        return;
      }
      if (probing) return;
      probing = true;
      const up = await fetch('/api/health', { cache: 'no-store', signal: deadline() }).then(
        (r) => r.ok,
        () => false,
      );
      probing = false;
      if (!up) return;
      console.warn(`[watchdog] reloading: ${verdict.reason}`);
      sessionStorage.setItem(LAST_RELOAD_KEY, JSON.stringify({ at: Date.now(), reason: verdict.reason }));
      window.location.reload();
    };
    const timer = setInterval(() => void check(), CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [bounds]);
}
