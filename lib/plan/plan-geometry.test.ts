import { describe, expect, it } from 'vitest';
import type { PlanPointT } from '../contracts/payloads.schema';
import { bounds, centroid, contains, interiorPoint, signedArea, toLonLat } from './plan-geometry';

const square: PlanPointT[] = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
];

/** The northern half of a ring between radius 8 and 10: its centroid falls in the hole. */
const halfRing: PlanPointT[] = [
  ...Array.from({ length: 13 }, (_, i): PlanPointT => [
    10 * Math.cos((i * Math.PI) / 12),
    10 * Math.sin((i * Math.PI) / 12),
  ]),
  ...Array.from({ length: 13 }, (_, i): PlanPointT => [
    8 * Math.cos(((12 - i) * Math.PI) / 12),
    8 * Math.sin(((12 - i) * Math.PI) / 12),
  ]),
];

describe('plan geometry', () => {
  it('measures area (signed by winding) and the centroid', () => {
    expect(signedArea(square)).toBe(100);
    expect(signedArea([...square].reverse())).toBe(-100);
    expect(centroid(square)).toEqual([5, 5]);
  });

  it('tells inside from outside', () => {
    expect(contains(square, [5, 5])).toBe(true);
    expect(contains(square, [15, 5])).toBe(false);
    expect(contains(halfRing, [0, 9])).toBe(true);
    expect(contains(halfRing, [0, 5])).toBe(false);
  });

  it('finds a point inside a ring sector even though its centroid is not', () => {
    expect(contains(halfRing, centroid(halfRing))).toBe(false);
    expect(contains(halfRing, interiorPoint(halfRing))).toBe(true);
    expect(interiorPoint(square)).toEqual([5, 5]);
  });

  it('bounds points and turns metres into degrees near the origin', () => {
    expect(bounds(square)).toEqual([
      [0, 0],
      [10, 10],
    ]);
    expect(bounds([])).toBeNull();
    const [lon, lat] = toLonLat({ lon: 120, lat: 30 }, [1000, 1000]);
    // 1 km east at 30°N is ~0.01037° of longitude; 1 km north ~0.00905° of latitude.
    expect(lon - 120).toBeCloseTo(0.010373, 5);
    expect(lat - 30).toBeCloseTo(0.009047, 5);
  });
});
