/**
 * /api/metrics in the Prometheus text exposition format (version 0.0.4): ours, rendered from the
 * runtime's own counters at scrape time, then the process's (prom-client's default metrics: CPU,
 * memory, event-loop lag, GC, handles).
 */
import 'server-only';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { LAG_BUCKETS_S } from '../ingest/ingest-metrics';
import type { FeedRuntime } from './feed-runtime';
import { DESKS, type AlarmKpis, type PositionKpis } from '../contracts/alarm-kpis';
import { alarmCounts } from '../contracts/alarm-counts';
import { SEVERITIES } from '../contracts/payloads.schema';

/** A label value as the exposition format writes it: backslash, double quote and newline escaped. */
export const escapeLabelValue = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function line(name: string, value: number, labels?: Record<string, string>): string {
  const l = labels
    ? `{${Object.entries(labels)
        .map(([k, v]) => `${k}="${escapeLabelValue(v)}"`)
        .join(',')}}`
    : '';
  return `${name}${l} ${Number.isFinite(value) ? value : 0}`;
}

/** A `publisher\0reason` counter key as labels. */
function pair(key: string): Record<string, string> {
  const [publisher = '', reason = ''] = key.split('\0');
  return { publisher, reason };
}

/** `lastHour`: the alarm-system KPIs of the last hour (omitted when the database did not answer). */
export function renderMetrics(rt: FeedRuntime, now = Date.now(), lastHour?: AlarmKpis): string {
  const m = rt.metrics;
  const out: string[] = [];
  const head = (name: string, type: 'counter' | 'gauge' | 'histogram', help: string) =>
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);

  head('vcc_messages_received_total', 'counter', 'MQTT messages that reached ingest.');
  out.push(line('vcc_messages_received_total', m.received));
  head('vcc_messages_accepted_total', 'counter', 'Messages validated and folded into the model, by topic kind.');
  for (const [kind, n] of Object.entries(m.accepted)) out.push(line('vcc_messages_accepted_total', n, { kind }));
  head('vcc_messages_rejected_total', 'counter', 'Messages refused at the door, by reason.');
  for (const [reason, n] of m.rejected) out.push(line('vcc_messages_rejected_total', n, { reason }));
  head(
    'vcc_messages_rejected_by_publisher_total',
    'counter',
    'Messages refused at the door, by the publisher the embedded broker authenticated and reason.',
  );
  for (const [key, n] of m.rejectedByPublisher)
    out.push(line('vcc_messages_rejected_by_publisher_total', n, pair(key)));
  head('vcc_mqtt_auth_failures_total', 'counter', 'MQTT connections the embedded broker refused, by reason.');
  for (const [reason, n] of m.authFailures) out.push(line('vcc_mqtt_auth_failures_total', n, { reason }));
  head(
    'vcc_mqtt_publish_refused_total',
    'counter',
    'Publishes and subscriptions the embedded broker refused, by publisher and reason.',
  );
  for (const [key, n] of m.brokerRefusals) out.push(line('vcc_mqtt_publish_refused_total', n, pair(key)));
  head(
    'vcc_messages_lost_total',
    'counter',
    'Telemetry lost before it reached us, estimated from per-source sequence gaps.',
  );
  out.push(line('vcc_messages_lost_total', rt.model.lostMessages));
  head('vcc_ingest_lag_seconds', 'histogram', 'Source timestamp to folded into the model.');
  let cumulative = 0;
  LAG_BUCKETS_S.forEach((le, i) => {
    cumulative += m.lagBuckets[i]!;
    out.push(line('vcc_ingest_lag_seconds_bucket', cumulative, { le: String(le) }));
  });
  cumulative += m.lagBuckets[LAG_BUCKETS_S.length]!;
  out.push(line('vcc_ingest_lag_seconds_bucket', cumulative, { le: '+Inf' }));
  out.push(line('vcc_ingest_lag_seconds_sum', m.lagSum), line('vcc_ingest_lag_seconds_count', m.lagCount));

  head('vcc_feed_age_seconds', 'gauge', 'Seconds since the last accepted message (-1 before the first).');
  out.push(line('vcc_feed_age_seconds', rt.model.lastAcceptedAt === 0 ? -1 : (now - rt.model.lastAcceptedAt) / 1000));
  head('vcc_broker_connected', 'gauge', '1 when the broker connection is up and subscribed.');
  out.push(line('vcc_broker_connected', rt.feed.connected && rt.feed.subscribed ? 1 : 0, { kind: rt.feed.kind }));
  head('vcc_database_reachable', 'gauge', '1 when the database answered its last probe (every 2 s).');
  out.push(line('vcc_database_reachable', rt.alerts.probe.state.reachable ? 1 : 0, { kind: rt.alerts.db.kind }));
  const link = rt.alerts.db.listenLink();
  head('vcc_alerts_link_listening', 'gauge', "1 when the connection bringing other instances' alert changes listens.");
  out.push(line('vcc_alerts_link_listening', link?.listening ? 1 : 0));
  head('vcc_alerts_link_relistens_total', 'counter', 'Times that connection was lost and listened again.');
  out.push(line('vcc_alerts_link_relistens_total', link?.relistens ?? 0));
  head('vcc_venues', 'gauge', 'Venues known from the registry.');
  out.push(line('vcc_venues', rt.model.venues.size));

  const s = rt.hub.stats;
  head('vcc_stream_clients', 'gauge', 'Connected stream (SSE) clients.');
  out.push(line('vcc_stream_clients', rt.hub.clientCount));
  head('vcc_stream_flushes_total', 'counter', 'Coalescing steps of the stream hub.');
  out.push(line('vcc_stream_flushes_total', s.flushes));
  head('vcc_stream_early_flushes_total', 'counter', 'Flushes brought forward by news someone must see at once.');
  out.push(line('vcc_stream_early_flushes_total', s.earlyFlushes));
  head(
    'vcc_stream_deltas_serialised_total',
    'counter',
    'Deltas built and serialised (once per flush, shared by all clients).',
  );
  out.push(line('vcc_stream_deltas_serialised_total', s.deltasSerialised));
  head('vcc_stream_snapshots_serialised_total', 'counter', 'Snapshots serialised.');
  out.push(line('vcc_stream_snapshots_serialised_total', s.snapshotsSerialised));
  head('vcc_stream_frames_sent_total', 'counter', 'Frames handed to client transports.');
  out.push(line('vcc_stream_frames_sent_total', s.framesSent));
  head('vcc_stream_client_resets_total', 'counter', 'Times a slow client dropped its queue and was resent a snapshot.');
  out.push(line('vcc_stream_client_resets_total', s.clientResets));
  head('vcc_stream_last_delta_bytes', 'gauge', 'Size of the last delta frame.');
  out.push(line('vcc_stream_last_delta_bytes', s.lastDeltaBytes));

  const counts = alarmCounts(rt.alerts.board.alerts.values());
  head('vcc_alarms_unacknowledged', 'gauge', 'Alarms nobody has acknowledged, by severity (as the wall counts them).');
  for (const s of SEVERITIES) out.push(line('vcc_alarms_unacknowledged', counts.unacknowledged[s], { severity: s }));
  head('vcc_alarms_active', 'gauge', 'Alarms whose condition is still present.');
  out.push(line('vcc_alarms_active', counts.active));
  head(
    'vcc_alarm_conditions_suppressed',
    'gauge',
    'Conditions held silent beneath their cause in the last rules pass.',
  );
  out.push(line('vcc_alarm_conditions_suppressed', rt.alerts.engine.stats.suppressed));
  const history = rt.alerts.history.stats;
  head('vcc_rules_leader', 'gauge', '1 when this instance runs the rules and writes the history.');
  out.push(line('vcc_rules_leader', rt.alerts.engine.stats.leader ? 1 : 0));
  head('vcc_history_minutes_written_total', 'counter', 'Minutes of history this instance wrote to the database.');
  out.push(line('vcc_history_minutes_written_total', history.minutesWritten));
  head('vcc_history_rows_written_total', 'counter', 'Sensor, zone and city rows of history written.');
  out.push(line('vcc_history_rows_written_total', history.rowsWritten));
  head('vcc_history_write_failures_total', 'counter', 'History writes that failed (caught up on a later pass).');
  out.push(line('vcc_history_write_failures_total', history.failures));
  head('vcc_history_last_write_seconds', 'gauge', 'How long the last history write took.');
  out.push(line('vcc_history_last_write_seconds', history.lastWriteMs / 1000));
  if (lastHour) {
    // The two desks, and the busiest venue's own team (each venue's team is a position of its own).
    const positions: [string, PositionKpis | null][] = [
      ...DESKS.map((p): [string, PositionKpis] => [p, lastHour.byPosition[p]]),
      ['busiest_venue_team', lastHour.venueTeams.busiest],
    ];
    head('vcc_alarms_last_hour', 'gauge', 'Alarms raised (or raised again) in the last hour, by operator position.');
    for (const [p, k] of positions) out.push(line('vcc_alarms_last_hour', k?.alarms ?? 0, { position: p }));
    head('vcc_alarms_peak_10min_last_hour', 'gauge', 'Most alarms in any 10 minutes of the last hour, by position.');
    for (const [p, k] of positions)
      out.push(line('vcc_alarms_peak_10min_last_hour', k?.per10MinPeak ?? 0, { position: p }));
    head('vcc_alarm_flood_ratio_last_hour', 'gauge', 'Share of the last hour with more than 10 alarms in 10 minutes.');
    for (const [p, k] of positions)
      out.push(line('vcc_alarm_flood_ratio_last_hour', (k?.timeInFloodPercent ?? 0) / 100, { position: p }));
    head(
      'vcc_venue_team_alarms_last_hour',
      'gauge',
      "Minor alarms for the venues' own teams in the last hour, all venues.",
    );
    out.push(line('vcc_venue_team_alarms_last_hour', lastHour.venueTeams.alarms));
    head('vcc_alarm_chattering_sources_last_hour', 'gauge', 'Sources raised 3 or more times within a minute.');
    out.push(line('vcc_alarm_chattering_sources_last_hour', lastHour.chatteringSources.length));
    head('vcc_alarms_standing', 'gauge', 'Alarms active for more than an hour.');
    out.push(line('vcc_alarms_standing', lastHour.standing));
  }

  return out.join('\n') + '\n';
}

const PROCESS_REGISTRY = Symbol.for('vcc.process-metrics');
type Holder = { [PROCESS_REGISTRY]?: Registry };

/** The process's own metrics, collected by prom-client (one registry per process, whichever bundle asks). */
export function processMetrics(): Promise<string> {
  const holder = globalThis as Holder;
  if (!holder[PROCESS_REGISTRY]) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    holder[PROCESS_REGISTRY] = registry;
  }
  return holder[PROCESS_REGISTRY].metrics();
}
