/**
 * The words on a venue's plan: each zone's name and crowd, each gate's flow. Pure, so tested without a
 * browser; plan-label-overlay.ts writes them as page text over the canvas. As page text they are in the
 * reader's language and script (deck.gl's glyph atlas drew the registry's English only, with Latin figures)
 * and cost software GL nothing (its text program was part of a plan's first frame).
 */
import type { ZoneLive } from '@/lib/contracts/stream';
import { crowdMeasure, density } from '@/lib/contracts/level-of-service';
import type { Formatters } from '@/lib/i18n/format';
import { localName, type Locale } from '@/lib/i18n/locales';
import type { Translate } from '@/lib/i18n/translate';
import { toLonLat } from '@/lib/plan/plan-geometry';
import { gateFlowLabels, type ZoneShape } from './plan-shapes';

export interface PlanLabel {
  /** The zone's id, or `flow:` and the gate's id. */
  id: string;
  kind: 'zone' | 'flow';
  /** Where its centre goes, as longitude and latitude. */
  at: [number, number];
  lines: string[];
  /** Placed before labels of a higher rank where two would overlap: 0 is the most important. */
  rank: number;
}

export interface PlanLabelOptions {
  origin: { lon: number; lat: number };
  radius: number;
  live: boolean;
  selectedZone: string | null;
  locale: Locale;
  t: Translate;
  f: Formatters;
}

/** A zone's crowd in the measure that matters for it: density on a walkway, share of seats elsewhere. */
function crowdLine(zone: ZoneLive, f: Formatters): string {
  const m = crowdMeasure(zone);
  return m.measure === 'walkway' ? `${f.num(density(zone.occupancy, zone.areaM2), 1)} p/m²` : f.percent(m.percent);
}

/** Whether a zone's crowd is past what is safe: its label is kept over any other's. */
function crowded(zone: ZoneLive): boolean {
  const m = crowdMeasure(zone);
  return m.measure === 'walkway' ? m.los === 'E' || m.los === 'F' : m.over;
}

/**
 * Whether a zone's label carries its crowd: not before its first count; at a gate (a flow point, whose
 * figures are the flow beside its arrows: "0 p/m²" beside "+46 /min" read as a contradiction) only when
 * people crowd it.
 */
function figureShown(zone: ZoneLive, live: boolean): boolean {
  if (!zone.lastSeen) return false;
  return zone.kind !== 'gate' || (live && crowded(zone));
}

/**
 * Every label of the plan, most important first: the zone picked, zones over their limit, the gates'
 * flows, then zones by size (a stand's name before a gate's where they would collide).
 */
export function planLabels(shapes: readonly ZoneShape[], o: PlanLabelOptions): PlanLabel[] {
  const rankOf = (zone: ZoneLive) =>
    zone.id === o.selectedZone ? 0 : o.live && zone.lastSeen && crowded(zone) ? 1 : 3;
  const zones: PlanLabel[] = shapes
    .filter((s) => s.zone.kind !== 'concourse')
    .map((s) => ({
      id: s.zone.id,
      kind: 'zone' as const,
      at: toLonLat(o.origin, s.centre),
      lines: [localName(s.zone.name, o.locale), ...(figureShown(s.zone, o.live) ? [crowdLine(s.zone, o.f)] : [])],
      rank: rankOf(s.zone),
    }));
  const bySize = new Map(shapes.map((s) => [s.zone.id, s.zone.areaM2]));
  zones.sort((a, b) => a.rank - b.rank || (bySize.get(b.id) ?? 0) - (bySize.get(a.id) ?? 0));
  const flows: PlanLabel[] = o.live
    ? gateFlowLabels(shapes, o.radius).map((g) => ({
        id: `flow:${g.zoneId}`,
        kind: 'flow' as const,
        at: toLonLat(o.origin, g.position),
        lines: [o.t('map.gateFlow', { entering: o.f.int(g.flowIn), leaving: o.f.int(g.flowOut) })],
        rank: 2,
      }))
    : [];
  return [...zones.filter((z) => z.rank < 2), ...flows, ...zones.filter((z) => z.rank >= 2)];
}

export interface LabelBox {
  /** Centre, in CSS px of the map. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Which labels show, taken in order (most important first): one is left out where it would overlap one
 * already shown or cross the map's edge, so no two names print over each other on a small screen. What
 * is left out is a tap away (the zone's tooltip and page) and in the zones table.
 */
export function placeLabels(boxes: readonly LabelBox[], mapWidth: number, mapHeight: number, gapPx = 2): boolean[] {
  const shown: LabelBox[] = [];
  return boxes.map((b) => {
    const left = b.x - b.width / 2;
    const top = b.y - b.height / 2;
    if (left < 0 || top < 0 || left + b.width > mapWidth || top + b.height > mapHeight) return false;
    const overlaps = shown.some(
      (s) =>
        Math.abs(s.x - b.x) * 2 < s.width + b.width + 2 * gapPx &&
        Math.abs(s.y - b.y) * 2 < s.height + b.height + 2 * gapPx,
    );
    if (overlaps) return false;
    shown.push(b);
    return true;
  });
}
