'use client';

import { formatAge } from '@/components/format/format';
import { useNow } from '@/components/format/use-now';

/**
 * The age of what a panel shows, in its title: "12 s". Past `boundMs` it is marked stale and
 * the panel greys out (globals.css), so a tile whose data stopped never looks current.
 */
export function PanelAge({
  at,
  serverOffsetMs = 0,
  boundMs,
}: {
  /** Server time (ms) the data is from; 0 or null: none yet. */
  at: number | null;
  serverOffsetMs?: number;
  boundMs: number;
}) {
  const now = useNow(1000) + serverOffsetMs;
  const age = at ? Math.max(0, now - at) : null;
  const stale = age === null || age > boundMs;
  return (
    <span className="panel-age" data-stale={stale ? '' : undefined} title="Age of the data in this panel">
      {formatAge(age)}
    </span>
  );
}
