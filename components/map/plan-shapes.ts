/**
 * The venue plan as things to draw, from the venue store: zone shapes with a label point,
 * sensor dots, gate flow arrows, and what the camera fits at each level. Pure, so tested
 * without WebGL; plan-layers.ts turns these into deck.gl layers.
 */
import type { PlanPointT } from '@/lib/contracts/payloads.schema';
import type { SensorLive, VenuePlan, VenueSummary, ZoneLive } from '@/lib/contracts/stream';
import { bounds, interiorPoint, toLonLat } from '@/lib/plan/plan-geometry';

export interface PlanView {
  summary: VenueSummary;
  plan: VenuePlan;
  zones: Record<string, ZoneLive>;
  zoneOrder: string[];
  sensors: Record<string, SensorLive>;
  sensorOrder: string[];
}

export interface ZoneShape {
  zone: ZoneLive;
  outline: PlanPointT[];
  centre: PlanPointT;
}

export interface SensorDot {
  sensor: SensorLive;
  position: PlanPointT;
}

export interface GateArrow {
  zoneId: string;
  kind: 'in' | 'out';
  path: PlanPointT[];
  flow: number;
}

/** One label per gate with people moving, beyond the arrows' outer ends. */
export interface GateFlowLabel {
  zoneId: string;
  position: PlanPointT;
  flowIn: number;
  flowOut: number;
}

export function gateFlowLabels(shapes: readonly ZoneShape[], radius: number): GateFlowLabel[] {
  return shapes.flatMap(({ zone, centre }) => {
    if (zone.kind !== 'gate' || zone.flowInPerMin === null) return [];
    const flowIn = zone.flowInPerMin;
    const flowOut = zone.flowOutPerMin ?? 0;
    if (flowIn <= 0 && flowOut <= 0) return [];
    const d = Math.hypot(centre[0], centre[1]) || 1;
    const reach = radius * 0.22 * 1.35;
    return [
      {
        zoneId: zone.id,
        position: [centre[0] + (centre[0] / d) * reach, centre[1] + (centre[1] / d) * reach] as PlanPointT,
        flowIn,
        flowOut,
      },
    ];
  });
}

/** Each outline's label point, worked out once per plan (an outline is the plan's own array). */
const centres = new WeakMap<PlanPointT[], PlanPointT>();
const centreOf = (outline: PlanPointT[]) => {
  let c = centres.get(outline);
  if (!c) centres.set(outline, (c = interiorPoint(outline)));
  return c;
};

export function zoneShapes(v: PlanView): ZoneShape[] {
  return v.zoneOrder.flatMap((id) => {
    const zone = v.zones[id];
    const outline = v.plan.zones[id];
    return zone && outline ? [{ zone, outline, centre: centreOf(outline) }] : [];
  });
}

/** The plan's radius in metres: how big arrows and offsets are drawn. */
export function planRadius(plan: VenuePlan): number {
  const b = bounds(Object.values(plan.zones).flat());
  if (!b) return 100;
  return Math.max(20, ...b.flat().map(Math.abs));
}

function arrowPath(from: PlanPointT, to: PlanPointT, head: number): PlanPointT[] {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  // Two barbs at ±30° behind the tip.
  const c = Math.cos(Math.PI / 6);
  const s = Math.sin(Math.PI / 6);
  const barb = (sign: number): PlanPointT => [
    to[0] - head * (ux * c - sign * uy * s),
    to[1] - head * (uy * c + sign * ux * s),
  ];
  return [from, to, barb(1), to, barb(-1)];
}

/**
 * Pure: at each gate with people moving, an arrow in from outside (entries) and one out
 * beside it (exits), pointing along the line from the venue's centre through the gate.
 */
export function gateArrows(shapes: readonly ZoneShape[], radius: number): GateArrow[] {
  const out: GateArrow[] = [];
  const length = radius * 0.22;
  const head = length * 0.3;
  for (const { zone, centre } of shapes) {
    if (zone.kind !== 'gate') continue;
    const d = Math.hypot(centre[0], centre[1]) || 1;
    const ox = centre[0] / d; // outward
    const oy = centre[1] / d;
    const side: PlanPointT = [-oy * length * 0.3, ox * length * 0.3];
    const flowIn = zone.flowInPerMin ?? 0;
    const flowOut = zone.flowOutPerMin ?? 0;
    if (flowIn > 0) {
      const tip: PlanPointT = [centre[0] - side[0], centre[1] - side[1]];
      const tail: PlanPointT = [tip[0] + ox * length, tip[1] + oy * length];
      out.push({ zoneId: zone.id, kind: 'in', path: arrowPath(tail, tip, head), flow: flowIn });
    }
    if (flowOut > 0) {
      const tail: PlanPointT = [centre[0] + side[0], centre[1] + side[1]];
      const tip: PlanPointT = [tail[0] + ox * length, tail[1] + oy * length];
      out.push({ zoneId: zone.id, kind: 'out', path: arrowPath(tail, tip, head), flow: flowOut });
    }
  }
  return out;
}

export function sensorDots(v: PlanView): SensorDot[] {
  return v.sensorOrder.flatMap((id) => {
    const sensor = v.sensors[id];
    const position = v.plan.sensors[id];
    return sensor && position ? [{ sensor, position }] : [];
  });
}

/** The points the view should fit for a level: the whole plan, one zone, or one sensor. */
export function planFocus(
  v: Pick<PlanView, 'plan' | 'summary'>,
  focus: { zoneId?: string; sensorId?: string },
): [number, number][] {
  const origin = v.summary;
  // The whole venue with a margin for the flow arrows and their labels outside the gates.
  const all = bounds(Object.values(v.plan.zones).flat());
  const margin = planRadius(v.plan) * 0.35;
  let points: PlanPointT[] = all
    ? [
        [all[0][0] - margin, all[0][1] - margin],
        [all[1][0] + margin, all[1][1] + margin],
      ]
    : [];
  if (focus.zoneId && v.plan.zones[focus.zoneId]) points = v.plan.zones[focus.zoneId]!;
  if (focus.sensorId && v.plan.sensors[focus.sensorId]) {
    const [x, y] = v.plan.sensors[focus.sensorId]!;
    // A sensor is a point: show it with 100 m around for context.
    points = [
      [x - 100, y - 100],
      [x + 100, y + 100],
    ];
  }
  return points.map((p) => toLonLat(origin, p));
}
