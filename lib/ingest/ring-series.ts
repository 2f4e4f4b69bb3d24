/**
 * A bounded time series: fixed-width buckets (downsampling by mean) in a ring of fixed
 * length. Memory is allocated once; old buckets fall off; nothing grows.
 */
export class RingSeries {
  private readonly sums: Float64Array;
  private readonly counts: Uint32Array;
  /** Bucket number (t / bucketMs) of the newest bucket, or -1 when empty. */
  private head = -1;

  constructor(
    readonly capacity: number,
    readonly bucketMs: number,
  ) {
    if (!(capacity > 0) || !(bucketMs > 0)) throw new RangeError('capacity and bucketMs must be positive');
    this.sums = new Float64Array(capacity);
    this.counts = new Uint32Array(capacity);
  }

  /** Adds a sample at time `t` (ms). Samples older than the window are ignored. */
  add(t: number, value: number): void {
    if (!Number.isFinite(value)) return;
    const b = Math.floor(t / this.bucketMs);
    if (this.head === -1) {
      this.head = b;
    } else if (b > this.head) {
      // Clear the buckets we skip over (at most a whole ring's worth).
      const steps = Math.min(b - this.head, this.capacity);
      for (let i = 1; i <= steps; i++) {
        const slot = (this.head + i) % this.capacity;
        this.sums[slot] = 0;
        this.counts[slot] = 0;
      }
      this.head = b;
    } else if (b <= this.head - this.capacity) {
      return;
    }
    const slot = ((b % this.capacity) + this.capacity) % this.capacity;
    this.sums[slot]! += value;
    this.counts[slot]! += 1;
  }

  /** Buckets with data, oldest first, as [bucket start ms, mean]. */
  points(): [number, number][] {
    const out: [number, number][] = [];
    if (this.head === -1) return out;
    for (let b = this.head - this.capacity + 1; b <= this.head; b++) {
      if (b < 0) continue;
      const slot = b % this.capacity;
      const n = this.counts[slot]!;
      if (n > 0) out.push([b * this.bucketMs, this.sums[slot]! / n]);
    }
    return out;
  }

  /**
   * The mean over the buckets starting in [from, to), weighted by their samples, and how many
   * samples it holds; undefined when none (or the span has left the window).
   */
  aggregate(from: number, to: number): { mean: number; samples: number } | undefined {
    if (this.head === -1) return undefined;
    let sum = 0;
    let samples = 0;
    const first = Math.max(Math.ceil(from / this.bucketMs), this.head - this.capacity + 1, 0);
    for (let b = first; b * this.bucketMs < to && b <= this.head; b++) {
      const slot = b % this.capacity;
      sum += this.sums[slot]!;
      samples += this.counts[slot]!;
    }
    return samples > 0 ? { mean: sum / samples, samples } : undefined;
  }

  /** Lays one mean over every bucket starting in [from, to): history restored at a coarser step. */
  fill(from: number, to: number, value: number): void {
    for (let t = Math.ceil(from / this.bucketMs) * this.bucketMs; t < to; t += this.bucketMs) this.add(t, value);
  }

  /** The newest bucket's mean, or undefined. */
  latest(): [number, number] | undefined {
    if (this.head === -1) return undefined;
    const slot = this.head % this.capacity;
    const n = this.counts[slot]!;
    return n > 0 ? [this.head * this.bucketMs, this.sums[slot]! / n] : undefined;
  }
}
