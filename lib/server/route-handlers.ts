/** The logic behind app/api/* routes; each route file is a one-line delegate to these. */
import 'server-only';
import type { SensorHistory } from '../contracts/stream';
import { openEventStream } from '../stream/event-stream';
import { getFeedRuntime } from './feed-runtime';
import { healthReport } from './health';
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
