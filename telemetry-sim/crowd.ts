/**
 * Crowd flow in one venue. People arrive for each session, pass the gates, fill the
 * concourses and stands, and leave after it. Every move is an integer taken from one
 * zone and added to another, so per zone entries - exits = occupancy, occupancy never
 * goes negative and never exceeds the zone's physical maximum.
 */
import type { ZoneDefT } from '../lib/contracts/payloads.schema';
import type { Rng } from './rng';

export interface Session {
  /** Games-clock seconds since midnight. */
  start: number;
  end: number;
  attendance: number;
}

export interface ZoneCounters {
  def: ZoneDefT;
  entries: number;
  exits: number;
}

export const occupancyOf = (z: ZoneCounters) => z.entries - z.exits;

const ARRIVE_BEFORE = 90 * 60;
const ARRIVE_AFTER = 15 * 60;
const PEAK_BEFORE = 30 * 60;

/** Cumulative share of a session's audience that has arrived by games time `t` (triangular). */
export function arrivedShare(t: number, start: number): number {
  const a = start - ARRIVE_BEFORE;
  const c = start - PEAK_BEFORE;
  const b = start + ARRIVE_AFTER;
  if (t <= a) return 0;
  if (t >= b) return 1;
  if (t <= c) return ((t - a) * (t - a)) / ((b - a) * (c - a));
  return 1 - ((b - t) * (b - t)) / ((b - a) * (b - c));
}

/** Scanner readings follow the people screened over about this long (a scan rate, not a step's noise). */
const SCAN_SMOOTHING_S = 30;

export class VenueCrowd {
  readonly zones: ZoneCounters[];
  private readonly gates: ZoneCounters[];
  private readonly concourses: ZoneCounters[];
  private readonly stands: ZoneCounters[];
  private readonly field: ZoneCounters | undefined;
  private readonly arrived: number[];
  /** People outside the gates, waiting for room. */
  outsideQueue = 0;
  /** People screened in at each gate, per minute, smoothed over about half a minute: what its scanners read. */
  readonly screenedPerMinute = new Map<string, number>();
  /** Extra arrivals injected by a crowd-surge scenario, spread over the surge window. */
  private surge = { remaining: 0, until: 0 };

  constructor(
    zones: ZoneDefT[],
    readonly sessions: Session[],
    private readonly scannersPerGate: Map<string, number>,
    private readonly rng: Rng,
  ) {
    this.zones = zones.map((def) => ({ def, entries: 0, exits: 0 }));
    this.gates = this.zones.filter((z) => z.def.kind === 'gate');
    this.concourses = this.zones.filter((z) => z.def.kind === 'concourse');
    this.stands = this.zones.filter((z) => z.def.kind === 'stand');
    this.field = this.zones.find((z) => z.def.kind === 'field');
    this.arrived = sessions.map(() => 0);
  }

  get total(): number {
    let n = 0;
    for (const z of this.zones) n += occupancyOf(z);
    return n;
  }

  /** Stochastic rounding: deterministic for the seed, unbiased over time. */
  private round(x: number): number {
    const f = Math.floor(x);
    return f + (this.rng.next() < x - f ? 1 : 0);
  }

  private move(from: ZoneCounters | null, to: ZoneCounters | null, wanted: number): number {
    let n = Math.max(0, wanted);
    if (from) n = Math.min(n, occupancyOf(from));
    if (to) n = Math.min(n, to.def.maxOccupancy - occupancyOf(to));
    if (n <= 0) return 0;
    if (from) from.exits += n;
    if (to) to.entries += n;
    return n;
  }

  /** Adds `people` arriving over the next `seconds` of games time, beyond the schedule. */
  injectSurge(people: number, gamesNow: number, seconds: number) {
    this.surge = { remaining: this.surge.remaining + people, until: gamesNow + seconds };
  }

  private inSession(t: number): Session | undefined {
    return this.sessions.find((s) => t >= s.start - ARRIVE_BEFORE && t <= s.end + 45 * 60);
  }

  /** Advances the crowd by `dt` games seconds ending at games time `t`. */
  step(t: number, dt: number) {
    // Arrivals join the queue outside the gates.
    this.sessions.forEach((s, i) => {
      const target = Math.floor(s.attendance * arrivedShare(t, s.start));
      if (target > this.arrived[i]!) {
        this.outsideQueue += target - this.arrived[i]!;
        this.arrived[i] = target;
      }
    });
    if (this.surge.remaining > 0) {
      const left = Math.max(dt, this.surge.until - t);
      const n = Math.min(this.surge.remaining, Math.ceil((this.surge.remaining * dt) / left));
      this.surge.remaining -= n;
      this.outsideQueue += n;
    }

    const session = this.inSession(t);
    // A surge is people arriving: while it comes in they queue and are screened in, session or not
    // (outside a session the gates used to let them straight out again, and no queue ever formed).
    const arriving = this.surge.remaining > 0 || this.outsideQueue > 0;
    const leaving = (session === undefined || t > session.end) && !arriving;

    // Outside -> gates, spread over the gates.
    if (this.outsideQueue > 0 && this.gates.length > 0) {
      const share = Math.ceil(this.outsideQueue / this.gates.length);
      for (const g of this.gates) this.outsideQueue -= this.move(null, g, Math.min(share, this.outsideQueue));
    }
    // Gates screen people through at ~30 a minute per ticket scanner.
    this.gates.forEach((g, i) => {
      const rate = (this.scannersPerGate.get(g.def.id) ?? 4) * 0.5;
      const c = this.concourses[i % Math.max(1, this.concourses.length)];
      const n = c ? this.move(g, c, this.round(rate * dt)) : 0;
      // People often pass a gate within one step (its count stays 0): its scanners still scanned them.
      if (dt > 0) {
        const was = this.screenedPerMinute.get(g.def.id) ?? 0;
        const a = Math.min(1, dt / SCAN_SMOOTHING_S);
        this.screenedPerMinute.set(g.def.id, was + a * ((n * 60) / dt - was));
      }
    });
    if (!leaving) {
      // Concourse -> stands while a session is on or about to start; a little churn back.
      this.concourses.forEach((c, i) => {
        const stand =
          this.stands[(i + Math.floor(this.rng.next() * this.stands.length)) % Math.max(1, this.stands.length)];
        if (stand) this.move(c, stand, this.round(occupancyOf(c) * 0.02 * dt));
      });
      for (const s of this.stands) {
        const c = this.concourses[Math.floor(this.rng.next() * this.concourses.length)];
        if (c) this.move(s, c, this.round(occupancyOf(s) * 0.0004 * dt));
      }
    } else {
      // After the session: stands empty into the concourses, concourses out through the gates.
      for (const s of this.stands) {
        const c = this.concourses[Math.floor(this.rng.next() * this.concourses.length)];
        if (c) this.move(s, c, this.round(Math.max(1, occupancyOf(s) * (dt / 600))));
      }
      this.concourses.forEach((c, i) => {
        const g = this.gates[(i + Math.floor(this.rng.next() * this.gates.length)) % this.gates.length];
        if (g) this.move(c, g, this.round(Math.max(1, occupancyOf(c) * (dt / 240))));
      });
    }
    // Gates let leavers out quickly (exits are not screened).
    if (leaving) for (const g of this.gates) this.move(g, null, this.round(Math.max(1, occupancyOf(g) * (dt / 45))));
    // Athletes and officials on the field of play during a session.
    if (this.field) {
      const target = session && t <= session.end + 600 ? Math.round(this.field.def.capacity * 0.6) : 0;
      const diff = target - occupancyOf(this.field);
      if (diff > 0) this.move(null, this.field, this.round(Math.min(diff, 2 * dt)));
      else if (diff < 0) this.move(this.field, null, this.round(Math.min(-diff, 2 * dt)));
    }
  }
}
