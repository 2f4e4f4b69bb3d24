import { describe, expect, it } from 'vitest';
import { RingSeries } from '../ingest/ring-series';
import { sparklinesOf } from './history-views';

const MIN = 60_000;
const NOW = 1_800_000_000_000 - (1_800_000_000_000 % MIN) + 30_000; // half-way through a minute

describe('sensor sparklines', () => {
  it('lay every sensor on the same hour of minutes, newest last, silent minutes null', () => {
    const a = new RingSeries(60, MIN);
    const b = new RingSeries(60, MIN);
    a.add(NOW, 10); // this minute
    a.add(NOW - 2 * MIN, 4);
    a.add(NOW - 2 * MIN, 6); // mean 5
    b.add(NOW - 59 * MIN, 1.23456); // the oldest minute still in the hour
    const out = sparklinesOf(
      'v',
      [
        { def: { id: 'a' }, history: a },
        { def: { id: 'b' }, history: b },
      ],
      NOW,
    );
    expect(out.bucketMs).toBe(MIN);
    expect(out.from).toBe(NOW - 30_000 - 59 * MIN);
    expect(out.series.a).toHaveLength(60);
    expect(out.series.a![59]).toBe(10);
    expect(out.series.a![57]).toBe(5);
    expect(out.series.a![58]).toBeNull();
    expect(out.series.b![0]).toBe(1.23);
    expect(out.series.b!.slice(1).every((v) => v === null)).toBe(true);
  });

  it('answers an empty venue with no series', () => {
    expect(sparklinesOf('v', [], NOW).series).toEqual({});
  });
});
