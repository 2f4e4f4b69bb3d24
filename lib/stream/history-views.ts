/** What the history routes answer, built from the model's rings. Pure: tested without a server. */
import type { SensorSparklines } from '../contracts/stream';
import type { RingSeries } from '../ingest/ring-series';

/** Each sensor's ring laid on the same hour of buckets, null where it sent nothing, to 2 decimals. */
export function sparklinesOf(
  venueId: string,
  sensors: readonly { def: { id: string }; history: RingSeries }[],
  now: number,
): SensorSparklines {
  // Every sensor's ring has the same shape.
  const bucketMs = sensors[0]?.history.bucketMs ?? 60_000;
  const slots = sensors[0]?.history.capacity ?? 60;
  const from = (Math.floor(now / bucketMs) - slots + 1) * bucketMs;
  const series: Record<string, (number | null)[]> = {};
  for (const s of sensors) {
    const row = new Array<number | null>(slots).fill(null);
    for (const [t, v] of s.history.points()) {
      const i = Math.round((t - from) / bucketMs);
      if (i >= 0 && i < slots) row[i] = Math.round(v * 100) / 100;
    }
    series[s.def.id] = row;
  }
  return { venueId, bucketMs, from, series };
}
