/**
 * A schematic plan for a simulated venue: the field of play as an ellipse, stands and
 * concourses as rings of sectors around it, gates as short sectors outside, and every
 * sensor placed inside its zone. Real venues publish their own plans (from CAD/BIM);
 * these are made up, like everything else the simulator sends.
 *
 * Coordinates are metres east and north of the venue's reference point. Ring areas
 * follow the zones' declared areas, so a crowded zone looks as big as it is.
 */
import type { PlanPointT, SensorDefT, ZoneDefT } from '../lib/contracts/payloads.schema';

/** Field aspect ratio (long axis east-west). */
const ASPECT = 1.6;
/** Compass bearing (maths angle, radians) a stand is named after. */
const STAND_ANGLE: Record<string, number> = {
  North: Math.PI / 2,
  'North-East': Math.PI / 4,
  East: 0,
  'South-East': -Math.PI / 4,
  South: -Math.PI / 2,
  'South-West': (-3 * Math.PI) / 4,
  West: Math.PI,
  'North-West': (3 * Math.PI) / 4,
};
/** Share of a gate's angular slot that the gate itself takes. */
const GATE_SHARE = 0.4;

interface Ring {
  /** Semi-axes of the field ellipse, metres. */
  a: number;
  b: number;
}

const round = (x: number) => Math.round(x * 10) / 10;

/** The point at parametric angle `t` on the ellipse scaled by `k`. */
function at(r: Ring, k: number, t: number): PlanPointT {
  return [round(r.a * k * Math.cos(t)), round(r.b * k * Math.sin(t))];
}

/** A ring sector between scales `k0` and `k1`, angles `t0`..`t1`, as a polygon. */
function sector(r: Ring, k0: number, k1: number, t0: number, t1: number): PlanPointT[] {
  // Fine enough that chords stay close to the arcs even for a thin gate sector.
  const steps = Math.max(6, Math.ceil((t1 - t0) / (Math.PI / 48)));
  const outer: PlanPointT[] = [];
  const inner: PlanPointT[] = [];
  for (let i = 0; i <= steps; i++) {
    const t = t0 + ((t1 - t0) * i) / steps;
    outer.push(at(r, k1, t));
    inner.push(at(r, k0, t));
  }
  return [...outer, ...inner.reverse()];
}

function ellipse(r: Ring, k: number): PlanPointT[] {
  return Array.from({ length: 48 }, (_, i) => at(r, k, (2 * Math.PI * i) / 48));
}

interface Placement {
  k0: number;
  k1: number;
  t0: number;
  t1: number;
}

/** Sensor spots inside a zone: spread along its arc, alternating between two depths. */
function spots(r: Ring, p: Placement | 'field', n: number): PlanPointT[] {
  if (p === 'field') {
    // A sunflower spiral inside the inner 80% of the field.
    return Array.from({ length: n }, (_, i) => {
      const k = 0.8 * Math.sqrt((i + 0.5) / n);
      return at(r, k, i * 2.39996);
    });
  }
  return Array.from({ length: n }, (_, i) => {
    const t = p.t0 + ((p.t1 - p.t0) * (i + 0.5)) / n;
    const depth = n > 3 ? (i % 2 === 0 ? 0.3 : 0.7) : 0.5;
    return at(r, p.k0 + (p.k1 - p.k0) * depth, t);
  });
}

/** Stand sectors: each centred on its compass bearing, reaching half-way to its neighbours. */
function standSectors(stands: ZoneDefT[]): Map<string, [number, number]> {
  const placed = stands
    .map((z) => ({ id: z.id, angle: STAND_ANGLE[z.name.en.replace(/ Stand$/, '')] ?? 0 }))
    .sort((x, y) => x.angle - y.angle);
  const out = new Map<string, [number, number]>();
  placed.forEach((s, i) => {
    if (placed.length === 1) {
      out.set(s.id, [-Math.PI, Math.PI]);
      return;
    }
    const prev = i === 0 ? placed[placed.length - 1]!.angle - 2 * Math.PI : placed[i - 1]!.angle;
    const next = i === placed.length - 1 ? placed[0]!.angle + 2 * Math.PI : placed[i + 1]!.angle;
    out.set(s.id, [(prev + s.angle) / 2, (s.angle + next) / 2]);
  });
  return out;
}

/** Adds `outline` to every zone and `position` to every sensor. Pure; returns new objects. */
export function planVenue(zones: ZoneDefT[], sensors: SensorDefT[]): { zones: ZoneDefT[]; sensors: SensorDefT[] } {
  const field = zones.find((z) => z.kind === 'field');
  const stands = zones.filter((z) => z.kind === 'stand');
  const concourses = zones.filter((z) => z.kind === 'concourse');
  const gates = zones.filter((z) => z.kind === 'gate');
  const sum = (zs: ZoneDefT[]) => zs.reduce((n, z) => n + z.areaM2, 0);

  const fieldArea = field?.areaM2 ?? 1000;
  const a = Math.sqrt((fieldArea * ASPECT) / Math.PI);
  const r: Ring = { a, b: a / ASPECT };
  // Scaling the field ellipse by k multiplies its area by k², so each ring gets its zones' area.
  const k1 = Math.sqrt(1 + sum(stands) / fieldArea);
  const k2 = Math.sqrt(k1 * k1 + sum(concourses) / fieldArea);
  const gateSpan = gates.length ? ((2 * Math.PI) / gates.length) * GATE_SHARE : 0;
  const gateArea = gates.length ? sum(gates) / gates.length : 0;
  // A gate sector of span s between k2 and k3 has area a*b*(k3²-k2²)*s/2.
  const k3 = gates.length ? Math.sqrt(k2 * k2 + (2 * gateArea) / (r.a * r.b * gateSpan)) : k2;

  const placement = new Map<string, Placement | 'field'>();
  if (field) placement.set(field.id, 'field');
  const standAt = standSectors(stands);
  for (const z of stands) {
    const [t0, t1] = standAt.get(z.id)!;
    placement.set(z.id, { k0: 1, k1, t0, t1 });
  }
  concourses.forEach((z, i) => {
    // Concourse A starts in the north and they go round clockwise.
    const span = (2 * Math.PI) / concourses.length;
    const t1 = Math.PI / 2 - i * span + span / 2;
    placement.set(z.id, { k0: k1, k1: k2, t0: t1 - span, t1 });
  });
  gates.forEach((z, i) => {
    // Gate 1 in the north, clockwise.
    const centre = Math.PI / 2 - (i * 2 * Math.PI) / gates.length;
    placement.set(z.id, { k0: k2, k1: k3, t0: centre - gateSpan / 2, t1: centre + gateSpan / 2 });
  });

  const outlined = zones.map((z): ZoneDefT => {
    const p = placement.get(z.id);
    if (!p) return z;
    return { ...z, outline: p === 'field' ? ellipse(r, 1) : sector(r, p.k0, p.k1, p.t0, p.t1) };
  });

  // Sensors of a zone share its spots; sensors of no zone (power, UPS, uplinks) sit in a plant
  // room on the west side, just outside the concourse.
  const byZone = new Map<string, SensorDefT[]>();
  for (const s of sensors) {
    const key = s.zoneId !== undefined && placement.has(s.zoneId) ? s.zoneId : '';
    const list = byZone.get(key) ?? [];
    list.push(s);
    byZone.set(key, list);
  }
  const position = new Map<string, PlanPointT>();
  for (const [zoneId, list] of byZone) {
    const p: Placement | 'field' =
      zoneId === '' ? { k0: k3 + 0.05, k1: k3 + 0.15, t0: Math.PI * 0.9, t1: Math.PI * 1.1 } : placement.get(zoneId)!;
    const points = spots(r, p, list.length);
    list.forEach((s, i) => position.set(s.id, points[i]!));
  }
  return { zones: outlined, sensors: sensors.map((s) => ({ ...s, position: position.get(s.id)! })) };
}
