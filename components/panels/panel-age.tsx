'use client';

import { useNow } from '@/components/format/use-now';
import type { StreamFreshness } from '@/components/store/data-age';
import { useTickedFreshness } from '@/components/store/use-ticked-freshness';
import { STREAM_HEARTBEAT_MS } from '@/lib/contracts/stream';
import { useFormat, useT } from '@/components/i18n/i18n-provider';

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
  const t = useT();
  const { age: formatAge } = useFormat();
  const age = at ? Math.max(0, now - at) : null;
  const stale = age === null || age > boundMs;
  return (
    <span className="panel-age" data-stale={stale ? '' : undefined} title={t('panel.ageHint')}>
      {formatAge(age)}
    </span>
  );
}

/**
 * Alerts come from the database through the stream: they are as fresh as its last message, by the
 * server's stamp (read from the store each second, so the panel around it does not re-render per message).
 */
export function StreamAge({ store }: { store: { getState(): StreamFreshness } }) {
  const { freshness } = useTickedFreshness(store);
  return (
    <PanelAge
      at={freshness.lastServerAt || null}
      serverOffsetMs={freshness.serverOffsetMs}
      boundMs={STREAM_HEARTBEAT_MS * 5}
    />
  );
}
