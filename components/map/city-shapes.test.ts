import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INSET_OUTLINE_BOUNDS, type CityFeature } from './city-layers';
import { clippedTo, clipRing, lighterOutlines, outlinePoints, simplifyRing } from './city-shapes';

const shipped = (
  JSON.parse(readFileSync('public/geo/zhejiang.geojson', 'utf8')) as GeoJSON.FeatureCollection<
    GeoJSON.MultiPolygon,
    CityFeature['properties']
  >
).features as CityFeature[];

describe('simplifyRing', () => {
  it('drops points on a straight edge and keeps a corner that strays', () => {
    const side = Array.from({ length: 9 }, (_, i) => [i / 8, 0] as [number, number]);
    const ring: [number, number][] = [...side, [1, 1], [0.5, 1.0005], [0, 1], [0, 0]];
    const out = simplifyRing(ring, 0.001);
    expect(out).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
    // A bump bigger than the tolerance stays.
    expect(simplifyRing(ring, 0.0001)).toContainEqual([0.5, 1.0005]);
  });
});

describe('clipRing', () => {
  const box: [[number, number], [number, number]] = [
    [0, 0],
    [2, 2],
  ];
  it('cuts a ring to the part inside the box, closed', () => {
    const out = clipRing(
      [
        [1, 1],
        [3, 1],
        [3, 3],
        [1, 3],
        [1, 1],
      ],
      box,
    )!;
    expect(out[0]).toEqual(out.at(-1));
    expect(new Set(out.map((p) => p.join(',')))).toEqual(new Set(['1,1', '2,1', '2,2', '1,2']));
  });
  it('gives nothing for a ring wholly outside, and a ring wholly inside as it was', () => {
    const outside: [number, number][] = [
      [3, 3],
      [4, 3],
      [4, 4],
      [3, 3],
    ];
    const inside: [number, number][] = [
      [0.5, 0.5],
      [1.5, 0.5],
      [1, 1.5],
      [0.5, 0.5],
    ];
    expect(clipRing(outside, box)).toBeNull();
    expect(clipRing(inside, box)).toEqual(inside);
  });
});

describe('the shipped outlines, made light to draw', () => {
  const before = outlinePoints(shipped);
  const main = lighterOutlines(shipped);
  const inset = clippedTo(shipped, INSET_OUTLINE_BOUNDS);

  it('keeps every city, each within a pixel of where it was at the city level', () => {
    expect(main.map((f) => f.properties.id)).toEqual(shipped.map((f) => f.properties.id));
    for (const f of main) expect(f.geometry.coordinates.length).toBeGreaterThan(0);
  });

  it('draws the main map and the inset with under a quarter of the points drawing both in full did', () => {
    // Each point is an instance of the path layer per view: software GL pays per instance per frame.
    expect(outlinePoints(main) + outlinePoints(inset)).toBeLessThan((2 * before) / 4);
  });

  it('cuts the inset to the core and around it, with Hangzhou in it in full detail', () => {
    const [[w, s], [e, n]] = INSET_OUTLINE_BOUNDS;
    const points = inset.flatMap((f) => f.geometry.coordinates.flat(2) as unknown as [number, number][]);
    expect(points.every(([x, y]) => x >= w - 1e-9 && x <= e + 1e-9 && y >= s - 1e-9 && y <= n + 1e-9)).toBe(true);
    expect(inset.map((f) => f.properties.id)).toContain('hangzhou');
    // Not simplified: a point of Hangzhou's own outline inside the box is still there.
    const original = shipped.find((f) => f.properties.id === 'hangzhou')!.geometry.coordinates.flat(2);
    const inBox = original.find(([x, y]) => x! > w && x! < e && y! > s && y! < n)!;
    expect(points).toContainEqual(inBox);
  });
});
