/**
 * The host cities' outlines made light to draw. deck.gl draws a path's segments as instances, and
 * software GL (SwiftShader, a wall PC without a GPU, a browser in a VM) pays per instance: the
 * province's 8,240 outline points, drawn in the main map and again in the inset, cost a frame there
 * some 400 ms of the page's main thread (docs/benchmarks.md). The main map gets outlines simplified
 * below a pixel at its scale, without islands too small to see; the inset gets the full detail, cut
 * to the part of the map it shows. Pure.
 */
import type { CityFeature } from './city-layers';

type Ring = [number, number][];
type Bounds = [[number, number], [number, number]];

/** About a pixel at the city level on a 4K wall (0.0055 degrees a pixel; half a pixel on a 1920 one). */
export const OUTLINE_TOLERANCE_DEG = 0.006;
/** Islands smaller than about a kilometre square: under a pixel at the city level. */
export const OUTLINE_MIN_AREA_DEG2 = 1e-4;

function ringArea(r: Ring): number {
  let s = 0;
  for (let i = 0; i < r.length - 1; i++) s += r[i]![0] * r[i + 1]![1] - r[i + 1]![0] * r[i]![1];
  return Math.abs(s / 2);
}

/** Douglas-Peucker on a closed ring (first point = last): the points that stray more than `tol` from the line kept. */
export function simplifyRing(ring: Ring, tol: number): Ring {
  if (ring.length <= 4) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  // A closed ring's ends are the same point: split it at the point farthest from them first.
  const [x0, y0] = ring[0]!;
  let far = 1;
  for (let i = 1; i < ring.length - 1; i++)
    if (Math.hypot(ring[i]![0] - x0, ring[i]![1] - y0) > Math.hypot(ring[far]![0] - x0, ring[far]![1] - y0)) far = i;
  keep[far] = 1;
  const spans: [number, number][] = [
    [0, far],
    [far, ring.length - 1],
  ];
  while (spans.length > 0) {
    const [a, b] = spans.pop()!;
    const [x1, y1] = ring[a]!;
    const [x2, y2] = ring[b]!;
    const dx = x2 - x1;
    const dy = y2 - y1;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let at = -1;
    for (let i = a + 1; i < b; i++) {
      const [x, y] = ring[i]!;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / len2));
      const d = Math.hypot(x - x1 - t * dx, y - y1 - t * dy);
      if (d > worst) [worst, at] = [d, i];
    }
    if (worst > tol) {
      keep[at] = 1;
      spans.push([a, at], [at, b]);
    }
  }
  return ring.filter((_, i) => keep[i] === 1);
}

/** The outlines simplified within `tol` degrees, without polygons smaller than `minArea` square degrees. */
export function lighterOutlines(
  cities: CityFeature[],
  tol = OUTLINE_TOLERANCE_DEG,
  minArea = OUTLINE_MIN_AREA_DEG2,
): CityFeature[] {
  return cities.map((f) => ({
    ...f,
    geometry: {
      ...f.geometry,
      coordinates: f.geometry.coordinates
        .filter((polygon) => polygon[0] !== undefined && ringArea(polygon[0] as Ring) >= minArea)
        .map((polygon) =>
          polygon.map((ring) => simplifyRing(ring as Ring, tol)).filter((ring, i) => i === 0 || ring.length >= 4),
        ),
    },
  }));
}

/** Sutherland-Hodgman: a closed ring cut to a box (the part inside, closed), or null if nothing is. */
export function clipRing(ring: Ring, [[w, s], [e, n]]: Bounds): Ring | null {
  const edges: ((p: [number, number]) => boolean)[] = [
    (p) => p[0] >= w,
    (p) => p[0] <= e,
    (p) => p[1] >= s,
    (p) => p[1] <= n,
  ];
  const cross = (a: [number, number], b: [number, number], edge: number): [number, number] => {
    const [along, at] = edge < 2 ? [0, edge === 0 ? w : e] : [1, edge === 2 ? s : n];
    const t = (at - a[along]!) / (b[along]! - a[along]!);
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  };
  let pts = ring.slice(0, -1);
  edges.forEach((inside, edge) => {
    const out: Ring = [];
    pts.forEach((cur, i) => {
      const prev = pts[(i + pts.length - 1) % pts.length]!;
      if (inside(cur)) {
        if (!inside(prev)) out.push(cross(prev, cur, edge));
        out.push(cur);
      } else if (inside(prev)) out.push(cross(prev, cur, edge));
    });
    pts = out;
  });
  return pts.length >= 3 ? [...pts, pts[0]!] : null;
}

/** The outlines cut to a box: what a view of that part of the map draws. */
export function clippedTo(cities: CityFeature[], bounds: Bounds): CityFeature[] {
  return cities.flatMap((f) => {
    const coordinates = f.geometry.coordinates.flatMap((polygon) => {
      const outer = polygon[0] ? clipRing(polygon[0] as Ring, bounds) : null;
      if (!outer) return [];
      const holes = polygon.slice(1).flatMap((ring) => {
        const cut = clipRing(ring as Ring, bounds);
        return cut ? [cut] : [];
      });
      return [[outer, ...holes]];
    });
    return coordinates.length > 0 ? [{ ...f, geometry: { ...f.geometry, coordinates } }] : [];
  });
}

/** Points in the outlines: one instance each in the path that strokes them. */
export function outlinePoints(cities: CityFeature[]): number {
  return cities.reduce((n, f) => n + f.geometry.coordinates.flat().reduce((m, ring) => m + ring.length, 0), 0);
}
