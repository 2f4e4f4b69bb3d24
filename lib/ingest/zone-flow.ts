/**
 * A zone's recent counter samples, for flow (people per minute in and out) and a
 * time-to-capacity estimate from the occupancy trend. A fixed ring: one sample per
 * `minIntervalMs` at most, so memory is bounded per zone whatever the message rate.
 */
export class ZoneFlow {
  private readonly t: Float64Array;
  private readonly entries: Float64Array;
  private readonly exits: Float64Array;
  private readonly occupancy: Float64Array;
  private head = -1;
  private size = 0;

  constructor(
    readonly capacity = 64,
    readonly minIntervalMs = 5_000,
  ) {
    this.t = new Float64Array(capacity);
    this.entries = new Float64Array(capacity);
    this.exits = new Float64Array(capacity);
    this.occupancy = new Float64Array(capacity);
  }

  add(t: number, entries: number, exits: number, occupancy: number): void {
    if (this.size > 0) {
      const h = this.head;
      const prev = (h - 1 + this.capacity) % this.capacity;
      // Counters went backwards: the source restarted its day; start the window again.
      if (entries < this.entries[h]! || exits < this.exits[h]!) this.size = 0;
      else if (this.size >= 2 && t - this.t[prev]! < this.minIntervalMs) {
        // The newest sample is the live one until it is an interval past the one before.
        this.t[h] = t;
        this.entries[h] = entries;
        this.exits[h] = exits;
        this.occupancy[h] = occupancy;
        return;
      }
    }
    this.head = (this.head + 1) % this.capacity;
    this.t[this.head] = t;
    this.entries[this.head] = entries;
    this.exits[this.head] = exits;
    this.occupancy[this.head] = occupancy;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Indices of samples within `windowMs` of the newest, oldest first. */
  private window(windowMs: number): number[] {
    if (this.size === 0) return [];
    const newest = this.t[this.head]!;
    const out: number[] = [];
    for (let k = this.size - 1; k >= 0; k--) {
      const i = (this.head - k + this.capacity) % this.capacity;
      if (newest - this.t[i]! <= windowMs) out.push(i);
    }
    return out;
  }

  /** People per minute in and out over the last `windowMs`; null without two samples. */
  flowPerMinute(windowMs = 60_000): { in: number; out: number } | null {
    const w = this.window(windowMs);
    if (w.length < 2) return null;
    const a = w[0]!;
    const b = w[w.length - 1]!;
    const minutes = (this.t[b]! - this.t[a]!) / 60_000;
    if (minutes <= 0) return null;
    return { in: (this.entries[b]! - this.entries[a]!) / minutes, out: (this.exits[b]! - this.exits[a]!) / minutes };
  }

  /**
   * Minutes until occupancy reaches `capacity` at the recent trend (least squares over
   * `windowMs`); 0 when already there; null when not filling or too little data.
   */
  minutesToCapacity(capacity: number, windowMs = 5 * 60_000, minSpanMs = 60_000): number | null {
    const w = this.window(windowMs);
    if (w.length < 3) return null;
    // A few seconds of a surge is not a trend: wait for at least a minute of samples.
    if (this.t[w[w.length - 1]!]! - this.t[w[0]!]! < minSpanMs) return null;
    const current = this.occupancy[w[w.length - 1]!]!;
    if (current >= capacity) return 0;
    const t0 = this.t[w[0]!]!;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (const i of w) {
      const x = (this.t[i]! - t0) / 60_000;
      const y = this.occupancy[i]!;
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    const n = w.length;
    const denominator = n * sxx - sx * sx;
    if (denominator <= 0) return null;
    const slope = (n * sxy - sx * sy) / denominator; // people per minute
    if (slope <= 0) return null;
    return (capacity - current) / slope;
  }
}
