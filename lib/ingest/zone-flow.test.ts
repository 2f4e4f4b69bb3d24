import { describe, expect, it } from 'vitest';
import { ZoneFlow } from './zone-flow';

describe('ZoneFlow', () => {
  it('gives people per minute in and out over the last minute', () => {
    const f = new ZoneFlow();
    // 10 in and 4 out every 5 s: 120 in, 48 out a minute.
    for (let s = 0; s <= 120; s += 5) f.add(s * 1000, (s / 5) * 10, (s / 5) * 4, (s / 5) * 6);
    expect(f.flowPerMinute()).toEqual({ in: 120, out: 48 });
  });

  it('estimates minutes to capacity from a filling trend, and nothing when emptying', () => {
    const filling = new ZoneFlow();
    // +100 people a minute from 1000: 2000 capacity is 10 minutes away from 1000.
    for (let m = 0; m <= 5; m++) filling.add(m * 60_000, 1000 + 100 * m, 0, 1000 + 100 * m);
    expect(filling.minutesToCapacity(2000)).toBeCloseTo(5, 5);
    expect(filling.minutesToCapacity(1400)).toBe(0);

    const burst = new ZoneFlow();
    for (let s = 0; s <= 30; s += 5) burst.add(s * 1000, 100 * s, 0, 100 * s);
    expect(burst.minutesToCapacity(20_000)).toBeNull();

    const emptying = new ZoneFlow();
    for (let m = 0; m <= 5; m++) emptying.add(m * 60_000, 1000, 100 * m, 1000 - 100 * m);
    expect(emptying.minutesToCapacity(2000)).toBeNull();
  });

  it('keeps at most one sample per interval and a bounded ring', () => {
    const f = new ZoneFlow(8, 5_000);
    for (let t = 0; t < 600_000; t += 100) f.add(t, t / 100, 0, t / 100);
    // Still answers from the newest samples only.
    expect(f.flowPerMinute(20_000)!.in).toBeCloseTo(600, 0);
  });

  it('starts again when a source restarts its counters', () => {
    const f = new ZoneFlow();
    f.add(0, 5000, 1000, 4000);
    f.add(5_000, 5100, 1000, 4100);
    f.add(10_000, 10, 0, 10); // restarted
    expect(f.flowPerMinute()).toBeNull();
    f.add(15_000, 30, 0, 30);
    expect(f.flowPerMinute()).toEqual({ in: 240, out: 0 });
  });
});
