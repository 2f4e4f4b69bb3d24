/**
 * The situation model: city -> venue -> zone -> sensor, folded from validated MQTT
 * payloads. Each source (sensor, zone counter, incident, registry) is ordered by
 * (ts, seq): a duplicate or older message never overwrites newer state.
 *
 * The model records which venues and incidents changed; the stream hub takes those
 * changes once per flush instead of reacting to every message.
 */
import type {
  CrowdCountT,
  IncidentEventT,
  PresencePayloadT,
  RegistryPayloadT,
  SensorDefT,
  SensorReadingT,
  Severity,
  VenueDefT,
  ZoneDefT,
} from '../contracts/payloads.schema';
import {
  OFFLINE_AFTER_INTERVALS,
  STATUS_DEADBAND_PERCENT,
  statusHeld,
  type SensorStatus,
} from '../contracts/sensor-kinds';
import type {
  FeedStatus,
  IncidentView,
  Kpis,
  SensorChange,
  SensorLive,
  SeverityCounts,
  TrendPoint,
  VenueDetail,
  VenueLive,
  VenuePlan,
  VenueSummary,
  WorstStatus,
  ZoneChange,
  ZoneLive,
} from '../contracts/stream';
import { TREND_BUCKET_MS, WORST_STATUS_RANK } from '../contracts/stream';
import type { RejectReason } from '../contracts/validate';
import { RingSeries } from './ring-series';
import { ZoneFlow } from './zone-flow';

/**
 * How far ahead of the server's receive time a source timestamp may be before it is
 * refused (`FEED_MAX_CLOCK_SKEW_MS`). Sources are ordered by (ts, seq), so this is also the
 * longest that one forged future message can make a source refuse its real publisher.
 */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 10_000;
/** Cleared incidents stay listed this long, then leave the model. */
export const CLEARED_RETENTION_MS = 15 * 60_000;
/** Bound on incidents kept per venue (open ones are never evicted before cleared ones). */
export const MAX_INCIDENTS_PER_VENUE = 200;
/** Bound on publishers tracked by presence. */
export const MAX_PUBLISHERS = 1000;
export const SENSOR_HISTORY = { buckets: 60, bucketMs: 60_000 };
/** A zone's occupancy, the last hour in 30 s buckets (crowds move faster than sensors drift). */
export const ZONE_HISTORY = { buckets: 120, bucketMs: 30_000 };
export const CITY_TREND = { buckets: 360, bucketMs: TREND_BUCKET_MS };
/** History restored from the database for a sensor or zone not defined yet waits this long for it. */
const RESTORE_WAIT_MS = 10 * 60_000;
/**
 * How long after a venue's registry a zone not yet counted holds back the city's trend. A server just started
 * hears the venues' counts over the first seconds; their sum until then is not the city's crowd, and plotted
 * it drew a dip nobody saw. A zone still silent after this counts as what it last said (0 if never).
 */
export const FIRST_COUNT_WAIT_MS = 30_000;

/** One stored minute: its start (epoch ms) and mean. */
export type MinutePoint = [minute: number, mean: number];

export type FoldResult = RejectReason | null;

interface Ordered {
  ts: number;
  seq: number;
}

/** null when (ts, seq) is newer than `last`, else why not. */
function order(last: Ordered, ts: number, seq: number): FoldResult {
  if (ts > last.ts || (ts === last.ts && seq > last.seq)) return null;
  return ts === last.ts && seq === last.seq ? 'duplicate' : 'out_of_order';
}

export class SensorState implements Ordered {
  ts = -1;
  seq = -1;
  value = NaN;
  receivedAt = 0;
  status: SensorStatus | 'unknown' = 'unknown';
  readonly history = new RingSeries(SENSOR_HISTORY.buckets, SENSOR_HISTORY.bucketMs);
  constructor(public def: SensorDefT) {}
  /** What a venue delta sends: the changing fields, the value rounded as screens show it. */
  change(): SensorChange {
    return {
      id: this.def.id,
      value: Number.isNaN(this.value) ? null : Math.round(this.value * 100) / 100,
      status: this.status,
      ts: Math.max(0, this.ts),
      lastSeen: this.receivedAt,
    };
  }
  view(): SensorLive {
    return {
      ...this.change(),
      kind: this.def.kind,
      name: this.def.name ?? null,
      zoneId: this.def.zoneId ?? null,
      unit: this.def.unit,
      intervalMs: this.def.intervalMs,
      thresholds: this.def.thresholds,
    };
  }
}

export class ZoneState implements Ordered {
  ts = -1;
  seq = -1;
  entries = 0;
  exits = 0;
  occupancy = 0;
  receivedAt = 0;
  readonly flow = new ZoneFlow();
  readonly history = new RingSeries(ZONE_HISTORY.buckets, ZONE_HISTORY.bucketMs);
  constructor(public def: ZoneDefT) {}
  view(): ZoneLive {
    return {
      ...this.change(),
      kind: this.def.kind,
      name: this.def.name,
      areaM2: this.def.areaM2,
      capacity: this.def.capacity,
    };
  }
  /** What a venue delta sends: the changing fields. */
  change(): ZoneChange {
    const flow = this.flow.flowPerMinute();
    return {
      id: this.def.id,
      occupancy: this.occupancy,
      flowInPerMin: flow ? Math.round(flow.in) : null,
      flowOutPerMin: flow ? Math.round(flow.out) : null,
      minutesToCapacity: this.flow.minutesToCapacity(this.def.capacity),
      lastSeen: this.receivedAt,
    };
  }
}

export class IncidentState implements Ordered {
  ts = -1;
  seq = -1;
  raisedAt = 0;
  updatedAt = 0;
  state: 'open' | 'cleared' = 'open';
  constructor(
    readonly venueId: string,
    readonly id: string,
    public event: IncidentEventT,
  ) {}
  get key() {
    return `${this.venueId}/${this.id}`;
  }
  view(): IncidentView {
    return {
      key: this.key,
      venueId: this.venueId,
      id: this.id,
      kind: this.event.kind,
      severity: this.event.severity,
      state: this.state,
      title: this.event.title,
      zoneId: this.event.zoneId ?? null,
      sensorId: this.event.sensorId ?? null,
      raisedAt: this.raisedAt,
      updatedAt: this.updatedAt,
    };
  }
}

const emptyCounts = (): SeverityCounts => ({ critical: 0, major: 0, minor: 0, warning: 0 });
const SEVERITY_STATUS: Record<Severity, WorstStatus> = {
  critical: 'critical',
  major: 'critical',
  minor: 'warning',
  warning: 'warning',
};

export class VenueState implements Ordered {
  ts = -1;
  seq = -1;
  def!: VenueDefT;
  readonly zones = new Map<string, ZoneState>();
  readonly sensors = new Map<string, SensorState>();
  readonly incidents = new Map<string, IncidentState>();
  occupancy = 0;
  lastSeen = 0;
  /** Server time the current registry was accepted. */
  definedAt = 0;
  capacity = 0;
  /** Zones and sensors changed since the stream hub last looked (for venue-scoped clients). */
  readonly changedZones = new Set<string>();
  readonly changedSensors = new Set<string>();
  /** The registry arrived or changed since the hub last looked. */
  redefined = false;
  /** Counts by status, kept up to date as sensors change. */
  readonly statusCounts: Record<SensorStatus | 'unknown', number> = {
    ok: 0,
    warning: 0,
    critical: 0,
    offline: 0,
    unknown: 0,
  };

  constructor(readonly id: string) {}

  summary(): VenueSummary {
    return {
      id: this.id,
      cityId: this.def.cityId,
      name: this.def.name,
      lon: this.def.lon,
      lat: this.def.lat,
      sports: this.def.sports,
      capacity: this.capacity,
      sensorCount: this.sensors.size,
      zoneCount: this.zones.size,
    };
  }

  openIncidentCounts(): SeverityCounts {
    const c = emptyCounts();
    for (const i of this.incidents.values()) if (i.state === 'open') c[i.event.severity]++;
    return c;
  }

  worst(open: SeverityCounts): WorstStatus {
    let w: WorstStatus = this.lastSeen === 0 ? 'unknown' : 'ok';
    const raise = (s: WorstStatus) => {
      if (WORST_STATUS_RANK[s] > WORST_STATUS_RANK[w]) w = s;
    };
    if (this.statusCounts.warning > 0) raise('warning');
    if (this.statusCounts.offline > 0) raise('offline');
    if (this.statusCounts.critical > 0) raise('critical');
    for (const sev of ['critical', 'major', 'minor', 'warning'] as const)
      if (open[sev] > 0) raise(SEVERITY_STATUS[sev]);
    return w;
  }

  live(): VenueLive {
    const open = this.openIncidentCounts();
    return {
      id: this.id,
      occupancy: this.occupancy,
      worst: this.worst(open),
      sensorsWarning: this.statusCounts.warning,
      sensorsCritical: this.statusCounts.critical,
      sensorsOffline: this.statusCounts.offline,
      openIncidents: open,
      lastSeen: this.lastSeen,
    };
  }

  detail(): VenueDetail {
    const plan: VenuePlan = { zones: {}, sensors: {} };
    for (const z of this.def.zones) if (z.outline) plan.zones[z.id] = z.outline;
    for (const s of this.def.sensors) if (s.position) plan.sensors[s.id] = s.position;
    return {
      summary: this.summary(),
      plan,
      live: this.live(),
      zones: [...this.zones.values()].map((z) => z.view()),
      sensors: [...this.sensors.values()].map((s) => s.view()),
      incidents: [...this.incidents.values()].map((i) => i.view()),
    };
  }

  /** Forgets what changed (the hub calls this every flush, watched or not, so nothing grows). */
  clearChanges(): void {
    if (this.changedZones.size) this.changedZones.clear();
    if (this.changedSensors.size) this.changedSensors.clear();
    this.redefined = false;
  }

  setStatus(s: SensorState, status: SensorStatus): boolean {
    if (s.status === status) return false;
    this.changedSensors.add(s.def.id);
    this.statusCounts[s.status]--;
    this.statusCounts[status]++;
    s.status = status;
    return true;
  }
}

/** What changed since the hub last asked. */
export interface ModelChanges {
  venuesDefined: Set<string>;
  venuesChanged: Set<string>;
  incidentsChanged: Set<string>;
  incidentsRemoved: Set<string>;
}

/**
 * A zone's count moving by at least this many people in one message is news a screen shows at once
 * (a stand emptying, a gate's count arriving), not the crowd's drift.
 */
export const CROWD_JUMP_PEOPLE = 100;

export interface SituationModelOptions {
  /** @default DEFAULT_MAX_CLOCK_SKEW_MS */
  maxClockSkewMs?: number;
}

export class SituationModel {
  readonly venues = new Map<string, VenueState>();
  readonly maxClockSkewMs: number;
  private changes: ModelChanges = SituationModel.emptyChanges();
  /** Set by news someone must see at once, until the hub takes the changes (see onUrgent). */
  private urgentPending = false;
  private urgentListener: (() => void) | undefined;
  /** Server time of the last accepted message. */
  lastAcceptedAt = 0;
  /**
   * Telemetry lost upstream, estimated from per-source sequence gaps (a broker dropping QoS 0
   * to a slow subscriber, a lossy uplink). A restarted source (seq lower, ts later) is no gap.
   */
  lostMessages = 0;
  /** Publisher presence (retained + last will), bounded. */
  readonly publishers = new Map<string, { online: boolean; simulated: boolean; ts: number }>();
  readonly cityTrend = {
    occupancy: new RingSeries(CITY_TREND.buckets, CITY_TREND.bucketMs),
    openIncidents: new RingSeries(CITY_TREND.buckets, CITY_TREND.bucketMs),
  };

  /**
   * Per-minute history restored from the database (a warm start) for sensors and zones whose
   * registry has not arrived yet, keyed `sensor:venue/id` or `zone:venue/id`; bounded by
   * what the database held for the last hour and dropped after RESTORE_WAIT_MS.
   */
  private restoring = new Map<string, MinutePoint[]>();
  private restoringUntil = 0;

  constructor(opts: SituationModelOptions = {}) {
    this.maxClockSkewMs = opts.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;
  }

  /**
   * Lays stored per-minute means into the rings (a restarted or new instance shows the same hour
   * as the others). The caller passes only minutes before this model's first live data, so no
   * minute is counted twice.
   */
  restoreHistory(
    history: {
      sensors: Map<string, MinutePoint[]>;
      zones: Map<string, MinutePoint[]>;
      city: { minute: number; occupancy: number; openIncidents: number }[];
    },
    now: number,
  ): void {
    for (const c of history.city) {
      this.cityTrend.occupancy.fill(c.minute, c.minute + 60_000, c.occupancy);
      this.cityTrend.openIncidents.fill(c.minute, c.minute + 60_000, c.openIncidents);
    }
    const lay = (ring: RingSeries, points: MinutePoint[]) => {
      for (const [minute, mean] of points) ring.fill(minute, minute + 60_000, mean);
    };
    for (const [key, points] of history.sensors) {
      const [venueId, id] = key.split('/') as [string, string];
      const s = this.venues.get(venueId)?.sensors.get(id);
      if (s) lay(s.history, points);
      else this.restoring.set(`sensor:${key}`, points);
    }
    for (const [key, points] of history.zones) {
      const [venueId, id] = key.split('/') as [string, string];
      const z = this.venues.get(venueId)?.zones.get(id);
      if (z) lay(z.history, points);
      else this.restoring.set(`zone:${key}`, points);
    }
    this.restoringUntil = now + RESTORE_WAIT_MS;
  }

  /** Restored history waiting for a source just defined. */
  private restored(key: string, ring: RingSeries, now: number): void {
    if (this.restoring.size === 0) return;
    if (now > this.restoringUntil) {
      this.restoring.clear();
      return;
    }
    const points = this.restoring.get(key);
    if (!points) return;
    this.restoring.delete(key);
    for (const [minute, mean] of points) ring.fill(minute, minute + 60_000, mean);
  }

  private static emptyChanges(): ModelChanges {
    return {
      venuesDefined: new Set(),
      venuesChanged: new Set(),
      incidentsChanged: new Set(),
      incidentsRemoved: new Set(),
    };
  }

  /** Returns and resets the change sets. */
  takeChanges(): ModelChanges {
    const c = this.changes;
    this.changes = SituationModel.emptyChanges();
    this.urgentPending = false;
    return c;
  }

  /**
   * Calls `listener` when news someone must see at once arrives (a sensor's status moved, an IT
   * incident, a crowd's jump, a venue or publisher coming or going): once until the next takeChanges,
   * so a burst costs one call. The hub then flushes early rather than at its next tick.
   */
  onUrgent(listener: () => void): void {
    this.urgentListener = listener;
  }

  private urgent(): void {
    if (this.urgentPending) return;
    this.urgentPending = true;
    this.urgentListener?.();
  }

  private countGap(last: Ordered, seq: number) {
    if (last.seq >= 0 && seq > last.seq + 1) this.lostMessages += seq - last.seq - 1;
  }

  private touched(v: VenueState, now: number) {
    v.lastSeen = now;
    this.lastAcceptedAt = now;
    this.changes.venuesChanged.add(v.id);
  }

  applyRegistry(cityId: string, venueId: string, p: RegistryPayloadT, now: number): FoldResult {
    if (p.venue.id !== venueId || p.venue.cityId !== cityId) return 'topic_mismatch';
    if (p.ts > now + this.maxClockSkewMs) return 'future_timestamp';
    const zoneIds = new Set(p.venue.zones.map((z) => z.id));
    for (const s of p.venue.sensors) if (s.zoneId !== undefined && !zoneIds.has(s.zoneId)) return 'schema';
    let v = this.venues.get(venueId);
    if (v) {
      const o = order(v, p.ts, p.seq);
      if (o) return o;
    } else {
      v = new VenueState(venueId);
      this.venues.set(venueId, v);
    }
    v.ts = p.ts;
    v.seq = p.seq;
    v.def = p.venue;
    v.definedAt = now;
    // Keep the state of zones and sensors that stay; drop the ones the registry no longer lists.
    for (const id of [...v.zones.keys()]) if (!zoneIds.has(id)) v.zones.delete(id);
    for (const z of p.venue.zones) {
      const existing = v.zones.get(z.id);
      if (existing) existing.def = z;
      else {
        const zone = new ZoneState(z);
        v.zones.set(z.id, zone);
        this.restored(`zone:${venueId}/${z.id}`, zone.history, now);
      }
    }
    const sensorIds = new Set(p.venue.sensors.map((s) => s.id));
    for (const [id, s] of v.sensors) {
      if (!sensorIds.has(id)) {
        v.statusCounts[s.status]--;
        v.sensors.delete(id);
      }
    }
    for (const d of p.venue.sensors) {
      const existing = v.sensors.get(d.id);
      if (existing) existing.def = d;
      else {
        const sensor = new SensorState(d);
        v.sensors.set(d.id, sensor);
        v.statusCounts.unknown++;
        this.restored(`sensor:${venueId}/${d.id}`, sensor.history, now);
      }
    }
    v.capacity = p.venue.zones.reduce((a, z) => a + (z.kind === 'stand' ? z.capacity : 0), 0);
    this.recountOccupancy(v);
    v.redefined = true;
    this.changes.venuesDefined.add(venueId);
    this.touched(v, now);
    this.urgent();
    return null;
  }

  private venueFor(cityId: string, venueId: string): VenueState | FoldResult {
    const v = this.venues.get(venueId);
    if (!v) return 'unknown_venue';
    if (v.def.cityId !== cityId) return 'topic_mismatch';
    return v;
  }

  applySensor(cityId: string, venueId: string, sensorId: string, p: SensorReadingT, now: number): FoldResult {
    const v = this.venueFor(cityId, venueId);
    if (!(v instanceof VenueState)) return v;
    const s = v.sensors.get(sensorId);
    if (!s) return 'unknown_source';
    if (p.ts > now + this.maxClockSkewMs) return 'future_timestamp';
    const o = order(s, p.ts, p.seq);
    if (o) return o;
    this.countGap(s, p.seq);
    s.ts = p.ts;
    s.seq = p.seq;
    s.value = p.value;
    s.receivedAt = now;
    s.history.add(p.ts, p.value);
    v.changedSensors.add(sensorId);
    if (v.setStatus(s, statusHeld(p.value, s.def.thresholds, s.status, STATUS_DEADBAND_PERCENT))) this.urgent();
    this.touched(v, now);
    return null;
  }

  applyCrowd(cityId: string, venueId: string, zoneId: string, p: CrowdCountT, now: number): FoldResult {
    const v = this.venueFor(cityId, venueId);
    if (!(v instanceof VenueState)) return v;
    const z = v.zones.get(zoneId);
    if (!z) return 'unknown_source';
    if (p.entries - p.exits !== p.occupancy) return 'inconsistent_counts';
    if (p.occupancy > z.def.maxOccupancy) return 'above_physical_max';
    if (p.ts > now + this.maxClockSkewMs) return 'future_timestamp';
    const o = order(z, p.ts, p.seq);
    if (o) return o;
    this.countGap(z, p.seq);
    if (Math.abs(p.occupancy - z.occupancy) >= CROWD_JUMP_PEOPLE) this.urgent();
    v.occupancy += p.occupancy - z.occupancy;
    z.ts = p.ts;
    z.seq = p.seq;
    z.entries = p.entries;
    z.exits = p.exits;
    z.occupancy = p.occupancy;
    z.receivedAt = now;
    z.flow.add(p.ts, p.entries, p.exits, p.occupancy);
    z.history.add(p.ts, p.occupancy);
    v.changedZones.add(zoneId);
    this.touched(v, now);
    return null;
  }

  applyIncident(cityId: string, venueId: string, incidentId: string, p: IncidentEventT, now: number): FoldResult {
    const v = this.venueFor(cityId, venueId);
    if (!(v instanceof VenueState)) return v;
    if (p.ts > now + this.maxClockSkewMs) return 'future_timestamp';
    let inc = v.incidents.get(incidentId);
    if (inc) {
      const o = order(inc, p.ts, p.seq);
      if (o) return o;
      inc.event = p;
    } else {
      inc = new IncidentState(venueId, incidentId, p);
      inc.raisedAt = p.ts;
      v.incidents.set(incidentId, inc);
      this.evictIncidents(v);
    }
    inc.ts = p.ts;
    inc.seq = p.seq;
    inc.state = p.state;
    inc.updatedAt = p.ts;
    this.changes.incidentsChanged.add(inc.key);
    this.touched(v, now);
    this.urgent();
    return null;
  }

  applyPresence(publisherId: string, p: PresencePayloadT, now: number): FoldResult {
    if (p.ts > now + this.maxClockSkewMs) return 'future_timestamp';
    const prev = this.publishers.get(publisherId);
    if (prev && p.ts < prev.ts) return 'out_of_order';
    if (!prev && this.publishers.size >= MAX_PUBLISHERS) return 'unknown_source';
    this.publishers.set(publisherId, { online: p.online, simulated: p.simulated === true, ts: p.ts });
    this.lastAcceptedAt = now;
    if (prev?.online !== p.online || prev.simulated !== (p.simulated === true)) this.urgent();
    return null;
  }

  private evictIncidents(v: VenueState) {
    if (v.incidents.size <= MAX_INCIDENTS_PER_VENUE) return;
    // Oldest cleared first; only if none is cleared, the oldest open one.
    let victim: IncidentState | undefined;
    for (const i of v.incidents.values()) {
      if (i.state === 'cleared' && (!victim || i.updatedAt < victim.updatedAt)) victim = i;
    }
    victim ??= v.incidents.values().next().value;
    if (victim) this.removeIncident(v, victim);
  }

  private removeIncident(v: VenueState, i: IncidentState) {
    v.incidents.delete(i.id);
    this.changes.incidentsChanged.delete(i.key);
    this.changes.incidentsRemoved.add(i.key);
    this.changes.venuesChanged.add(v.id);
  }

  private recountOccupancy(v: VenueState) {
    let n = 0;
    for (const z of v.zones.values()) n += z.occupancy;
    v.occupancy = n;
  }

  /**
   * Periodic housekeeping (about once a second): sensors not heard from in time go
   * offline, cleared incidents age out, and the city trend gets a point (once every zone has been counted).
   */
  sweep(now: number): void {
    let occupancy = 0;
    let open = 0;
    // A model without a registry knows nothing of the city: 0 is not its crowd.
    let firstCountsDue = this.venues.size === 0;
    for (const v of this.venues.values()) {
      if (!firstCountsDue && now - v.definedAt < FIRST_COUNT_WAIT_MS)
        for (const z of v.zones.values()) if (z.receivedAt === 0) firstCountsDue = true;
      for (const s of v.sensors.values()) {
        const heardAt = s.receivedAt;
        const late = now - heardAt > s.def.intervalMs * OFFLINE_AFTER_INTERVALS;
        // A sensor never heard from counts from the moment its registry arrived.
        if (late && (heardAt > 0 || now - v.definedAt > s.def.intervalMs * OFFLINE_AFTER_INTERVALS)) {
          if (v.setStatus(s, 'offline')) this.changes.venuesChanged.add(v.id);
        }
      }
      for (const i of v.incidents.values()) {
        if (i.state === 'open') open++;
        else if (now - i.updatedAt > CLEARED_RETENTION_MS) this.removeIncident(v, i);
      }
      occupancy += v.occupancy;
    }
    // No point while the first counts are on their way: a hole in the trend, not part of the crowd as all of it.
    if (firstCountsDue) return;
    this.cityTrend.occupancy.add(now, occupancy);
    this.cityTrend.openIncidents.add(now, open);
  }

  /** How old the feed's newest message is, and who publishes it. */
  feed(now: number): FeedStatus {
    const f: FeedStatus = {
      feedAgeMs: this.lastAcceptedAt === 0 ? null : now - this.lastAcceptedAt,
      publishersOnline: 0,
      simulated: false,
    };
    for (const p of this.publishers.values()) {
      if (!p.online) continue;
      f.publishersOnline++;
      f.simulated ||= p.simulated;
    }
    return f;
  }

  kpis(now: number, messagesPerSecond: number, rejectedPerSecond: number): Kpis {
    const k: Kpis = {
      peopleInside: 0,
      openIncidents: emptyCounts(),
      sensorsTotal: 0,
      sensorsOffline: 0,
      venuesReporting: 0,
      messagesPerSecond,
      rejectedPerSecond,
    };
    for (const v of this.venues.values()) {
      k.peopleInside += v.occupancy;
      k.sensorsTotal += v.sensors.size;
      k.sensorsOffline += v.statusCounts.offline;
      if (now - v.lastSeen < 30_000) k.venuesReporting++;
      for (const i of v.incidents.values()) if (i.state === 'open') k.openIncidents[i.event.severity]++;
    }
    return k;
  }

  trend(): TrendPoint[] {
    const occ = this.cityTrend.occupancy.points();
    const inc = new Map(this.cityTrend.openIncidents.points());
    return occ.map(([t, o]) => ({ t, occupancy: Math.round(o), openIncidents: Math.round(inc.get(t) ?? 0) }));
  }
}
