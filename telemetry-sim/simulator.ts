/**
 * The simulated Games: every venue's crowd, sensors and IT incidents, advanced tick by
 * tick and turned into MQTT messages of the contract. Deterministic: the same seed,
 * scale and tick times give the same messages. It publishes nothing itself (publisher.ts).
 */
import type {
  CrowdCountT,
  IncidentEventT,
  IncidentKind,
  RegistryPayloadT,
  SensorReadingT,
  Severity,
} from '../lib/contracts/payloads.schema';
import type { SensorKind } from '../lib/contracts/sensor-kinds';
import { topics } from '../lib/contracts/topics';
import { VenueCrowd, occupancyOf, type Session } from './crowd';
import { Rng, hashString } from './rng';
import { buildWorld, type VenueWorld } from './world';

export interface OutMessage {
  topic: string;
  payload: string;
  qos: 0 | 1;
  retain: boolean;
}

export interface SimOptions {
  seed: number;
  scale: number;
  /** Real epoch ms of the first tick. */
  startMs: number;
  /** Games clock at start, seconds after midnight. @default 09:15 */
  gamesClockStart?: number;
  /** Games seconds per real second (crowd, schedule and incidents; timestamps stay real). @default 1 */
  speed?: number;
  /** Real ms per tick. @default 250 */
  tickMs?: number;
  /** Random IT incidents per venue per games hour (0: only scenarios raise any). @default 0.25 */
  incidentsPerVenueHour?: number;
}

export type ScenarioKind = 'crowd-surge' | 'power-loss' | 'network-outage' | 'broadcast-loss';
export interface ScenarioCommand {
  scenario: ScenarioKind;
  venueId: string;
  /** Games seconds the condition lasts. @default 600 */
  durationS?: number;
}

interface SensorSim {
  id: string;
  kind: SensorKind;
  zoneId: string | undefined;
  intervalTicks: number;
  phase: number;
  seq: number;
  drift: number;
  base: number;
}

interface IncidentSim {
  id: string;
  kind: IncidentKind;
  severity: Severity;
  title: string;
  zoneId?: string;
  sensorId?: string;
  seq: number;
  clearsAt: number;
}

interface Condition {
  until: number;
}

interface IncidentSubject {
  title: string;
  zoneId?: string;
  sensorId?: string;
}

/** Random IT incidents; the title names the thing, the topic already names the venue. */
const INCIDENT_TEMPLATES: {
  kind: IncidentKind;
  severities: Severity[];
  subject: (v: VenueSim) => IncidentSubject;
  weight: number;
}[] = [
  {
    kind: 'scanner_failure',
    severities: ['minor', 'major'],
    subject: (v) => {
      const gate = v.rng.pick(v.world.def.zones.filter((z) => z.kind === 'gate'));
      return { title: `Ticket scanners failing at ${gate.name.en}`, zoneId: gate.id };
    },
    weight: 5,
  },
  {
    kind: 'results_delay',
    severities: ['warning', 'minor', 'major'],
    subject: (v) => ({ title: `Results feed delayed (${v.world.seed.sports[0] ?? 'competition'})` }),
    weight: 3,
  },
  {
    kind: 'network_outage',
    severities: ['major', 'critical'],
    subject: (v) => ({ title: 'Network uplink degraded', sensorId: `uplink-${v.rng.int(1, 2)}-latency` }),
    weight: 2,
  },
  {
    kind: 'power_fault',
    severities: ['minor', 'major'],
    subject: () => ({ title: 'Power fault on a distribution board' }),
    weight: 1,
  },
  {
    kind: 'broadcast_signal_loss',
    severities: ['critical'],
    subject: (v) => {
      const signal = v.world.def.sensors.find((s) => s.kind === 'broadcast');
      return signal
        ? { title: `Broadcast signal ${signal.id} lost`, sensorId: signal.id }
        : { title: 'Broadcast feed lost' };
    },
    weight: 1,
  },
];
const TEMPLATE_WEIGHT = INCIDENT_TEMPLATES.reduce((a, t) => a + t.weight, 0);

/** Random incidents per venue per games hour, unless the options say otherwise. */
const INCIDENTS_PER_VENUE_HOUR = 0.25;

function schedule(world: VenueWorld, rng: Rng): Session[] {
  const h = 3600;
  const jitter = () => Math.round(rng.range(-40, 40) / 5) * 5 * 60;
  const fill = () => Math.round(world.seed.capacity * rng.range(0.55, 0.97));
  const starts =
    world.seed.form === 'stadium'
      ? [16 * h, 20 * h]
      : world.seed.form === 'outdoor' || world.seed.form === 'water'
        ? [9.5 * h, 14 * h]
        : [10 * h, 14.5 * h, 19.5 * h];
  const length = world.seed.form === 'stadium' ? 2 * h : world.seed.form === 'hall' ? 3 * h : 2.5 * h;
  return starts.map((s) => {
    const start = s + jitter();
    return { start, end: start + length, attendance: fill() };
  });
}

export class VenueSim {
  readonly crowd: VenueCrowd;
  readonly sensors: SensorSim[];
  readonly incidents = new Map<string, IncidentSim>();
  private readonly crowdSeq = new Map<string, number>();
  private incidentCounter = 0;
  readonly conditions: Partial<Record<Exclude<ScenarioKind, 'crowd-surge'>, Condition>> = {};
  /** Today's sessions, games-clock seconds (the registry carries them as epoch ms). */
  readonly sessions: Session[];

  constructor(
    readonly world: VenueWorld,
    readonly index: number,
    readonly rng: Rng,
    tickMs: number,
  ) {
    this.sessions = schedule(world, rng);
    this.crowd = new VenueCrowd(world.def.zones, this.sessions, world.scannersPerGate, rng.fork(1));
    this.sensors = world.def.sensors.map((s) => {
      const intervalTicks = Math.max(1, Math.round(s.intervalMs / tickMs));
      return {
        id: s.id,
        kind: s.kind,
        zoneId: s.zoneId,
        intervalTicks,
        phase: hashString(s.id + world.def.id) % intervalTicks,
        seq: 0,
        drift: 0,
        base: rng.range(0, 1),
      };
    });
  }

  get cityId() {
    return this.world.def.cityId;
  }
  get id() {
    return this.world.def.id;
  }

  active(kind: keyof VenueSim['conditions'], t: number): boolean {
    const c = this.conditions[kind];
    return c !== undefined && t < c.until;
  }

  nextIncidentId(): string {
    this.incidentCounter++;
    return `inc-${String(this.index).padStart(2, '0')}-${String(this.incidentCounter).padStart(5, '0')}`;
  }

  nextCrowdSeq(zoneId: string): number {
    const n = (this.crowdSeq.get(zoneId) ?? 0) + 1;
    this.crowdSeq.set(zoneId, n);
    return n;
  }
}

export class Simulator {
  readonly venues: VenueSim[];
  readonly tickMs: number;
  readonly speed: number;
  private readonly incidentsPerVenueHour: number;
  private readonly rng: Rng;
  private tickCount = 0;
  private gamesTime: number;
  private registrySeq = 0;

  constructor(readonly options: SimOptions) {
    this.tickMs = options.tickMs ?? 250;
    this.speed = options.speed ?? 1;
    this.incidentsPerVenueHour = options.incidentsPerVenueHour ?? INCIDENTS_PER_VENUE_HOUR;
    this.rng = new Rng(options.seed);
    const worlds = buildWorld(Math.max(1, Math.floor(options.scale)));
    this.venues = worlds.map((w, i) => new VenueSim(w, i, this.rng.fork(hashString(w.def.id)), this.tickMs));
    const start = options.gamesClockStart ?? 9 * 3600 + 15 * 60;
    // Warm start: the crowd has been arriving since the morning, so the first screen is not empty.
    const warmFrom = 6 * 3600;
    for (let t = warmFrom; t < start; t += 10) for (const v of this.venues) v.crowd.step(t, 10);
    this.gamesTime = start;
  }

  /** Games clock, seconds after midnight (may run past 24 h). */
  get gamesClock(): number {
    return this.gamesTime;
  }

  /** The retained registry of every venue, to publish on every (re)connect. */
  registryMessages(nowMs: number): OutMessage[] {
    this.registrySeq++;
    // Games-clock seconds to the real time the simulator will reach them at its speed.
    const epoch = (clock: number) => Math.round(nowMs + ((clock - this.gamesTime) / this.speed) * 1000);
    return this.venues.map((v) => {
      const sessions = v.sessions.map((s) => ({ start: epoch(s.start), end: epoch(s.end) }));
      const payload: RegistryPayloadT = { v: 1, ts: nowMs, seq: this.registrySeq, venue: { ...v.world.def, sessions } };
      return { topic: topics.registry(v.cityId, v.id), payload: JSON.stringify(payload), qos: 1, retain: true };
    });
  }

  findVenue(venueId: string): VenueSim | undefined {
    return this.venues.find((v) => v.id === venueId);
  }

  /** Applies a scenario command; returns the messages it causes at once (the incident). */
  applyScenario(cmd: ScenarioCommand, nowMs: number): OutMessage[] {
    const v = this.findVenue(cmd.venueId);
    if (!v) throw new Error(`unknown venue '${cmd.venueId}'`);
    const duration = cmd.durationS ?? 600;
    const until = this.gamesTime + duration;
    switch (cmd.scenario) {
      case 'crowd-surge': {
        // Roughly a third of the venue's capacity arriving at once, over two minutes.
        v.crowd.injectSurge(Math.round(v.world.seed.capacity * 0.35), this.gamesTime, Math.min(120, duration));
        return [];
      }
      case 'power-loss':
        v.conditions['power-loss'] = { until };
        return [
          this.raise(
            v,
            'power_fault',
            'critical',
            { title: 'Mains power lost; UPS on battery', sensorId: 'ups-1' },
            nowMs,
            until,
          ),
        ];
      case 'network-outage':
        v.conditions['network-outage'] = { until };
        return [
          this.raise(v, 'network_outage', 'critical', { title: 'Network outage: venue telemetry lost' }, nowMs, until),
        ];
      case 'broadcast-loss': {
        if (!v.world.def.sensors.some((s) => s.id === 'broadcast-1')) {
          throw new Error(`venue '${cmd.venueId}' carries no broadcast signal`);
        }
        v.conditions['broadcast-loss'] = { until };
        const subject = { title: 'Broadcast signal broadcast-1 lost', sensorId: 'broadcast-1' };
        return [this.raise(v, 'broadcast_signal_loss', 'critical', subject, nowMs, until)];
      }
    }
  }

  private raise(
    v: VenueSim,
    kind: IncidentKind,
    severity: Severity,
    subject: IncidentSubject,
    nowMs: number,
    clearsAt: number,
  ): OutMessage {
    const inc: IncidentSim = { id: v.nextIncidentId(), kind, severity, title: subject.title, seq: 1, clearsAt };
    if (subject.zoneId) inc.zoneId = subject.zoneId;
    if (subject.sensorId) inc.sensorId = subject.sensorId;
    v.incidents.set(inc.id, inc);
    return this.incidentMessage(v, inc, 'open', nowMs);
  }

  private incidentMessage(v: VenueSim, inc: IncidentSim, state: 'open' | 'cleared', nowMs: number): OutMessage {
    const payload: IncidentEventT = {
      ts: nowMs,
      seq: inc.seq,
      kind: inc.kind,
      severity: inc.severity,
      state,
      title: inc.title,
    };
    if (inc.zoneId) payload.zoneId = inc.zoneId;
    if (inc.sensorId) payload.sensorId = inc.sensorId;
    return { topic: topics.incident(v.cityId, v.id, inc.id), payload: JSON.stringify(payload), qos: 1, retain: false };
  }

  /** Advances one tick; `nowMs` is the real time stamped on its messages. */
  tick(nowMs: number): OutMessage[] {
    const dt = (this.tickMs / 1000) * this.speed;
    this.gamesTime += dt;
    const t = this.gamesTime;
    const tick = this.tickCount++;
    const out: OutMessage[] = [];
    const crowdEvery = Math.max(1, Math.round(1000 / this.tickMs));
    const hourFrac = (((t / 3600) % 24) + 24) % 24;

    for (const v of this.venues) {
      v.crowd.step(t, dt);
      const silenced = v.active('network-outage', t);

      // Incidents: random ones, and clearing what has run its course.
      if (v.rng.chance((this.incidentsPerVenueHour * dt) / 3600)) {
        let r = v.rng.next() * TEMPLATE_WEIGHT;
        const tpl = INCIDENT_TEMPLATES.find((x) => (r -= x.weight) < 0) ?? INCIDENT_TEMPLATES[0]!;
        const minutes = v.rng.chance(0.75) ? v.rng.range(2, 12) : v.rng.range(20, 60);
        out.push(this.raise(v, tpl.kind, v.rng.pick(tpl.severities), tpl.subject(v), nowMs, t + minutes * 60));
      }
      for (const inc of v.incidents.values()) {
        if (t >= inc.clearsAt) {
          inc.seq++;
          out.push(this.incidentMessage(v, inc, 'cleared', nowMs));
          v.incidents.delete(inc.id);
        }
      }
      if (silenced) continue;

      // Crowd counters once a second per zone, phased across ticks.
      v.crowd.zones.forEach((z, zi) => {
        if ((tick + zi) % crowdEvery !== 0) return;
        const payload: CrowdCountT = {
          ts: nowMs,
          seq: v.nextCrowdSeq(z.def.id),
          entries: z.entries,
          exits: z.exits,
          occupancy: occupancyOf(z),
        };
        out.push({
          topic: topics.crowd(v.cityId, v.id, z.def.id),
          payload: JSON.stringify(payload),
          qos: 0,
          retain: false,
        });
      });

      for (const s of v.sensors) {
        if ((tick + s.phase) % s.intervalTicks !== 0) continue;
        s.seq++;
        const payload: SensorReadingT = { ts: nowMs, seq: s.seq, value: this.sensorValue(v, s, t, hourFrac) };
        out.push({
          topic: topics.sensor(v.cityId, v.id, s.id),
          payload: JSON.stringify(payload),
          qos: 0,
          retain: false,
        });
      }
    }
    return out;
  }

  private zoneRatio(v: VenueSim, zoneId: string | undefined): number {
    const z = zoneId ? v.crowd.zones.find((x) => x.def.id === zoneId) : undefined;
    if (!z) return v.crowd.total / Math.max(1, v.world.seed.capacity);
    return occupancyOf(z) / Math.max(1, z.def.capacity);
  }

  private sensorValue(v: VenueSim, s: SensorSim, t: number, hour: number): number {
    const r = v.rng;
    // A bounded random walk per sensor keeps values plausible and alive.
    s.drift = Math.max(-1, Math.min(1, s.drift * 0.98 + r.normal() * 0.08));
    const day = Math.sin(((hour - 9) / 24) * 2 * Math.PI);
    const round1 = (x: number) => Math.round(x * 10) / 10;
    switch (s.kind) {
      case 'temperature':
        return round1(24 + 5 * day + 2 * this.zoneRatio(v, s.zoneId) + s.base * 2 + s.drift * 1.5);
      case 'humidity':
        return round1(Math.min(100, Math.max(20, 72 - 10 * day + s.base * 8 + s.drift * 5)));
      case 'pm25':
        return round1(Math.max(1, 25 + 20 * s.base + 12 * s.drift + 10 * this.zoneRatio(v, s.zoneId)));
      case 'noise':
        return round1(45 + 38 * Math.min(1.2, this.zoneRatio(v, s.zoneId)) + 3 * s.drift);
      case 'power_load':
        if (v.active('power-loss', t)) return 0;
        return round1(
          Math.max(0, 180 + 320 * s.base + 350 * (v.crowd.total / Math.max(1, v.world.seed.capacity)) + 25 * s.drift),
        );
      case 'ups':
        return v.active('power-loss', t) ? 1 : 0;
      case 'net_latency':
        return round1(Math.max(2, 10 + 6 * s.base + 5 * s.drift + (r.chance(0.002) ? r.range(60, 250) : 0)));
      case 'net_loss':
        return Math.round(Math.max(0, 0.05 + 0.1 * s.drift + (r.chance(0.002) ? r.range(1, 8) : 0)) * 100) / 100;
      case 'wifi_clients': {
        const aps = v.world.apsPerZone.get(s.zoneId ?? '') ?? 1;
        const z = v.crowd.zones.find((x) => x.def.id === s.zoneId);
        return Math.max(0, Math.round(((z ? occupancyOf(z) : 0) * 0.35) / aps + 3 * s.drift));
      }
      case 'ticket_scanner': {
        // Its share of the people its gate screened in a minute (a gate's count is people waiting, not passing).
        const gate = s.zoneId ?? '';
        const perMinute = v.crowd.screenedPerMinute.get(gate) ?? 0;
        const scanners = v.world.scannersPerGate.get(gate) ?? 1;
        return Math.max(0, Math.round((perMinute / scanners) * (0.9 + 0.1 * s.drift)));
      }
      case 'broadcast':
        if (v.active('broadcast-loss', t) && s.id === 'broadcast-1') return 0;
        return round1(Math.min(100, 99.2 + 0.8 * s.drift - (r.chance(0.001) ? r.range(5, 30) : 0)));
    }
  }
}
