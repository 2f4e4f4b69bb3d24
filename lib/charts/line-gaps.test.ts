import { describe, expect, it } from 'vitest';
import { brokenAtGaps, maxStepMs } from './line-gaps';

describe('a chart line over a hole in the data', () => {
  it('breaks where the points are further apart than the step, and nowhere else', () => {
    const minute = 60_000;
    const points: [number, number][] = [
      [0, 100],
      [minute, 101],
      [3 * minute, 99], // one bucket missing: bridged
      [40 * minute, 60], // 37 minutes of nothing: a gap, not a slope from 99 to 60
      [41 * minute, 61],
    ];
    expect(brokenAtGaps(points, maxStepMs(minute))).toEqual([
      [0, 100],
      [minute, 101],
      [3 * minute, 99],
      [3 * minute + 1, null],
      [40 * minute, 60],
      [41 * minute, 61],
    ]);
  });

  it('keeps a slow source joined: the step is never shorter than its own silence', () => {
    // A sensor that reports every 5 minutes, in minute buckets: silent only after 3 missed reports.
    expect(maxStepMs(60_000, 3 * 300_000)).toBe(900_000);
    const every5: [number, number][] = [0, 5, 10, 15].map((m) => [m * 60_000, m]);
    expect(brokenAtGaps(every5, maxStepMs(60_000, 900_000)).some(([, v]) => v === null)).toBe(false);
  });

  it('leaves an empty or single-point line as it is', () => {
    expect(brokenAtGaps([], 1000)).toEqual([]);
    expect(brokenAtGaps([[5, 1]], 1000)).toEqual([[5, 1]]);
  });
});
