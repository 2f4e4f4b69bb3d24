'use client';

import type { LevelOfService } from '@/lib/contracts/level-of-service';
import type { ZoneLive } from '@/lib/contracts/stream';

/** Time to capacity is shown when under this many minutes. */
export const TIME_TO_CAPACITY_SHOWN_MIN = 30;

export const LOS_TONE: Record<LevelOfService, 'ok' | 'warning' | 'critical'> = {
  A: 'ok',
  B: 'ok',
  C: 'ok',
  D: 'warning',
  E: 'critical',
  F: 'critical',
};

export function LosBadge({ los }: { los: LevelOfService }) {
  return <span className={`los los-${LOS_TONE[los]}`}>{los}</span>;
}

export function flowText(zone: ZoneLive): string {
  return zone.flowInPerMin === null
    ? '—'
    : `+${zone.flowInPerMin.toLocaleString('en-US')} / −${(zone.flowOutPerMin ?? 0).toLocaleString('en-US')}`;
}

/** "12 min", "full", or null when not filling within the shown horizon. */
export function fillsInText(zone: ZoneLive): string | null {
  const m = zone.minutesToCapacity;
  if (m === null || m >= TIME_TO_CAPACITY_SHOWN_MIN) return null;
  return m < 1 ? 'full' : `${Math.round(m)} min`;
}
