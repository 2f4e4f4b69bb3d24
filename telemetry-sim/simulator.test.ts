import { describe, expect, it } from 'vitest';
import type { RegistryPayloadT } from '../lib/contracts/payloads.schema';
import { CITIES } from '../lib/contracts/cities';
import { crowdMeasure } from '../lib/contracts/level-of-service';
import { parseTopic } from '../lib/contracts/topics';
import { validators } from '../lib/contracts/validate';
import { occupancyOf } from './crowd';
import { Simulator, type OutMessage } from './simulator';
import { VENUES } from './venues';
import { BROADCAST_SIGNALS } from './world';

const START = 1_800_000_000_000;

function run(sim: Simulator, ticks: number): OutMessage[] {
  const out: OutMessage[] = [];
  for (let i = 1; i <= ticks; i++) out.push(...sim.tick(START + i * sim.tickMs));
  return out;
}

describe('the simulated Games', () => {
  it('has the 56 competition venues in the six host cities, and 60 broadcast signals', () => {
    expect(VENUES).toHaveLength(56);
    expect(new Set(VENUES.map((v) => v.id)).size).toBe(56);
    const cities = new Set(VENUES.map((v) => v.cityId));
    expect([...cities].sort()).toEqual(CITIES.map((c) => c.id).sort());
    const sim = new Simulator({ seed: 1, scale: 1, startMs: START });
    const signals = sim.venues.flatMap((v) => v.world.def.sensors.filter((s) => s.kind === 'broadcast'));
    expect(signals).toHaveLength(BROADCAST_SIGNALS);
    for (const v of sim.venues) {
      expect(v.world.def.sensors.length, v.id).toBeGreaterThanOrEqual(80);
      expect(v.world.def.sensors.length, v.id).toBeLessThanOrEqual(300);
    }
  });

  it("seats each venue's stated capacity in its stands, no more and no less", () => {
    const sim = new Simulator({ seed: 1, scale: 1, startMs: START });
    for (const v of sim.venues) {
      const seats = v.world.def.zones.filter((z) => z.kind === 'stand').reduce((a, z) => a + z.capacity, 0);
      expect(seats, v.id).toBe(v.world.seed.capacity);
    }
  });

  it('publishes only what the contract accepts', () => {
    const sim = new Simulator({ seed: 7, scale: 1, startMs: START, speed: 30 });
    const messages = [...sim.registryMessages(START), ...run(sim, 200)];
    const refused: string[] = [];
    for (const m of messages) {
      const parsed = parseTopic(m.topic);
      if (!parsed) refused.push(`topic ${m.topic}`);
      else if (!validators[parsed.kind].Check(JSON.parse(m.payload))) refused.push(`${m.topic} ${m.payload}`);
      else if (m.qos !== (parsed.kind === 'sensor' || parsed.kind === 'crowd' ? 0 : 1)) refused.push(`qos ${m.topic}`);
    }
    expect(messages.length).toBeGreaterThan(10_000);
    expect(refused).toEqual([]);
  });

  it("carries each venue's sessions in its registry, in real time at the simulator's speed", () => {
    const sim = new Simulator({ seed: 7, scale: 1, startMs: START, speed: 20, gamesClockStart: 9 * 3600 });
    const reg = JSON.parse(sim.registryMessages(START)[0]!.payload) as RegistryPayloadT;
    const games = sim.venues[0]!.sessions;
    expect(reg.venue.sessions).toHaveLength(games.length);
    // A session starting an hour of games time from now starts three real minutes from now at 20x.
    reg.venue.sessions!.forEach((s, i) => {
      expect(s.start).toBe(Math.round(START + ((games[i]!.start - 9 * 3600) / 20) * 1000));
      expect(s.end - s.start).toBe(Math.round(((games[i]!.end - games[i]!.start) / 20) * 1000));
    });
  });

  it('is deterministic for a seed', () => {
    const a = run(new Simulator({ seed: 42, scale: 1, startMs: START }), 40);
    const b = run(new Simulator({ seed: 42, scale: 1, startMs: START }), 40);
    const c = run(new Simulator({ seed: 43, scale: 1, startMs: START }), 40);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('conserves people in every zone: entries - exits = occupancy, never negative, never above the maximum', () => {
    const sim = new Simulator({ seed: 3, scale: 1, startMs: START, speed: 120 });
    sim.applyScenario({ scenario: 'crowd-surge', venueId: 'hz-olympic-gymnasium' }, START);
    const violations: string[] = [];
    let published = 0;
    for (let i = 1; i <= 600; i++) {
      for (const m of sim.tick(START + i * 250)) {
        if (!m.topic.includes('/crowd/')) continue;
        const p = JSON.parse(m.payload) as { entries: number; exits: number; occupancy: number };
        published++;
        if (p.entries - p.exits !== p.occupancy) violations.push(`${m.topic}: ${m.payload}`);
      }
      for (const v of sim.venues) {
        for (const z of v.crowd.zones) {
          const occ = occupancyOf(z);
          if (occ < 0 || occ > z.def.maxOccupancy) violations.push(`${v.id}/${z.def.id} at tick ${i}: ${occ}`);
        }
      }
    }
    expect(published).toBeGreaterThan(90_000);
    expect(violations).toEqual([]);
    // The surge really pushed people in.
    expect(sim.findVenue('hz-olympic-gymnasium')!.crowd.total).toBeGreaterThan(0);
  });

  it('a surge outside any session still queues at the gates: people arriving are screened in', () => {
    // 03:00 Games time: the gymnasium's first session is hours away, its gates let leavers out.
    const sim = new Simulator({ seed: 3, scale: 1, startMs: START, gamesClockStart: 3 * 3600, speed: 20 });
    const v = sim.findVenue('hz-olympic-gymnasium')!;
    expect(v.crowd.sessions.every((x) => x.start - 2 * 3600 > 3 * 3600)).toBe(true);
    sim.applyScenario({ scenario: 'crowd-surge', venueId: 'hz-olympic-gymnasium' }, START);
    // 12 s at twenty times Games speed, as the browser tests run the simulator: the worst any gate reached.
    const seen = new Set<string>();
    for (let i = 1; i <= 48; i++) {
      sim.tick(START + i * 250);
      for (const g of v.crowd.zones.filter((z) => z.def.kind === 'gate')) {
        const m = crowdMeasure({ ...g.def, occupancy: occupancyOf(g) });
        if (m.measure === 'walkway') seen.add(m.los);
      }
    }
    // Outside a session the gates used to let arrivals straight out: the queue peaked at level of service C.
    expect(seen.has('E') || seen.has('F')).toBe(true);
  });

  it('fills gates before a session and empties the venue after it', () => {
    const sim = new Simulator({ seed: 5, scale: 1, startMs: START, gamesClockStart: 7 * 3600, speed: 60 });
    const v = sim.findVenue('binjiang-gymnasium')!;
    const session = v.crowd.sessions[0]!;
    const at = (games: number) => {
      while (sim.gamesClock < games) sim.tick(START);
      return v.crowd.total;
    };
    const early = at(session.start - 100 * 60);
    const during = at(session.start + 30 * 60);
    const after = at(session.end + 90 * 60);
    expect(during).toBeGreaterThan(early + session.attendance * 0.5);
    expect(after).toBeLessThan(during * 0.1);
  });

  it("reads each gate's ticket scanners as the people it screens in, though nobody waits at it", () => {
    // An hour before a session at twenty times Games speed: people arrive and pass the gates.
    const probe = new Simulator({ seed: 5, scale: 1, startMs: START });
    const first = probe.findVenue('binjiang-gymnasium')!.crowd.sessions[0]!.start;
    const sim = new Simulator({ seed: 5, scale: 1, startMs: START, gamesClockStart: first - 3600, speed: 20 });
    const v = sim.findVenue('binjiang-gymnasium')!;
    const gates = v.crowd.zones.filter((z) => z.def.kind === 'gate');
    const entriesAt = () => gates.reduce((n, g) => n + g.entries, 0);
    // A few Games minutes to let the rate settle, then five counted both ways.
    let i = 0;
    const tickUntil = (games: number, each?: (m: { topic: string; payload: string }) => void) => {
      while (sim.gamesClock < games) for (const m of sim.tick(START + ++i * sim.tickMs)) each?.(m);
    };
    tickUntil(first - 3600 + 180);
    const [before, from] = [entriesAt(), sim.gamesClock];
    const scans: number[] = [];
    tickUntil(first - 3600 + 480, (m) => {
      if (m.topic.includes('/binjiang-gymnasium/sensor/scan-')) scans.push(JSON.parse(m.payload).value as number);
    });
    const screened = ((entriesAt() - before) * 60) / (sim.gamesClock - from);
    expect(screened, 'people screened in a minute').toBeGreaterThan(0);
    // Every scanner's reading summed over the gates: about what passed (readings are a rate per scanner).
    const scanners = [...v.world.scannersPerGate.values()].reduce((a, b) => a + b, 0);
    const perMinute = (scans.reduce((a, b) => a + b, 0) / scans.length) * scanners;
    expect(perMinute).toBeGreaterThan(screened * 0.5);
    expect(perMinute).toBeLessThan(screened * 2);
  });

  it('scales sensors and message rate with --scale', () => {
    const one = new Simulator({ seed: 1, scale: 1, startMs: START });
    const three = new Simulator({ seed: 1, scale: 3, startMs: START });
    const count = (s: Simulator) => s.venues.reduce((a, v) => a + v.world.def.sensors.length, 0);
    expect(count(three)).toBeGreaterThan(count(one) * 2.5);
    expect(run(three, 40).length).toBeGreaterThan(run(one, 40).length * 2);
  });

  it('injects scenarios at a named venue', () => {
    const sim = new Simulator({ seed: 1, scale: 1, startMs: START });
    const raised = sim.applyScenario({ scenario: 'power-loss', venueId: 'hz-olympic-stadium', durationS: 60 }, START);
    expect(raised).toHaveLength(1);
    expect(JSON.parse(raised[0]!.payload)).toMatchObject({ kind: 'power_fault', severity: 'critical', state: 'open' });
    const msgs = run(sim, 80);
    const power = msgs.filter((m) => m.topic.startsWith('vcc/v1/hangzhou/hz-olympic-stadium/sensor/power-'));
    expect(power.length).toBeGreaterThan(0);
    expect(power.every((m) => JSON.parse(m.payload).value === 0)).toBe(true);

    sim.applyScenario({ scenario: 'network-outage', venueId: 'ningbo-beilun-gym', durationS: 600 }, START);
    const during = run(sim, 40);
    expect(during.some((m) => m.topic.includes('/ningbo-beilun-gym/sensor/'))).toBe(false);
    expect(() => sim.applyScenario({ scenario: 'power-loss', venueId: 'nowhere' }, START)).toThrow(/unknown venue/);
    expect(() => sim.applyScenario({ scenario: 'broadcast-loss', venueId: 'hz-chess-academy' }, START)).toThrow(
      /no broadcast signal/,
    );
    const lost = sim.applyScenario({ scenario: 'broadcast-loss', venueId: 'hz-olympic-stadium' }, START);
    expect(JSON.parse(lost[0]!.payload)).toMatchObject({ kind: 'broadcast_signal_loss', sensorId: 'broadcast-1' });
  });
});
