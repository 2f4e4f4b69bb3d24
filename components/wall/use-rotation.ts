'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { AlertView } from '@/lib/contracts/alerts';
import type { RotationView } from '@/lib/contracts/wall';
import { useNow } from '@/components/format/use-now';
import { useSituation } from '@/components/store/situation-provider';
import { holdingAlert, holdStop, pathOf, planRotation, positionAt, type RotationStop } from './rotation';
import { wallQuery } from './wall-params';

export type RotationStatus =
  | { mode: 'rotating'; stop: RotationStop; index: number; count: number; endsAt: number }
  | { mode: 'paused' }
  | { mode: 'held'; alert: AlertView };

export interface Rotation {
  status: RotationStatus;
  pause: () => void;
  resume: () => void;
}

/** Kept in the tab's session, so the watchdog's reload leaves a paused wall paused. */
const PAUSED_KEY = 'vcc-rotation-paused';
const pausedListeners = new Set<() => void>();
const pausedStore = {
  subscribe(listener: () => void) {
    pausedListeners.add(listener);
    return () => void pausedListeners.delete(listener);
  },
  read: () => sessionStorage.getItem(PAUSED_KEY) === '1',
  /** The server cannot know: nothing moves until the browser has said. */
  readOnServer: () => null,
  write(paused: boolean) {
    if (paused) sessionStorage.setItem(PAUSED_KEY, '1');
    else sessionStorage.removeItem(PAUSED_KEY);
    for (const l of pausedListeners) l();
  },
};

const pauseRotation = () => pausedStore.write(true);
const resumeRotation = () => pausedStore.write(false);

/**
 * Plays the wall's playlist by moving between the views' URLs (wall keys kept). A new
 * unacknowledged critical alert overrides it: the wall goes to that venue and stays until
 * someone acknowledges, then picks the rotation up where the clock says it is. Someone who
 * navigates by hand pauses it.
 */
export function useRotation(views: RotationView[]): Rotation {
  const router = useRouter();
  const pathname = usePathname();
  const query = useSearchParams();
  const now = useNow(1000);
  const venueOrder = useSituation((s) => s.venueOrder);
  const alerts = useSituation((s) => s.alerts);
  const paused = useSyncExternalStore<boolean | null>(
    pausedStore.subscribe,
    pausedStore.read,
    pausedStore.readOnServer,
  );

  const plan = useMemo(() => planRotation(views, venueOrder), [views, venueOrder]);
  const held = useMemo(() => holdingAlert(Object.values(alerts)), [alerts]);
  const position = paused !== false || held ? null : positionAt(plan, now);
  const target = held ? holdStop(held) : position ? position.stop : null;
  const targetPath = target ? pathOf(target) : null;

  // The path this hook last asked for: any other arrival is someone navigating by hand.
  const requested = useRef(pathname);
  useEffect(() => {
    if (pathname !== requested.current && !held && paused !== null) {
      requested.current = pathname;
      pausedStore.write(true);
    }
  }, [pathname, held, paused]);

  const search = wallQuery(query);
  useEffect(() => {
    if (!targetPath || targetPath === requested.current) return;
    requested.current = targetPath;
    router.replace(targetPath + search, { scroll: false });
  }, [targetPath, search, router]);

  const status: RotationStatus = held
    ? { mode: 'held', alert: held }
    : position
      ? { mode: 'rotating', stop: position.stop, index: position.index, count: plan.length, endsAt: position.endsAt }
      : { mode: 'paused' };
  return { status, pause: pauseRotation, resume: resumeRotation };
}
