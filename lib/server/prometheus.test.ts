import { describe, expect, it } from 'vitest';
import { escapeLabelValue, processMetrics } from './prometheus';

describe('metrics text', () => {
  it('escapes label values as the exposition format says, keeping what they say', () => {
    // A publisher name is the integrator's: it may hold anything.
    expect(escapeLabelValue('venue "A"\\north\nline')).toBe('venue \\"A\\"\\\\north\\nline');
  });

  it("carries the process's own metrics: CPU, memory, event-loop lag, GC", async () => {
    const text = await processMetrics();
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(text).toMatch(new RegExp(`^${name}(\\{[^}]*\\})? `, 'm'));
    }
    // GC durations by kind, once a collection has happened (none may have in a short test).
    expect(text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
    // Asked again (another route bundle, say), the same registry answers: no duplicate registration.
    expect(await processMetrics()).toContain('# TYPE process_cpu_seconds_total counter');
  });
});
