/** The logic behind app/api/* routes; each route file is a one-line delegate to these. */
import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import type { SessionUser } from '../contracts/alerts';
import type { SensorHistory, SensorSparklines, ZoneHistory } from '../contracts/stream';
import { ID_PATTERN } from '../contracts/topics';
import { canViewCity, canViewVenue } from '../auth/permissions';
import { openEventStream } from '../stream/event-stream';
import type { StreamScope } from '../stream/stream-hub';
import { getFeedRuntime, getLiveFeed, startProgress, type FeedRuntime, type LiveFeed } from './feed-runtime';
import { json, requestUser, requestViewer, sessionUnchecked, signInFirst, tooMany, type Viewer } from './request-auth';
import { healthReport } from './health';
import { sparklinesOf } from '../stream/history-views';
import { processMetrics, renderMetrics } from './prometheus';
import { loadAlarmKpis } from '../alerts/alarm-kpi-queries';
import { citySeries, sensorSeries, venueSensorSeries, zoneSeries } from '../history/history-queries';
import { RateLimiter } from '../auth/rate-limit';
import { isLocale } from '../i18n/locales';
import { CHART_SIZE } from '../charts/city-trend-option';

const notStarted = () =>
  new Response('feed runtime not started\n', {
    status: 503,
    headers: { 'Content-Type': 'text/plain', 'Retry-After': '1' },
  });

const VENUE_ID = new RegExp(ID_PATTERN);

/**
 * What a user's stream carries: `?venue=ID`, one venue (theirs, for a venue manager);
 * `?alerts`, only the alerts they may see (a responder's phone); neither, the city wall
 * (not for someone limited to some venues).
 */
function streamScope(user: SessionUser, params: URLSearchParams): StreamScope | Response {
  const venue = params.get('venue');
  if (venue !== null) {
    if (!VENUE_ID.test(venue)) return json({ error: 'venue must be a venue id' }, 400);
    if (!canViewVenue(user, venue)) return json({ error: 'not your venue' }, 403);
    return { kind: 'venue', venueId: venue };
  }
  if (params.has('alerts')) return { kind: 'alerts', venues: user.venues };
  if (!canViewCity(user)) return json({ error: 'the city wall is for those who see every venue' }, 403);
  return { kind: 'city' };
}

/**
 * The live feed and who asks for it, from the feed's start, before the database (to view-pass holders:
 * request-auth.ts); otherwise the answer to send.
 */
async function liveViewer(request: Request): Promise<{ live: LiveFeed; viewer: Viewer } | Response> {
  const live = getLiveFeed();
  if (!live) return notStarted();
  const viewer = await requestViewer(live, request);
  if (viewer === 'unchecked') return sessionUnchecked();
  if (!viewer) return signInFirst();
  return { live, viewer };
}

/** The live picture streams from the feed's start, before the database. */
export async function streamGET(request: Request): Promise<Response> {
  const asked = await liveViewer(request);
  if (asked instanceof Response) return asked;
  const { live, viewer } = asked;
  const scope = streamScope(viewer.user, new URL(request.url).searchParams);
  if (scope instanceof Response) return scope;
  return openEventStream(live.hub, request, scope, live.env.instanceName, viewer.viewPass);
}

/** The live feed, if the caller may see this venue; otherwise the answer to send. */
async function venueReader(request: Request, venueId: string): Promise<LiveFeed | Response> {
  const asked = await liveViewer(request);
  if (asked instanceof Response) return asked;
  return canViewVenue(asked.viewer.user, venueId) ? asked.live : json({ error: 'not your venue' }, 403);
}

/**
 * New chart drawings per person (shared accounts drive several screens): a screen needs one per 10 s bucket
 * and one per resize; screens of one size and language share theirs. At ~20 ms each, at most 4% of a core.
 */
const chartDrawLimiter = new RateLimiter(120, 60_000);

const whole = (text: string | null, min: number, max: number): number | null => {
  const n = text !== null && /^\d{1,13}$/.test(text) ? Number(text) : NaN;
  return n >= min && n <= max ? n : null;
};

/**
 * GET /api/charts/city-trend?w=&h=&lang=&to=: the wall's last-hour chart as SVG, drawn by ECharts here
 * (lib/server/city-trend-svg.ts) at the panel's size in CSS px, in a language, ending at the newest
 * point the page has (`to`, ms; the newest there is when left out). To whoever may see the city stream.
 */
export async function cityTrendChartGET(request: Request): Promise<Response> {
  const asked = await liveViewer(request);
  if (asked instanceof Response) return asked;
  const { live, viewer } = asked;
  if (!canViewCity(viewer.user)) return json({ error: 'the city is for those who see every venue' }, 403);
  const params = new URL(request.url).searchParams;
  const width = whole(params.get('w'), CHART_SIZE.minWidth, CHART_SIZE.maxWidth);
  const height = whole(params.get('h'), CHART_SIZE.minHeight, CHART_SIZE.maxHeight);
  const locale = params.get('lang');
  if (width === null || height === null)
    return json(
      {
        error: `w must be ${CHART_SIZE.minWidth}-${CHART_SIZE.maxWidth} and h ${CHART_SIZE.minHeight}-${CHART_SIZE.maxHeight} (CSS px)`,
      },
      400,
    );
  if (!isLocale(locale)) return json({ error: "lang must be one of the wall's languages" }, 400);
  const trend = live.model.trend();
  const to = params.has('to') ? whole(params.get('to'), 0, 8.64e15) : (trend.at(-1)?.t ?? Date.now());
  if (to === null) return json({ error: 'to must be a time in ms' }, 400);
  const now = Date.now();
  // ECharts loads with the first chart asked for: the health checks, the stream and every other route share
  // this module, and a server's first answers (its start-up checks) should not wait for a chart library.
  const { cityTrendSvg } = await import('./city-trend-svg');
  const svg = cityTrendSvg(
    trend,
    { width, height, locale, to },
    () => chartDrawLimiter.take(viewer.user.id, now) === 0,
  );
  if (svg === null) return tooMany(chartDrawLimiter.blockedFor(viewer.user.id, now));
  return new Response(svg, {
    headers: { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** GET /api/history/city?from=&to=: people inside and open incidents over any stored span. */
export async function cityHistoryGET(request: Request): Promise<Response> {
  const rt = await getFeedRuntime();
  if (!rt) return notStarted();
  const user = await requestUser(rt, request);
  if (!user) return signInFirst();
  if (!canViewCity(user)) return json({ error: 'the city is for those who see every venue' }, 403);
  const now = Date.now();
  const params = new URL(request.url).searchParams;
  if (!params.has('from')) params.set('from', String(now - 3600_000));
  const span = historySpan(params, now);
  if (span instanceof Response || span === null) return span ?? json({ error: 'from is needed' }, 400);
  return storedHistory(rt, (r) => citySeries(r.alerts.db, span.from, span.to));
}

/** GET /api/health and /api/health/ready: the whole report; 200 when ready for traffic, 503 when not. */
export async function healthGET(): Promise<Response> {
  const report = healthReport(await getFeedRuntime(), Date.now(), startProgress());
  return Response.json(report, { status: report.ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * GET /api/health/live: the process answers. Not ready (a broker or database away) is not a reason
 * to restart it: it heals by itself; an orchestrator should restart only what stops answering.
 */
export async function liveGET(): Promise<Response> {
  const rt = await getFeedRuntime();
  return Response.json(
    { live: true, started: rt !== undefined, uptimeS: Math.round(process.uptime()) },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

/** Bearer `token` in the Authorization header, compared in constant time. */
function bearerMatches(request: Request, token: string): boolean {
  const given = Buffer.from(request.headers.get('authorization') ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function metricsGET(request: Request): Promise<Response> {
  const rt = await getFeedRuntime();
  if (!rt) return notStarted();
  if (rt.env.metricsToken !== undefined && !bearerMatches(request, rt.env.metricsToken)) {
    return new Response('metrics need the bearer token (METRICS_TOKEN)\n', {
      status: 401,
      headers: { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer realm="metrics"' },
    });
  }
  const now = Date.now();
  // The database may be slow or away: the rest of the metrics still answer.
  const lastHour = await loadAlarmKpis(rt.alerts.db, now - 3600_000, now, null).catch(() => undefined);
  return new Response(renderMetrics(rt, now, lastHour) + (await processMetrics()), {
    headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** The longest span one history request may ask for: the Games and the retention after them. */
const MAX_SPAN_MS = 40 * 24 * 3600_000;

/** `?from=&to=` (epoch ms or ISO 8601): a span of the stored history; neither: the live hour. */
export function historySpan(params: URLSearchParams, now: number): { from: number; to: number } | null | Response {
  const raw = [params.get('from'), params.get('to')];
  if (raw[0] === null && raw[1] === null) return null;
  const [from, to] = raw.map((x) => (x === null ? now : /^\d+$/.test(x) ? Number(x) : Date.parse(x)));
  if (!Number.isFinite(from) || !Number.isFinite(to) || raw[0] === null) {
    return json({ error: 'from (and optionally to) must be epoch milliseconds or ISO 8601 times' }, 400);
  }
  if (from! >= to!) return json({ error: 'from must be before to' }, 400);
  if (to! - from! > MAX_SPAN_MS) return json({ error: 'a span of at most 40 days' }, 400);
  return { from: from!, to: Math.min(to!, now) };
}

/** The stored span asked for, from the database; the database away (or not attached yet) answers 503 in words. */
async function storedHistory(live: LiveFeed, load: (rt: FeedRuntime) => Promise<unknown>): Promise<Response> {
  const rt = live as Partial<FeedRuntime>;
  if (!rt.alerts) {
    return json({ error: 'the stored history is starting (its database is not attached yet)' }, 503, {
      'Retry-After': '2',
    });
  }
  try {
    return Response.json(await load(rt as FeedRuntime), { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    console.error(`[history] span not read: ${(err as Error).message}`);
    return json({ error: 'the history is not answering: try again in a moment' }, 503, { 'Retry-After': '2' });
  }
}

/**
 * A sensor's history: the last hour (per-minute means from the server's ring) for the venue page's
 * chart, or with `?from=&to=` any stored span (a day, the Games), downsampled.
 */
export async function sensorHistoryGET(
  request: Request,
  { params }: { params: Promise<{ venueId: string; sensorId: string }> },
): Promise<Response> {
  const { venueId, sensorId } = await params;
  const rt = await venueReader(request, venueId);
  if (rt instanceof Response) return rt;
  const sensor = rt.model.venues.get(venueId)?.sensors.get(sensorId);
  if (!sensor) return Response.json({ error: `no sensor '${sensorId}' at venue '${venueId}'` }, { status: 404 });
  const span = historySpan(new URL(request.url).searchParams, Date.now());
  if (span instanceof Response) return span;
  if (span) {
    return storedHistory(rt, async (r): Promise<SensorHistory> => {
      const stored = await sensorSeries(r.alerts.db, venueId, sensorId, span.from, span.to);
      return { venueId, sensorId, unit: sensor.def.unit, ...stored };
    });
  }
  const body: SensorHistory = {
    venueId,
    sensorId,
    unit: sensor.def.unit,
    bucketMs: sensor.history.bucketMs,
    points: sensor.history.points(),
  };
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
}

/** A zone's occupancy: the last hour (30 s means from the server's ring), or with `?from=&to=` any stored span. */
export async function zoneHistoryGET(
  request: Request,
  { params }: { params: Promise<{ venueId: string; zoneId: string }> },
): Promise<Response> {
  const { venueId, zoneId } = await params;
  const rt = await venueReader(request, venueId);
  if (rt instanceof Response) return rt;
  const zone = rt.model.venues.get(venueId)?.zones.get(zoneId);
  if (!zone) return Response.json({ error: `no zone '${zoneId}' at venue '${venueId}'` }, { status: 404 });
  const span = historySpan(new URL(request.url).searchParams, Date.now());
  if (span instanceof Response) return span;
  if (span) {
    return storedHistory(rt, async (r): Promise<ZoneHistory> => {
      const stored = await zoneSeries(r.alerts.db, venueId, zoneId, span.from, span.to);
      return { venueId, zoneId, capacity: zone.def.capacity, areaM2: zone.def.areaM2, ...stored };
    });
  }
  const body: ZoneHistory = {
    venueId,
    zoneId,
    capacity: zone.def.capacity,
    areaM2: zone.def.areaM2,
    bucketMs: zone.history.bucketMs,
    points: zone.history.points(),
  };
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
}

/**
 * Every sensor of a venue on one time axis: the last hour for the sensor lists' sparklines, or with
 * `?from=&to=` any stored span (a venue's day).
 */
export async function sensorSparklinesGET(
  request: Request,
  { params }: { params: Promise<{ venueId: string }> },
): Promise<Response> {
  const { venueId } = await params;
  const rt = await venueReader(request, venueId);
  if (rt instanceof Response) return rt;
  const venue = rt.model.venues.get(venueId);
  if (!venue) return Response.json({ error: `no venue '${venueId}'` }, { status: 404 });
  const span = historySpan(new URL(request.url).searchParams, Date.now());
  if (span instanceof Response) return span;
  if (span) {
    return storedHistory(rt, async (r): Promise<SensorSparklines> => {
      const { bucketMs, series } = await venueSensorSeries(r.alerts.db, venueId, span.from, span.to);
      const from = Math.floor(span.from / bucketMs) * bucketMs;
      const slots = Math.ceil((span.to - from) / bucketMs);
      const rows: Record<string, (number | null)[]> = {};
      for (const id of venue.sensors.keys()) {
        const row = new Array<number | null>(slots).fill(null);
        for (const [t, v] of series.get(id) ?? []) {
          const i = Math.round((t - from) / bucketMs);
          if (i >= 0 && i < slots) row[i] = v;
        }
        rows[id] = row;
      }
      return { venueId, bucketMs, from, series: rows };
    });
  }
  const body = sparklinesOf(venueId, [...venue.sensors.values()], Date.now());
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
}
