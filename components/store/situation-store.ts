/**
 * The browser's copy of the situation: a zustand store fed by the stream, at most once
 * per animation frame. Slices keep it readable; components select atomically, and the
 * map and charts subscribe transiently instead of re-rendering.
 */
import { createStore } from 'zustand/vanilla';
import { alertMapOf, mergeAlerts, type AlertMap } from './alert-map';
import { connectionSlice, type ConnectionSlice } from './connection-slice';
import { freshnessAfter } from './data-age';
import type {
  FeedStatus,
  IncidentView,
  Kpis,
  StreamDelta,
  StreamMessage,
  StreamSnapshot,
  TrendPoint,
  VenueLive,
  VenueSummary,
} from '@/lib/contracts/stream';

/** Trend points kept in the browser: one hour of 10 s buckets. */
export const MAX_TREND_POINTS = 360;

/** Which server instance sent the last snapshot (a fleet's instances each have one). */
export interface ServerSlice {
  serverId: string | null;
}

export interface VenuesSlice {
  venues: Record<string, VenueSummary>;
  /** Venue ids by city then name, stable for lists. */
  venueOrder: string[];
  live: Record<string, VenueLive>;
}

export interface IncidentsSlice {
  incidents: Record<string, IncidentView>;
  /** Unresolved and recently resolved alerts, by id. */
  alerts: AlertMap;
  /**
   * False while the server's alarm database is not attached (no alerts then is not "all clear");
   * null before the first snapshot says either way.
   */
  alertsLoaded: boolean | null;
}

export interface KpiSlice {
  /** The city's figures: in the snapshot, then in a delta only when they moved (paced by the server). */
  kpis: Kpis | null;
  trend: TrendPoint[];
  /** The feed's state, in every message (new each time: select its fields). */
  feed: FeedStatus | null;
}

export interface SituationState extends ConnectionSlice, ServerSlice, VenuesSlice, IncidentsSlice, KpiSlice {
  /** Applies what arrived since the last frame, in order. */
  applyMessages: (messages: StreamMessage[], receivedAt: number, serverOffsetMs: number) => void;
}

function orderVenues(venues: Record<string, VenueSummary>): string[] {
  return Object.values(venues)
    .sort((a, b) => a.cityId.localeCompare(b.cityId) || a.name.en.localeCompare(b.name.en))
    .map((v) => v.id);
}

function fromSnapshot(
  s: StreamSnapshot,
): Pick<
  SituationState,
  'venues' | 'venueOrder' | 'live' | 'incidents' | 'alerts' | 'alertsLoaded' | 'kpis' | 'trend' | 'feed' | 'serverId'
> {
  const venues = Object.fromEntries(s.venues.map((v) => [v.id, v]));
  return {
    serverId: s.serverId,
    venues,
    venueOrder: orderVenues(venues),
    live: Object.fromEntries(s.live.map((v) => [v.id, v])),
    incidents: Object.fromEntries(s.incidents.map((i) => [i.key, i])),
    alerts: alertMapOf(s.alerts),
    alertsLoaded: s.alertsLoaded,
    kpis: s.kpis,
    trend: s.trend.slice(-MAX_TREND_POINTS),
    feed: s.feed,
  };
}

function mergeTrend(trend: TrendPoint[], points: TrendPoint[]): TrendPoint[] {
  const out = trend.slice();
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && p.t === last.t) out[out.length - 1] = p;
    else if (!last || p.t > last.t) out.push(p);
  }
  return out.length > MAX_TREND_POINTS ? out.slice(out.length - MAX_TREND_POINTS) : out;
}

function applyDelta(state: SituationState, d: StreamDelta): Partial<SituationState> {
  const next: Partial<SituationState> = { feed: d.feed };
  if (d.kpis) next.kpis = d.kpis;
  if (d.venues?.length) {
    const venues = { ...state.venues };
    for (const v of d.venues) venues[v.id] = v;
    next.venues = venues;
    next.venueOrder = orderVenues(venues);
  }
  if (d.live?.length) {
    const live = { ...state.live };
    // A whole live part, or the moving figures of a venue whose status the store already has.
    for (const v of d.live) {
      const held = live[v.id];
      if ('worst' in v) live[v.id] = v;
      else if (held) live[v.id] = { ...held, ...v };
    }
    next.live = live;
  }
  if (d.incidents?.length || d.incidentsRemoved?.length) {
    const incidents = { ...state.incidents };
    for (const i of d.incidents ?? []) incidents[i.key] = i;
    for (const key of d.incidentsRemoved ?? []) delete incidents[key];
    next.incidents = incidents;
  }
  if (d.alerts?.length || d.alertsRemoved?.length) next.alerts = mergeAlerts(state.alerts, d.alerts, d.alertsRemoved);
  if (d.trend?.length) next.trend = mergeTrend(state.trend, d.trend);
  return next;
}

/**
 * The store, empty or holding the city picture the page was rendered with (`initial`, from the server
 * with the page's HTML): the first paint then shows the figures without waiting for scripts and the
 * stream. That picture is the store's initial state, so the server's render and the browser's
 * hydration read the same one. Its data are aged by their stamps as usual; the link stays
 * 'connecting' (greyed) until the stream itself speaks.
 */
export function createSituationStore(initial?: StreamSnapshot) {
  return createStore<SituationState>()((set) => ({
    ...connectionSlice<SituationState>(set),
    serverId: null,
    venues: {},
    venueOrder: [],
    live: {},
    incidents: {},
    alerts: {},
    alertsLoaded: null,
    kpis: null,
    trend: [],
    feed: null,
    ...(initial && {
      ...fromSnapshot(initial),
      lastServerAt: initial.at,
      feedAgeAtMessage: initial.feed.feedAgeMs,
    }),
    applyMessages: (messages, receivedAt, serverOffsetMs) =>
      set((state) => {
        let s: SituationState = state;
        for (const m of messages) {
          s = { ...s, ...(m.type === 'snapshot' ? fromSnapshot(m) : applyDelta(s, m)) };
        }
        const last = messages[messages.length - 1];
        return { ...s, ...freshnessAfter(s, last, receivedAt, serverOffsetMs) };
      }),
  }));
}

export type SituationStore = ReturnType<typeof createSituationStore>;
