/**
 * A hole in the data is drawn as a hole. ECharts joins every point of a line it is given, so a quarter of an
 * hour the server was down, or a sensor was silent, came out as a straight slope nobody measured; on the wall
 * it read as the city emptying. A null between two points further apart than the step breaks the line there.
 */

/** `points` (time-ordered `[t, value]`) with a `[t, null]` opening every gap longer than `maxStepMs`. */
export function brokenAtGaps(
  points: readonly (readonly [number, number])[],
  maxStepMs: number,
): [number, number | null][] {
  const out: [number, number | null][] = [];
  let previous: number | null = null;
  for (const [t, value] of points) {
    // Right after the last point: a step line ('end') draws each value on to the next point's time, so a break
    // further on would carry the last value across the hole.
    if (previous !== null && t - previous > maxStepMs) out.push([previous + 1, null]);
    out.push([t, value]);
    previous = t;
  }
  return out;
}

/**
 * The longest step a line of buckets takes without a break: one missing bucket is bridged (a late sample), two
 * are a gap; never less than the time after which the source itself counts as silent (a sensor reporting every
 * few minutes fills one bucket in several).
 */
export const maxStepMs = (bucketMs: number, silentAfterMs = 0): number => Math.max(2 * bucketMs, silentAfterMs);
