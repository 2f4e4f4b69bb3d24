import { describe, expect, it } from 'vitest';
import { watchdogVerdict, type WatchdogObservation } from './watchdog';

const bounds = { reloadAfterDeadMs: 120_000, maxHeapBytes: 1024 * 2 ** 20, coolDownMs: 600_000 };
const at = (now: number, over: Partial<WatchdogObservation> = {}): WatchdogObservation => ({
  now,
  phase: 'reconnecting',
  heapBytes: 100 * 2 ** 20,
  lastReloadAt: 0,
  ...over,
});

describe('the wall watchdog', () => {
  it('reloads a stream dead past the bound, counted from the first check that saw it dead', () => {
    let v = watchdogVerdict(null, at(1_000_000), bounds);
    expect(v).toEqual({ reload: false, deadSince: 1_000_000 });
    v = watchdogVerdict(1_000_000, at(1_119_999), bounds);
    expect(v.reload).toBe(false);
    v = watchdogVerdict(1_000_000, at(1_120_000), bounds);
    expect(v).toEqual({ reload: true, reason: 'stream dead for 120 s' });
  });

  it('forgets an outage once the stream is back, and never counts a stale feed as a dead stream', () => {
    expect(watchdogVerdict(1_000_000, at(1_200_000, { phase: 'live' }), bounds)).toEqual({
      reload: false,
      deadSince: null,
    });
    expect(watchdogVerdict(null, at(1_200_000, { phase: 'stale' }), bounds).reload).toBe(false);
  });

  it('reloads a heap past its bound, where the browser reports one', () => {
    expect(watchdogVerdict(null, at(1, { phase: 'live', heapBytes: 1100 * 2 ** 20 }), bounds)).toEqual({
      reload: true,
      reason: 'JS heap 1100 MiB over its bound',
    });
    expect(watchdogVerdict(null, at(1, { phase: 'live', heapBytes: null }), bounds).reload).toBe(false);
  });

  it('does not reload twice within the cool-down, so a low bound cannot loop', () => {
    const big = { phase: 'live' as const, heapBytes: 2000 * 2 ** 20 };
    expect(watchdogVerdict(null, at(1_000_000, { ...big, lastReloadAt: 900_000 }), bounds).reload).toBe(false);
    expect(watchdogVerdict(null, at(2_000_000, { ...big, lastReloadAt: 900_000 }), bounds).reload).toBe(true);
  });
});
