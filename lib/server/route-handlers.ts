/** The logic behind app/api/* routes; each route file is a one-line delegate to these. */
import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import type { SessionUser } from '../contracts/alerts';
import type { SensorHistory, ZoneHistory } from '../contracts/stream';
import { ID_PATTERN } from '../contracts/topics';
import { canViewCity, canViewVenue } from '../auth/permissions';
import { openEventStream } from '../stream/event-stream';
import type { StreamScope } from '../stream/stream-hub';
import { getFeedRuntime, type FeedRuntime } from './feed-runtime';
import { json, requestUser, signInFirst } from './request-auth';
import { healthReport } from './health';
import { sparklinesOf } from '../stream/history-views';
import { processMetrics, renderMetrics } from './prometheus';
import { loadAlarmKpis } from '../alerts/alarm-kpi-queries';

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

export async function streamGET(request: Request): Promise<Response> {
  const rt = await getFeedRuntime();
  if (!rt) return notStarted();
  const user = await requestUser(rt, request);
  if (!user) return signInFirst();
  const scope = streamScope(user, new URL(request.url).searchParams);
  return scope instanceof Response ? scope : openEventStream(rt.hub, request, scope, rt.env.instanceName);
}

/** The runtime, if the caller may see this venue; otherwise the answer to send. */
async function venueReader(request: Request, venueId: string): Promise<FeedRuntime | Response> {
  const rt = await getFeedRuntime();
  if (!rt) return notStarted();
  const user = await requestUser(rt, request);
  if (!user) return signInFirst();
  return canViewVenue(user, venueId) ? rt : json({ error: 'not your venue' }, 403);
}

/** GET /api/health and /api/health/ready: the whole report; 200 when ready for traffic, 503 when not. */
export async function healthGET(): Promise<Response> {
  const report = healthReport(await getFeedRuntime());
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

/** A sensor's last hour (per-minute means from the server's ring), for the venue page's history chart. */
export async function sensorHistoryGET(
  request: Request,
  { params }: { params: Promise<{ venueId: string; sensorId: string }> },
): Promise<Response> {
  const { venueId, sensorId } = await params;
  const rt = await venueReader(request, venueId);
  if (rt instanceof Response) return rt;
  const sensor = rt.model.venues.get(venueId)?.sensors.get(sensorId);
  if (!sensor) return Response.json({ error: `no sensor '${sensorId}' at venue '${venueId}'` }, { status: 404 });
  const body: SensorHistory = {
    venueId,
    sensorId,
    unit: sensor.def.unit,
    bucketMs: sensor.history.bucketMs,
    points: sensor.history.points(),
  };
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
}

/** A zone's occupancy over the last hour (30 s means from the server's ring), for the zone page. */
export async function zoneHistoryGET(
  request: Request,
  { params }: { params: Promise<{ venueId: string; zoneId: string }> },
): Promise<Response> {
  const { venueId, zoneId } = await params;
  const rt = await venueReader(request, venueId);
  if (rt instanceof Response) return rt;
  const zone = rt.model.venues.get(venueId)?.zones.get(zoneId);
  if (!zone) return Response.json({ error: `no zone '${zoneId}' at venue '${venueId}'` }, { status: 404 });
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

/** Every sensor of a venue, its last hour on one time axis: the sparklines of the sensor lists. */
export async function sensorSparklinesGET(
  request: Request,
  { params }: { params: Promise<{ venueId: string }> },
): Promise<Response> {
  const { venueId } = await params;
  const rt = await venueReader(request, venueId);
  if (rt instanceof Response) return rt;
  const venue = rt.model.venues.get(venueId);
  if (!venue) return Response.json({ error: `no venue '${venueId}'` }, { status: 404 });
  const body = sparklinesOf(venueId, [...venue.sensors.values()], Date.now());
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
}
