import { describe, expect, it } from 'vitest';
import { RingSeries } from './ring-series';

describe('RingSeries', () => {
  it('downsamples samples into bucket means', () => {
    const r = new RingSeries(10, 1000);
    r.add(0, 1);
    r.add(500, 3);
    r.add(1000, 10);
    expect(r.points()).toEqual([
      [0, 2],
      [1000, 10],
    ]);
  });

  it('keeps only the last `capacity` buckets and never grows', () => {
    const r = new RingSeries(5, 1000);
    for (let t = 0; t < 100_000; t += 250) r.add(t, t);
    const pts = r.points();
    expect(pts).toHaveLength(5);
    expect(pts[0]![0]).toBe(95_000);
    expect(pts[4]![0]).toBe(99_000);
  });

  it('leaves gaps empty and clears buckets it skips over', () => {
    const r = new RingSeries(4, 1000);
    r.add(0, 1);
    r.add(1000, 1);
    r.add(6000, 5);
    expect(r.points()).toEqual([[6000, 5]]);
  });

  it('ignores samples older than the window and non-finite values', () => {
    const r = new RingSeries(3, 1000);
    r.add(10_000, 1);
    r.add(1_000, 99);
    r.add(10_500, NaN);
    expect(r.points()).toEqual([[10_000, 1]]);
    expect(r.latest()).toEqual([10_000, 1]);
  });

  it('aggregates a span of buckets weighted by their samples, and nothing once it has left the window', () => {
    const r = new RingSeries(6, 10_000);
    r.add(60_000, 10);
    r.add(61_000, 20);
    r.add(75_000, 60);
    // (10 + 20 + 60) / 3 samples, over the minute's six 10 s buckets.
    expect(r.aggregate(60_000, 120_000)).toEqual({ mean: 30, samples: 3 });
    expect(r.aggregate(70_000, 80_000)).toEqual({ mean: 60, samples: 1 });
    expect(r.aggregate(0, 60_000)).toBeUndefined();
    r.add(200_000, 1);
    expect(r.aggregate(60_000, 120_000)).toBeUndefined();
  });

  it('fills a coarser mean into every bucket of its span (restored history)', () => {
    const r = new RingSeries(12, 30_000);
    r.fill(60_000, 120_000, 500);
    expect(r.points()).toEqual([
      [60_000, 500],
      [90_000, 500],
    ]);
  });
});
