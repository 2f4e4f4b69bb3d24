/**
 * The latency probe's crowd count (bench/load-publisher.ts publishes it, bench/latency.ts reads it back):
 * probe n counts n people, or PROBE_JUMP + n for odd n, so each probe moves the count by about a thousand, as
 * a stand emptying or filling does. The wall is sent such a jump at once (the stream hub's KPIS_AT_ONCE); a
 * count creeping up by one would be the crowd's drift, paced to once a second.
 */
export const PROBE_JUMP = 1000;

export const probeCount = (n: number) => (n % 2 === 1 ? PROBE_JUMP + n : n);

/** Which probe a count shows (0: none yet). */
export const probeIndex = (count: number) => (count > PROBE_JUMP ? count - PROBE_JUMP : count);
