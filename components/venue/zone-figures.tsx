'use client';

import { crowdMeasure, type CrowdMeasure, type LevelOfService } from '@/lib/contracts/level-of-service';
import type { ZoneLive } from '@/lib/contracts/stream';
import type { Translate } from '@/lib/i18n/translate';
import type { Formatters } from '@/components/format/format';

/** Time to capacity is shown when under this many minutes. */
export const TIME_TO_CAPACITY_SHOWN_MIN = 30;

/** As the alarm rules judge it: E asks the stewards to act (minor), F is dangerous (critical); A to D need nothing (grey). */
export const LOS_TONE: Record<LevelOfService, 'ok' | 'warning' | 'critical'> = {
  A: 'ok',
  B: 'ok',
  C: 'ok',
  D: 'ok',
  E: 'warning',
  F: 'critical',
};

export function LosBadge({ los }: { los: LevelOfService }) {
  return <span className={`los los-${LOS_TONE[los]}`}>{los}</span>;
}

/** A walkway's level of service, or for a stand or the field what it is (over capacity is the only colour). */
export function CrowdBadge({ zone, m, t }: { zone: ZoneLive; m: CrowdMeasure; t: Translate }) {
  if (m.measure === 'walkway') return <LosBadge los={m.los} />;
  if (m.over) return <span className="los los-warning">{t('zones.overCapacity')}</span>;
  return <span className="muted">{t(zone.kind === 'field' ? 'zones.kind.field' : 'zones.kind.stand')}</span>;
}

/** The zone row's accessible name: its level of service, or its share of capacity. */
export function crowdLabel(name: string, zone: ZoneLive, t: Translate): string {
  const m = crowdMeasure(zone);
  return m.measure === 'walkway'
    ? t('zones.rowLabel', { zone: name, los: m.los })
    : t('zones.rowLabelCapacity', { zone: name, pct: m.percent });
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
