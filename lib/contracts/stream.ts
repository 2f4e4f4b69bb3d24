/**
 * What the server streams to browsers (SSE `/api/stream`): a snapshot, then coalesced
 * deltas. Shared by lib/stream (server) and components/store (client); plain data only.
 */
import type { AlertView } from './alerts';
import type { IncidentKind, LocalizedNameT, PlanPointT, Severity, ZoneKindT } from './payloads.schema';
import type { SensorKind, SensorStatus, Thresholds } from './sensor-kinds';
import type { SensorChangeColumns, ZoneChangeColumns } from './venue-changes';

export type WorstStatus = 'ok' | 'warning' | 'critical' | 'offline' | 'unknown';
/** Which of two venues' statuses is the worse (a venue's sensors roll up to it; a cluster of venues likewise). */
export const WORST_STATUS_RANK: Record<WorstStatus, number> = {
  unknown: 0,
  ok: 1,
  warning: 2,
  offline: 3,
  critical: 4,
};

/** The static part of a venue, from its registry. */
export interface VenueSummary {
  id: string;
  cityId: string;
  name: LocalizedNameT;
  lon: number;
  lat: number;
  sports: string[];
  capacity: number;
  sensorCount: number;
  zoneCount: number;
}

export type SeverityCounts = Record<Severity, number>;

/** The live part of a venue, sent again whenever it changes. */
export interface VenueLive {
  id: string;
  occupancy: number;
  worst: WorstStatus;
  sensorsWarning: number;
  sensorsCritical: number;
  sensorsOffline: number;
  openIncidents: SeverityCounts;
  /** Server time (ms) the venue was last heard from. */
  lastSeen: number;
}

/** A venue's moving figures alone: what the city wall is sent when its status did not change. */
export type VenueFigures = Pick<VenueLive, 'id' | 'occupancy' | 'lastSeen'>;

export interface IncidentView {
  /** `${venueId}/${incidentId}`: unique across the Games. */
  key: string;
  venueId: string;
  id: string;
  kind: IncidentKind;
  severity: Severity;
  state: 'open' | 'cleared';
  title: string;
  /** Where in the venue, when the source says. */
  zoneId: string | null;
  sensorId: string | null;
  raisedAt: number;
  updatedAt: number;
}

/**
 * The feed's state, in every stream message: how old its newest message is (so a screen ages what it
 * shows by the server's stamps) and who publishes it (the "simulated" line).
 */
export interface FeedStatus {
  /** ms since the server last accepted a message from the feed; null before the first. */
  feedAgeMs: number | null;
  /** Publishers that announced themselves online, and whether any says its data is simulated. */
  publishersOnline: number;
  simulated: boolean;
}

/** The city wall's figures. */
export interface Kpis {
  peopleInside: number;
  openIncidents: SeverityCounts;
  sensorsTotal: number;
  sensorsOffline: number;
  venuesReporting: number;
  messagesPerSecond: number;
  rejectedPerSecond: number;
}

/** The city trend's bucket: one point per 10 s, the last hour. */
export const TREND_BUCKET_MS = 10_000;

/** One point of the city trend (TREND_BUCKET_MS buckets, the last hour). */
export interface TrendPoint {
  t: number;
  occupancy: number;
  openIncidents: number;
}

export interface StreamSnapshot {
  type: 'snapshot';
  serverId: string;
  seq: number;
  /** Server time the snapshot was taken. */
  at: number;
  venues: VenueSummary[];
  live: VenueLive[];
  incidents: IncidentView[];
  /** Unresolved alerts and the recently resolved. */
  alerts: AlertView[];
  /** False while the server's alarm database is not attached yet: `alerts` is empty for that reason, not all clear. */
  alertsLoaded: boolean;
  kpis: Kpis;
  trend: TrendPoint[];
  feed: FeedStatus;
}

export interface StreamDelta {
  type: 'delta';
  seq: number;
  at: number;
  /** Venues whose registry arrived or changed since the last message. */
  venues?: VenueSummary[];
  /** A venue's whole live part when it is new or its status moved; else its moving figures. */
  live?: (VenueLive | VenueFigures)[];
  incidents?: IncidentView[];
  /** Keys of incidents no longer listed (cleared long enough ago). */
  incidentsRemoved?: string[];
  /** Alerts that changed (the whole alert, newest version). */
  alerts?: AlertView[];
  /** Ids of alerts no longer shown (resolved long enough ago). */
  alertsRemoved?: number[];
  /**
   * The city's figures when they moved: at once when a count a screen colours or the crowd jumped
   * (KPIS_AT_ONCE in the stream hub), else at most once a second.
   */
  kpis?: Kpis;
  trend?: TrendPoint[];
  feed: FeedStatus;
}

/**
 * What changes of a zone and a screen shows: its definition (kind, name, area, capacity) travels in
 * the detail, with the snapshot and again when the registry changes. (The day's entries and exits
 * no screen shows; the people inside are their difference.)
 */
export interface ZoneChange {
  id: string;
  occupancy: number;
  /** People per minute in and out over the last minute; null until there are two samples. */
  flowInPerMin: number | null;
  flowOutPerMin: number | null;
  /** Minutes until capacity at the last 5 minutes' trend; null when not filling. */
  minutesToCapacity: number | null;
  /** Server time of the last count; 0 if none yet. */
  lastSeen: number;
}

/** A zone of a venue, live (venue scope). Density and level of service: lib/contracts/level-of-service. */
export interface ZoneLive extends ZoneChange {
  kind: ZoneKindT;
  name: LocalizedNameT;
  areaM2: number;
  capacity: number;
}

/** What changes of a sensor, and all a venue delta sends for it (its definition is in the detail). */
export interface SensorChange {
  id: string;
  /** Rounded to what screens show (two decimals). */
  value: number | null;
  status: SensorStatus | 'unknown';
  /** Source timestamp of the value; 0 if none yet. */
  ts: number;
  /** Server time it was last heard from; 0 if never. */
  lastSeen: number;
}

/** A sensor of a venue, live (venue scope). */
export interface SensorLive extends SensorChange {
  kind: SensorKind;
  /** From the registry; null when the venue's system names it not (screens compose kind and zone). */
  name: { en: string; zh: string } | null;
  zoneId: string | null;
  unit: string;
  intervalMs: number;
  thresholds: Thresholds;
}

/**
 * A venue's plan as its registry publishes it (metres east/north of summary.lon/lat);
 * static, so sent with the detail only. Zones or sensors without geometry are absent.
 */
export interface VenuePlan {
  zones: Record<string, PlanPointT[]>;
  sensors: Record<string, PlanPointT>;
}

export interface VenueDetail {
  summary: VenueSummary;
  plan: VenuePlan;
  live: VenueLive;
  zones: ZoneLive[];
  sensors: SensorLive[];
  incidents: IncidentView[];
}

/** First message to a venue-scoped client (`/api/stream?venue=ID`). `detail` is null for a venue not (yet) known. */
export interface VenueSnapshot {
  type: 'venue-snapshot';
  serverId: string;
  seq: number;
  at: number;
  venueId: string;
  detail: VenueDetail | null;
  /** This venue's alerts. */
  alerts: AlertView[];
  /** False while the server's alarm database is not attached yet: `alerts` is empty for that reason, not all clear. */
  alertsLoaded: boolean;
  feed: FeedStatus;
}

/**
 * What changed in one venue since the last message. A flush with no change for the venue sends
 * nothing, but a message goes out at least every STREAM_HEARTBEAT_MS.
 */
export interface VenueDelta {
  type: 'venue-delta';
  seq: number;
  at: number;
  venueId: string;
  /** The whole detail again when the venue's registry arrived or changed. */
  detail?: VenueDetail;
  /** All of it when its status moved; its figures alone (at most once a second) when only they did. */
  live?: VenueLive | VenueFigures;
  /**
   * Changed zones and sensors: their changing fields only (a registry change sends `detail`), a column
   * per field (lib/contracts/venue-changes.ts).
   */
  zones?: ZoneChangeColumns;
  sensors?: SensorChangeColumns;
  incidents?: IncidentView[];
  incidentsRemoved?: string[];
  alerts?: AlertView[];
  alertsRemoved?: number[];
  feed: FeedStatus;
}

/** First message to an alerts-only client (`/api/stream?alerts`): the responder's phone. */
export interface AlertsSnapshot {
  type: 'alerts-snapshot';
  serverId: string;
  seq: number;
  at: number;
  /** The alerts this user may see. */
  alerts: AlertView[];
  /** False while the server's alarm database is not attached yet: `alerts` is empty for that reason, not all clear. */
  alertsLoaded: boolean;
  feed: FeedStatus;
}

/** Changed alerts; like a venue delta, sent on change and at least every STREAM_HEARTBEAT_MS. */
export interface AlertsDelta {
  type: 'alerts-delta';
  seq: number;
  at: number;
  alerts?: AlertView[];
  alertsRemoved?: number[];
  feed: FeedStatus;
}

export type AlertsStreamMessage = AlertsSnapshot | AlertsDelta;

export type StreamMessage = StreamSnapshot | StreamDelta;
export type VenueStreamMessage = VenueSnapshot | VenueDelta;

/** Milliseconds without a feed message after which the wall must say "stale". */
export const FEED_STALE_MS = 10_000;
/** The server sends at least one message this often, so a silent stream means a dead one. */
export const STREAM_HEARTBEAT_MS = 1_000;

/** GET /api/venues/{venueId}/zones/{zoneId}/history: occupancy over the last hour, bucket means, oldest first. */
export interface ZoneHistory {
  venueId: string;
  zoneId: string;
  capacity: number;
  areaM2: number;
  bucketMs: number;
  /** [bucket start (epoch ms), mean occupancy] */
  points: [number, number][];
}

/**
 * GET /api/venues/{venueId}/sparklines: every sensor's last hour as per-bucket means on
 * one time axis (`from` is the first bucket's start), null where it sent nothing.
 */
export interface SensorSparklines {
  venueId: string;
  bucketMs: number;
  from: number;
  series: Record<string, (number | null)[]>;
}

/** GET /api/venues/{venueId}/sensors/{sensorId}/history: the last hour, bucket means, oldest first. */
export interface SensorHistory {
  venueId: string;
  sensorId: string;
  unit: string;
  bucketMs: number;
  /** [bucket start (epoch ms), mean value] */
  points: [number, number][];
}
