/**
 * The kinds of sensor a venue reports, with their unit and default thresholds.
 * One table shared by the simulator (what it publishes), the registry payload
 * (what integrators declare) and the wall (how a kind is labelled).
 */
export const SENSOR_KINDS = [
  'temperature',
  'humidity',
  'pm25',
  'noise',
  'power_load',
  'ups',
  'net_latency',
  'net_loss',
  'wifi_clients',
  'ticket_scanner',
  'broadcast',
] as const;

export type SensorKind = (typeof SENSOR_KINDS)[number];

/** Inclusive alarm bounds; a value beyond a `*High` or below a `*Low` bound is in that state. */
export interface Thresholds {
  warnHigh?: number;
  critHigh?: number;
  warnLow?: number;
  critLow?: number;
}

export interface SensorKindInfo {
  unit: string;
  label: string;
  /** How often a healthy sensor of this kind reports, in ms. */
  intervalMs: number;
  thresholds: Thresholds;
  /** For kinds whose value is a state code: what each code means. */
  states?: Record<number, string>;
}

export const SENSOR_KIND_INFO: Record<SensorKind, SensorKindInfo> = {
  temperature: {
    unit: '°C',
    label: 'Temperature',
    intervalMs: 10_000,
    thresholds: { warnHigh: 32, critHigh: 36, warnLow: 5 },
  },
  humidity: { unit: '%', label: 'Humidity', intervalMs: 10_000, thresholds: { warnHigh: 85, critHigh: 95 } },
  pm25: { unit: 'µg/m³', label: 'PM2.5', intervalMs: 10_000, thresholds: { warnHigh: 75, critHigh: 150 } },
  noise: { unit: 'dBA', label: 'Noise', intervalMs: 5_000, thresholds: { warnHigh: 100, critHigh: 110 } },
  power_load: { unit: 'kW', label: 'Power load', intervalMs: 5_000, thresholds: { warnHigh: 850, critHigh: 950 } },
  // 0 = mains, 1 = on battery, 2 = fault
  ups: {
    unit: 'state',
    label: 'UPS',
    intervalMs: 10_000,
    thresholds: { warnHigh: 1, critHigh: 2 },
    states: { 0: 'on mains', 1: 'on battery', 2: 'fault' },
  },
  net_latency: { unit: 'ms', label: 'Uplink latency', intervalMs: 5_000, thresholds: { warnHigh: 80, critHigh: 200 } },
  net_loss: { unit: '%', label: 'Uplink loss', intervalMs: 5_000, thresholds: { warnHigh: 1, critHigh: 5 } },
  wifi_clients: {
    unit: 'clients',
    label: 'Wi-Fi clients',
    intervalMs: 15_000,
    thresholds: { warnHigh: 4000, critHigh: 4800 },
  },
  ticket_scanner: { unit: 'scans/min', label: 'Ticket scanner', intervalMs: 10_000, thresholds: {} },
  // signal health: 100 = perfect, 0 = signal lost
  broadcast: { unit: '%', label: 'Broadcast signal', intervalMs: 5_000, thresholds: { warnLow: 90, critLow: 50 } },
};

export type SensorStatus = 'ok' | 'warning' | 'critical' | 'offline';

/** A sensor is offline when not heard from within this many of its expected intervals. */
export const OFFLINE_AFTER_INTERVALS = 3;

/** Status of a reading against its thresholds; offline is decided by freshness, not here. */
export function statusFor(value: number, t: Thresholds): Exclude<SensorStatus, 'offline'> {
  if ((t.critHigh !== undefined && value >= t.critHigh) || (t.critLow !== undefined && value <= t.critLow)) {
    return 'critical';
  }
  if ((t.warnHigh !== undefined && value >= t.warnHigh) || (t.warnLow !== undefined && value <= t.warnLow)) {
    return 'warning';
  }
  return 'ok';
}

/**
 * How far back inside a limit, in percent of the limit, a status past it is kept: a value that hovers
 * at a limit does not flip the screens between colours (and the map between frames) every reading.
 * The sensor alarm rules' default deadband (config/alert-rules.json), so a dot and its alarm agree.
 */
export const STATUS_DEADBAND_PERCENT = 5;

const STATUS_RANK = { ok: 0, warning: 1, critical: 2 } as const;

/** A reading's status with a deadband: `held` (the status it had) is kept while within `pct` percent of its limit. */
export function statusHeld(
  value: number,
  t: Thresholds,
  held: SensorStatus | 'unknown' | undefined,
  pct: number,
): Exclude<SensorStatus, 'offline'> {
  const raw = statusFor(value, t);
  if (held !== 'warning' && held !== 'critical') return raw;
  if (STATUS_RANK[raw] >= STATUS_RANK[held]) return raw;
  const band = (limit: number) => (Math.abs(limit) * pct) / 100;
  const near = (hi: number | undefined, lo: number | undefined) =>
    (hi !== undefined && value >= hi - band(hi)) || (lo !== undefined && value <= lo + band(lo));
  if (held === 'critical' && near(t.critHigh, t.critLow)) return 'critical';
  if (near(t.warnHigh, t.warnLow)) return 'warning';
  return raw;
}
