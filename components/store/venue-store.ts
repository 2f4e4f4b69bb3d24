/**
 * The browser's copy of one venue (venue page): fed by `/api/stream?venue=ID` at most once
 * per animation frame, like the city store.
 */
import { createStore } from 'zustand/vanilla';
import { connectionSlice, type ConnectionSlice } from './connection-slice';
import { freshnessAfter } from './data-age';
import type {
  IncidentView,
  FeedStatus,
  SensorLive,
  VenueDetail,
  VenueLive,
  VenuePlan,
  VenueStreamMessage,
  VenueSummary,
  ZoneLive,
} from '@/lib/contracts/stream';
import { alertMapOf, mergeAlerts, type AlertMap } from './alert-map';
import { sensorRows, zoneRows } from '@/lib/contracts/venue-changes';

export interface VenueState extends ConnectionSlice {
  /** The venue this store streams; null at the city level. */
  venueId: string | null;
  /** False until the first snapshot; then whether the server knows this venue. */
  loaded: boolean;
  known: boolean;
  summary: VenueSummary | null;
  /** The plan from the registry: static, replaced only when the registry changes. */
  plan: VenuePlan;
  live: VenueLive | null;
  zones: Record<string, ZoneLive>;
  /** Zone ids in registry order. */
  zoneOrder: string[];
  sensors: Record<string, SensorLive>;
  sensorOrder: string[];
  incidents: Record<string, IncidentView>;
  /** This venue's alerts, by id. */
  alerts: AlertMap;
  /**
   * False while the server's alarm database is not attached (no alerts then is not "all clear");
   * null before the first snapshot says either way.
   */
  alertsLoaded: boolean | null;
  /** The feed's state as last sent (its source line). */
  feed: FeedStatus | null;
  applyMessages: (messages: VenueStreamMessage[], receivedAt: number, serverOffsetMs: number) => void;
}

type Data = Pick<
  VenueState,
  'known' | 'summary' | 'plan' | 'live' | 'zones' | 'zoneOrder' | 'sensors' | 'sensorOrder' | 'incidents'
>;

const EMPTY_PLAN: VenuePlan = { zones: {}, sensors: {} };

function fromDetail(d: VenueDetail | null): Data {
  if (!d)
    return {
      known: false,
      summary: null,
      plan: EMPTY_PLAN,
      live: null,
      zones: {},
      zoneOrder: [],
      sensors: {},
      sensorOrder: [],
      incidents: {},
    };
  return {
    known: true,
    summary: d.summary,
    plan: d.plan,
    live: d.live,
    zones: Object.fromEntries(d.zones.map((z) => [z.id, z])),
    zoneOrder: d.zones.map((z) => z.id),
    sensors: Object.fromEntries(d.sensors.map((s) => [s.id, s])),
    sensorOrder: d.sensors.map((s) => s.id),
    incidents: Object.fromEntries(d.incidents.map((i) => [i.key, i])),
  };
}

function apply(s: VenueState, m: VenueStreamMessage): Partial<VenueState> {
  if (m.type === 'venue-snapshot') {
    return {
      ...fromDetail(m.detail),
      loaded: true,
      feed: m.feed,
      alerts: alertMapOf(m.alerts),
      alertsLoaded: m.alertsLoaded,
    };
  }
  const alerts =
    m.alerts?.length || m.alertsRemoved?.length ? { alerts: mergeAlerts(s.alerts, m.alerts, m.alertsRemoved) } : {};
  if (m.detail) return { ...fromDetail(m.detail), feed: m.feed, ...alerts };
  const next: Partial<VenueState> = { feed: m.feed, ...alerts };
  // All of the live part, or the moving figures of the one the store has.
  if (m.live && ('worst' in m.live || s.live)) next.live = 'worst' in m.live ? m.live : { ...s.live!, ...m.live };
  // A delta carries a zone's or sensor's changing fields; its definition is what the detail gave.
  if (m.zones?.id.length) {
    const zones = { ...s.zones };
    for (const z of zoneRows(m.zones, m.at)) if (zones[z.id]) zones[z.id] = { ...zones[z.id]!, ...z };
    next.zones = zones;
  }
  if (m.sensors?.id.length) {
    const sensors = { ...s.sensors };
    for (const x of sensorRows(m.sensors, m.at)) if (sensors[x.id]) sensors[x.id] = { ...sensors[x.id]!, ...x };
    next.sensors = sensors;
  }
  if (m.incidents?.length || m.incidentsRemoved?.length) {
    const incidents = { ...s.incidents };
    for (const i of m.incidents ?? []) incidents[i.key] = i;
    for (const k of m.incidentsRemoved ?? []) delete incidents[k];
    next.incidents = incidents;
  }
  return next;
}

export function createVenueStore(venueId: string | null = null) {
  return createStore<VenueState>()((set) => ({
    ...connectionSlice<VenueState>(set),
    venueId,
    loaded: false,
    alertsLoaded: null,
    ...fromDetail(null),
    alerts: {},
    feed: null,
    applyMessages: (messages, receivedAt, serverOffsetMs) =>
      set((state) => {
        let s = state;
        for (const m of messages) s = { ...s, ...apply(s, m) };
        return { ...s, ...freshnessAfter(s, messages[messages.length - 1], receivedAt, serverOffsetMs) };
      }),
  }));
}

export type VenueStore = ReturnType<typeof createVenueStore>;
