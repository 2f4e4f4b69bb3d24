'use client';

import type { LevelOfService } from '@/lib/contracts/level-of-service';
import type { ZoneLive } from '@/lib/contracts/stream';
import type { Translate } from '@/lib/i18n/translate';
import type { Formatters } from '@/components/format/format';

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

export function flowText(zone: ZoneLive, f: Formatters): string {
  return zone.flowInPerMin === null ? '—' : `+${f.int(zone.flowInPerMin)} / −${f.int(zone.flowOutPerMin ?? 0)}`;
}

/** "12 min", "full", or null when not filling within the shown horizon. */
export function fillsInText(zone: ZoneLive, t: Translate, f: Formatters): string | null {
  const m = zone.minutesToCapacity;
  if (m === null || m >= TIME_TO_CAPACITY_SHOWN_MIN) return null;
  return m < 1 ? t('zone.full') : f.age(Math.round(m) * 60_000);
}
