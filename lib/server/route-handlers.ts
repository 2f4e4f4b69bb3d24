/** The logic behind app/api/* routes; each route file is a one-line delegate to these. */
import 'server-only';
import type { SensorHistory, ZoneHistory } from '../contracts/stream';
import { openEventStream } from '../stream/event-stream';
import { getFeedRuntime } from './feed-runtime';
import { healthReport } from './health';
import { sparklinesOf } from '../stream/history-views';
import { renderMetrics } from './prometheus';

const notStarted = () =>
  new Response('feed runtime not started\n', {
    status: 503,
    headers: { 'Content-Type': 'text/plain', 'Retry-After': '1' },
  });

export async function streamGET(request: Request): Promise<Response> {
  const rt = await getFeedRuntime();
  return rt ? openEventStream(rt.hub, request) : notStarted();
}

export async function healthGET(): Promise<Response> {
  const report = healthReport(await getFeedRuntime());
  // Liveness is this answer itself; readiness is the status code, for load balancers.
  return Response.json(report, { status: report.ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}

export async function metricsGET(): Promise<Response> {
  const rt = await getFeedRuntime();
  if (!rt) return notStarted();
  return new Response(renderMetrics(rt), {
    headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** A sensor's last hour (per-minute means from the server's ring), for the venue page's history chart. */
export async function sensorHistoryGET(
  _request: Request,
  { params }: { params: Promise<{ venueId: string; sensorId: string }> },
): Promise<Response> {
  const rt = await getFeedRuntime();
  if (!rt) return notStarted();
  const { venueId, sensorId } = await params;
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
  _request: Request,
  { params }: { params: Promise<{ venueId: string; zoneId: string }> },
): Promise<Response> {
  const rt = await getFeedRuntime();
  if (!rt) return notStarted();
  const { venueId, zoneId } = await params;
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
  _request: Request,
  { params }: { params: Promise<{ venueId: string }> },
): Promise<Response> {
  const rt = await getFeedRuntime();
  if (!rt) return notStarted();
  const { venueId } = await params;
  const venue = rt.model.venues.get(venueId);
  if (!venue) return Response.json({ error: `no venue '${venueId}'` }, { status: 404 });
  const body = sparklinesOf(venueId, [...venue.sensors.values()], Date.now());
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
}
