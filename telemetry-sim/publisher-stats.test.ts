import { describe, expect, it } from 'vitest';
import { describeStats, parseStatsLine, type PublisherStats } from './publisher';

describe('the simulator report', () => {
  it('names every cause of a message not sent, and benchmarks read it back', () => {
    const stats: PublisherStats = {
      published: 120_400,
      dropped: 5_511,
      droppedOffline: 10,
      droppedBackpressure: 1,
      droppedBehind: 5_500,
      ticksSkipped: 22,
      ticks: 480,
      maxBehindMs: 5_321.7,
    };
    const line = describeStats(stats);
    expect(line).toContain('not sent 5511');
    expect(line).toContain('simulator behind 5500 in 22 skipped ticks');
    // Everything but the tick count travels in the line; lateness in whole milliseconds.
    const reported: Partial<PublisherStats> = { ...stats };
    delete reported.ticks;
    expect(parseStatsLine(`noise\n${describeStats({ ...stats, published: 1 })}\n${line}\n`)).toEqual({
      ...reported,
      maxBehindMs: 5_322,
    });
    expect(parseStatsLine('[sim] connected')).toBeNull();
  });
});
