/**
 * The alarm system's own performance, as ISA-18.2 / EEMUA 191 / IEC 62682 measure it: alarms per
 * 10 minutes per operator position (average and peak), time in flood, chattering sources, standing
 * alarms, the priority spread, the ten most frequent sources ("bad actors") and how long people
 * take to acknowledge. Pure: the shift report, /api/metrics and the alarm-load benchmark feed it.
 */
import type { AlertType, AlertView } from './alerts';
import type { Severity } from './payloads.schema';
import { SENSOR_KINDS, type SensorKind } from './sensor-kinds';

/** The command center's two desks: who at the center is asked to act on which alarm (docs/alarms.md). */
export const DESKS = ['technology', 'venues'] as const;
export type Desk = (typeof DESKS)[number];
/**
 * Who is asked to act: one of the center's desks, or the venue's own team (its manager's tablet, its
 * stewards): one position per venue, for the alarms only the venue acts on.
 */
export type Position = Desk | 'venue_team';

const TECHNOLOGY_KINDS: readonly SensorKind[] = ['net_latency', 'net_loss', 'wifi_clients', 'broadcast'];

/**
 * Who an alarm asks to act. A minor or warning alarm about a venue is its own team's (a gate at
 * LOS E is for its stewards, a sensor offline for its technicians): the center lists it, silent.
 * Of the rest, IT systems, links, power for IT and broadcast go to the technology desk; crowds,
 * gates (their ticket scanners too) and the venues' facilities to the venues desk.
 */
export function positionOf(a: {
  type: AlertType;
  severity: Severity;
  venueId: string | null;
  sensorKind?: SensorKind | null;
}): Position {
  if ((a.severity === 'minor' || a.severity === 'warning') && a.venueId !== null) return 'venue_team';
  if (a.type === 'it_scanner_failure') return 'venues';
  if (a.type.startsWith('it_') || a.type === 'feed_stale' || a.type === 'venue_silent') return 'technology';
  if (a.type === 'sensor_threshold' || a.type === 'sensor_offline') {
    return a.sensorKind && TECHNOLOGY_KINDS.includes(a.sensorKind) ? 'technology' : 'venues';
  }
  return 'venues';
}

/** The kind of sensor a sensor alarm is about, read from its message (kept with the alarm). */
export function sensorKindOf(a: Pick<AlertView, 'message'>): SensorKind | null {
  const kind = a.message?.params.kind;
  return typeof kind === 'string' && (SENSOR_KINDS as readonly string[]).includes(kind) ? (kind as SensorKind) : null;
}

/** One annunciation: an alarm raised, or raised again after it had cleared. */
export interface Annunciation {
  at: number;
  /** conditionKey(type, source) */
  key: string;
  source: string;
  type: AlertType;
  severity: Severity;
  position: Position;
  venueId: string | null;
}

export interface AlarmKpiTargets {
  /** EEMUA 191: about one alarm per 10 minutes per position in steady operation. */
  per10MinAverage: number;
  /** ISA-18.2: more than 10 alarms in 10 minutes per position is a flood. */
  floodAbove: number;
  /** ISA-18.2: 3 or more from one source within a minute is chattering. */
  chatterCount: number;
  chatterWindowMs: number;
  /** Ours: an alarm active this long is standing (docs/alarms.md). */
  standingAfterMs: number;
}

export const KPI_TARGETS: AlarmKpiTargets = {
  per10MinAverage: 1,
  floodAbove: 10,
  chatterCount: 3,
  chatterWindowMs: 60_000,
  standingAfterMs: 60 * 60_000,
};

export interface PositionKpis {
  alarms: number;
  perHour: number;
  per10MinAverage: number;
  per10MinPeak: number;
  /** Share of the window's time in which the last 10 minutes held more than 10 alarms. */
  timeInFloodPercent: number;
}

/** The venues' own teams: one position per venue, judged by the busiest. */
export interface VenueTeamKpis {
  /** All venue teams' alarms together, and how many venues had any. */
  alarms: number;
  venues: number;
  /** The venue whose team had the most alarms, and its figures. */
  busiest: (PositionKpis & { venueId: string }) | null;
}

export interface AlarmKpis {
  from: number;
  to: number;
  alarms: number;
  byPosition: Record<Desk, PositionKpis>;
  venueTeams: VenueTeamKpis;
  /** ISA-18.2 advises about 80% low, 15% medium, 5% high: critical is high, major medium, minor and warning low. */
  priorities: { high: number; medium: number; low: number };
  chatteringSources: string[];
  /** Active (condition present) at the end of the window for longer than standingAfterMs. */
  standing: number;
  shelved: number;
  outOfService: number;
  /** The ten sources that raised most, with their share of all alarms. */
  topSources: { source: string; type: AlertType; count: number; share: number }[];
  timeToAcknowledgeMs: { median: number | null; p90: number | null; acknowledged: number };
}

const PRIORITY: Record<Severity, 'high' | 'medium' | 'low'> = {
  critical: 'high',
  major: 'medium',
  minor: 'low',
  warning: 'low',
};

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export interface KpiInput {
  from: number;
  to: number;
  annunciations: Annunciation[];
  /** Alarms as they stand at `to` (for standing, shelved, time to acknowledge). */
  alarms: Pick<AlertView, 'raisedAt' | 'clearedAt' | 'acknowledgedAt' | 'lastRaisedAt'>[];
  shelved?: number;
  outOfService?: number;
  targets?: AlarmKpiTargets;
}

export function alarmKpis(input: KpiInput): AlarmKpis {
  const { from, to, targets = KPI_TARGETS } = input;
  const within = input.annunciations.filter((a) => a.at >= from && a.at < to).sort((a, b) => a.at - b.at);
  const hours = Math.max(1e-9, (to - from) / 3_600_000);
  const tenMin = 600_000;

  const positionKpis = (times: number[]): PositionKpis => {
    // The count in the last 10 minutes steps up at each alarm and down 10 minutes later: sweep it.
    const steps = times.flatMap((t) => [
      { at: t, d: 1 },
      { at: t + tenMin, d: -1 },
    ]);
    steps.sort((a, b) => a.at - b.at || a.d - b.d);
    let n = 0;
    let peak = 0;
    let floodMs = 0;
    for (let i = 0; i < steps.length; i++) {
      n += steps[i]!.d;
      peak = Math.max(peak, n);
      const next = steps[i + 1]?.at ?? steps[i]!.at;
      if (n > targets.floodAbove) floodMs += Math.max(0, Math.min(next, to) - Math.max(steps[i]!.at, from));
    }
    return {
      alarms: times.length,
      perHour: times.length / hours,
      per10MinAverage: times.length / ((to - from) / tenMin),
      per10MinPeak: peak,
      timeInFloodPercent: (100 * floodMs) / Math.max(1, to - from),
    };
  };

  const byPosition = {} as Record<Desk, PositionKpis>;
  for (const p of DESKS) byPosition[p] = positionKpis(within.filter((a) => a.position === p).map((a) => a.at));

  const teamTimes = new Map<string, number[]>();
  for (const a of within) {
    if (a.position !== 'venue_team' || a.venueId === null) continue;
    const list = teamTimes.get(a.venueId) ?? [];
    list.push(a.at);
    teamTimes.set(a.venueId, list);
  }
  let busiest: VenueTeamKpis['busiest'] = null;
  let teamAlarms = 0;
  for (const [venueId, times] of teamTimes) {
    teamAlarms += times.length;
    const k = positionKpis(times);
    if (
      !busiest ||
      k.alarms > busiest.alarms ||
      (k.alarms === busiest.alarms && k.per10MinPeak > busiest.per10MinPeak)
    ) {
      busiest = { ...k, venueId };
    }
  }
  const venueTeams: VenueTeamKpis = { alarms: teamAlarms, venues: teamTimes.size, busiest };

  const priorities = { high: 0, medium: 0, low: 0 };
  for (const a of within) priorities[PRIORITY[a.severity]]++;

  const bySource = new Map<string, Annunciation[]>();
  for (const a of within) {
    const list = bySource.get(a.key) ?? [];
    list.push(a);
    bySource.set(a.key, list);
  }
  const chatteringSources: string[] = [];
  for (const [key, list] of bySource) {
    for (let i = targets.chatterCount - 1; i < list.length; i++) {
      if (list[i]!.at - list[i - targets.chatterCount + 1]!.at <= targets.chatterWindowMs) {
        chatteringSources.push(key);
        break;
      }
    }
  }
  const topSources = [...bySource.values()]
    .sort((a, b) => b.length - a.length)
    .slice(0, 10)
    .map((list) => ({
      source: list[0]!.source,
      type: list[0]!.type,
      count: list.length,
      share: list.length / Math.max(1, within.length),
    }));

  const standing = input.alarms.filter(
    (a) => a.clearedAt === null && a.lastRaisedAt <= to - targets.standingAfterMs && a.raisedAt < to,
  ).length;
  const acks = input.alarms
    .filter((a) => a.acknowledgedAt !== null && a.raisedAt >= from && a.raisedAt < to)
    .map((a) => a.acknowledgedAt! - a.raisedAt)
    .sort((x, y) => x - y);

  return {
    from,
    to,
    alarms: within.length,
    byPosition,
    venueTeams,
    priorities,
    chatteringSources,
    standing,
    shelved: input.shelved ?? 0,
    outOfService: input.outOfService ?? 0,
    topSources,
    timeToAcknowledgeMs: { median: quantile(acks, 0.5), p90: quantile(acks, 0.9), acknowledged: acks.length },
  };
}
