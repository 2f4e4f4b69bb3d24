/**
 * Geometry of venue plans (metres east/north of a venue's reference point): what the
 * map needs to place, label and fly to zones and sensors. Pure; shared by server,
 * browser and simulator tests.
 */
import type { PlanPointT } from '../contracts/payloads.schema';

/** Metres per degree of latitude, and of longitude at the equator (spherical approximation). */
const M_PER_DEG_LAT = 110_540;
const M_PER_DEG_LON = 111_320;

/** Signed area (m²) of a simple polygon; positive when counter-clockwise. */
export function signedArea(ring: readonly PlanPointT[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  }
  return a / 2;
}

/** Area centroid of a simple polygon (the vertex mean for a degenerate one). */
export function centroid(ring: readonly PlanPointT[]): PlanPointT {
  const a = signedArea(ring);
  if (Math.abs(a) < 1e-9) {
    const n = ring.length || 1;
    return [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n];
  }
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const cross = ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
    cx += (ring[j]![0] + ring[i]![0]) * cross;
    cy += (ring[j]![1] + ring[i]![1]) * cross;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

/** Even-odd rule. */
export function contains(ring: readonly PlanPointT[], [x, y]: PlanPointT): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * A point inside the polygon, for a label or an arrow: the centroid when it is inside
 * (convex-ish zones), else the middle of the widest inside stretch of the horizontal
 * line through it (a ring sector's centroid falls in the hole).
 */
export function interiorPoint(ring: readonly PlanPointT[]): PlanPointT {
  const c = centroid(ring);
  if (contains(ring, c)) return c;
  for (const axis of [0, 1] as const) {
    const other = 1 - axis;
    const cuts: number[] = [];
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const p = ring[i]!;
      const q = ring[j]!;
      if (p[other]! > c[other]! !== q[other]! > c[other]!) {
        cuts.push(p[axis]! + ((c[other]! - p[other]!) * (q[axis]! - p[axis]!)) / (q[other]! - p[other]!));
      }
    }
    cuts.sort((x, y) => x - y);
    let best: [number, number] | null = null;
    for (let k = 0; k + 1 < cuts.length; k += 2) {
      if (!best || cuts[k + 1]! - cuts[k]! > best[1] - best[0]) best = [cuts[k]!, cuts[k + 1]!];
    }
    if (best) {
      const mid = (best[0] + best[1]) / 2;
      return axis === 0 ? [mid, c[1]] : [c[0], mid];
    }
  }
  return c;
}

/** [[minX, minY], [maxX, maxY]] of some points; null for none. */
export function bounds(points: Iterable<PlanPointT>): [PlanPointT, PlanPointT] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return minX === Infinity
    ? null
    : [
        [minX, minY],
        [maxX, maxY],
      ];
}

/** A plan point as [lon, lat], near the origin (good to centimetres within a few km). */
export function toLonLat(origin: { lon: number; lat: number }, [east, north]: PlanPointT): [number, number] {
  return [
    origin.lon + east / (M_PER_DEG_LON * Math.cos((origin.lat * Math.PI) / 180)),
    origin.lat + north / M_PER_DEG_LAT,
  ];
}
