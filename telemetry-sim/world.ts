/**
 * Builds each venue's registry entry: zones with area and capacity, and its sensors.
 * Pure and deterministic for a seed and scale.
 */
import { SENSOR_KIND_INFO, type SensorKind } from '../lib/contracts/sensor-kinds';
import type { SensorDefT, VenueDefT, ZoneDefT, ZoneKindT } from '../lib/contracts/payloads.schema';
import { planVenue } from './venue-plan';
import { VENUES, type VenueForm, type VenueSeed } from './venues';

/** Number of broadcast signals of the Games, spread over the venues by size. */
export const BROADCAST_SIGNALS = 60;

interface ZonePlan {
  gates: number;
  concourses: number;
  stands: number;
  fieldAreaM2: number;
  fieldCapacity: number;
}

const ZONE_PLAN: Record<VenueForm, ZonePlan> = {
  stadium: { gates: 8, concourses: 4, stands: 8, fieldAreaM2: 10_000, fieldCapacity: 300 },
  arena: { gates: 4, concourses: 2, stands: 4, fieldAreaM2: 1_600, fieldCapacity: 120 },
  hall: { gates: 2, concourses: 1, stands: 2, fieldAreaM2: 700, fieldCapacity: 60 },
  outdoor: { gates: 3, concourses: 2, stands: 3, fieldAreaM2: 25_000, fieldCapacity: 200 },
  water: { gates: 2, concourses: 1, stands: 3, fieldAreaM2: 60_000, fieldCapacity: 200 },
};

const STAND_NAMES = [
  ['North Stand', '北看台'],
  ['South Stand', '南看台'],
  ['East Stand', '东看台'],
  ['West Stand', '西看台'],
  ['North-East Stand', '东北看台'],
  ['South-East Stand', '东南看台'],
  ['South-West Stand', '西南看台'],
  ['North-West Stand', '西北看台'],
] as const;
const LETTERS = 'ABCDEFGH';

export interface SimSensor {
  def: SensorDefT;
  /** Which gate a ticket scanner belongs to, which zone an AP or environment sensor covers. */
  zoneId: string | undefined;
}

export interface VenueWorld {
  seed: VenueSeed;
  def: VenueDefT;
  /** Ticket scanners per gate id. */
  scannersPerGate: Map<string, number>;
  /** Wi-Fi access points per zone id. */
  apsPerZone: Map<string, number>;
}

function zone(
  id: string,
  kind: ZoneKindT,
  en: string,
  zh: string,
  capacity: number,
  areaPerPerson: number,
  maxFactor: number,
): ZoneDefT {
  return {
    id,
    kind,
    name: { en, zh },
    areaM2: Math.round(capacity * areaPerPerson),
    capacity,
    maxOccupancy: Math.round(capacity * maxFactor),
  };
}

function buildZones(seed: VenueSeed): ZoneDefT[] {
  const plan = ZONE_PLAN[seed.form];
  const zones: ZoneDefT[] = [];
  const gateCap = Math.max(200, Math.round((seed.capacity * 0.05) / Math.max(1, plan.gates / 4)));
  for (let i = 1; i <= plan.gates; i++) {
    // Queue and screening area: ~0.6 m² a person at design capacity.
    zones.push(zone(`gate-${i}`, 'gate', `Gate ${i}`, `${i}号门`, gateCap, 0.6, 2));
  }
  const concourseCap = Math.round((seed.capacity * 0.3) / plan.concourses);
  for (let i = 0; i < plan.concourses; i++) {
    const l = LETTERS[i]!;
    zones.push(
      zone(`concourse-${l.toLowerCase()}`, 'concourse', `Concourse ${l}`, `${l}区大厅`, concourseCap, 1.2, 1.6),
    );
  }
  // The stands share the venue's seats exactly: 5,000 in three stands is 1,667 + 1,667 + 1,666, not 5,001.
  const standCap = (i: number) => Math.floor(seed.capacity / plan.stands) + (i < seed.capacity % plan.stands ? 1 : 0);
  for (let i = 0; i < plan.stands; i++) {
    const [en, zh] = STAND_NAMES[i % STAND_NAMES.length]!;
    zones.push(zone(`stand-${i + 1}`, 'stand', en, zh, standCap(i), 0.5, 1.05));
  }
  zones.push({
    id: 'field',
    kind: 'field',
    name: { en: 'Field of Play', zh: '比赛场地' },
    areaM2: plan.fieldAreaM2,
    capacity: plan.fieldCapacity,
    maxOccupancy: Math.round(plan.fieldCapacity * 1.5),
  });
  return zones;
}

function sensor(id: string, kind: SensorKind, zoneId?: string): SensorDefT {
  const info = SENSOR_KIND_INFO[kind];
  const def: SensorDefT = {
    id,
    kind,
    unit: info.unit,
    intervalMs: info.intervalMs,
    thresholds: { ...info.thresholds },
  };
  if (zoneId !== undefined) def.zoneId = zoneId;
  return def;
}

/** What a venue's own system would call each kind, in the registry's two languages. */
const KIND_NAMES: Record<SensorKind, { en: string; zh: string }> = {
  temperature: { en: 'Temperature', zh: '温度' },
  humidity: { en: 'Humidity', zh: '湿度' },
  pm25: { en: 'PM2.5', zh: 'PM2.5' },
  noise: { en: 'Noise', zh: '噪声' },
  power_load: { en: 'Power meter', zh: '电表' },
  ups: { en: 'UPS', zh: '不间断电源' },
  net_latency: { en: 'Uplink latency', zh: '上行链路时延' },
  net_loss: { en: 'Uplink loss', zh: '上行链路丢包' },
  wifi_clients: { en: 'Wi-Fi access point', zh: '无线接入点' },
  ticket_scanner: { en: 'Ticket scanner', zh: '检票机' },
  broadcast: { en: 'Broadcast signal', zh: '转播信号' },
};

/**
 * Names as a venue's staff say them: "Ticket scanner 3, Gate 1" / "1号门 检票机 3"; the number only
 * where a zone (or the venue) has more than one of a kind. The same for every seed and scale.
 */
function nameSensors(sensors: SensorDefT[], zones: ZoneDefT[]): void {
  const zoneName = new Map(zones.map((z) => [z.id, z.name]));
  const groupOf = (s: SensorDefT) => `${s.zoneId ?? ''}/${s.kind}`;
  const sizes = new Map<string, number>();
  for (const s of sensors) sizes.set(groupOf(s), (sizes.get(groupOf(s)) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const s of sensors) {
    const group = groupOf(s);
    const n = (seen.get(group) ?? 0) + 1;
    seen.set(group, n);
    const kind = KIND_NAMES[s.kind];
    const number = sizes.get(group)! > 1 ? ` ${n}` : '';
    const zone = s.zoneId === undefined ? undefined : zoneName.get(s.zoneId);
    s.name = zone
      ? { en: `${kind.en}${number}, ${zone.en}`, zh: `${zone.zh} ${kind.zh}${number}` }
      : { en: `${kind.en}${number}`, zh: `${kind.zh}${number}` };
  }
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Allocates the 60 broadcast signals: at least one per stadium and arena, the rest by capacity. */
export function allocateBroadcastSignals(venues: readonly VenueSeed[]): Map<string, number> {
  const out = new Map<string, number>();
  let left = BROADCAST_SIGNALS;
  for (const v of venues) {
    const n = v.form === 'stadium' || v.form === 'arena' ? 1 : 0;
    out.set(v.id, n);
    left -= n;
  }
  const bySize = [...venues].sort((a, b) => b.capacity - a.capacity || a.id.localeCompare(b.id));
  for (let i = 0; left > 0; i = (i + 1) % bySize.length) {
    const v = bySize[i]!;
    if (i < 12 || v.form !== 'hall') {
      out.set(v.id, (out.get(v.id) ?? 0) + 1);
      left--;
    }
  }
  return out;
}

export function buildVenueWorld(seed: VenueSeed, scale: number, broadcastSignals: number): VenueWorld {
  const zones = buildZones(seed);
  const sensors: SensorDefT[] = [];
  const scannersPerGate = new Map<string, number>();
  const apsPerZone = new Map<string, number>();
  // `--scale N` multiplies every sensor group; copies get a `-xK` suffix.
  const copies = (base: string) => Array.from({ length: scale }, (_, k) => (k === 0 ? base : `${base}-x${k}`));

  for (const z of zones) {
    const sets = z.kind === 'stand' || z.kind === 'concourse' ? 2 : 1;
    for (let s = 1; s <= sets; s++) {
      const suffix = sets > 1 ? `-${s}` : '';
      for (const id of copies(`temp-${z.id}${suffix}`)) sensors.push(sensor(id, 'temperature', z.id));
      for (const id of copies(`hum-${z.id}${suffix}`)) sensors.push(sensor(id, 'humidity', z.id));
      for (const id of copies(`noise-${z.id}${suffix}`)) sensors.push(sensor(id, 'noise', z.id));
      if (z.kind === 'concourse' || z.kind === 'stand') {
        for (const id of copies(`pm25-${z.id}${suffix}`)) sensors.push(sensor(id, 'pm25', z.id));
      }
    }
    if (z.kind === 'gate') {
      const n = clamp(Math.round(z.capacity / 40), 8, 10) * scale;
      scannersPerGate.set(z.id, n);
      for (let i = 1; i <= n; i++) sensors.push(sensor(`scan-${z.id}-${i}`, 'ticket_scanner', z.id));
    }
  }
  const apZones = zones.filter((z) => z.kind === 'concourse' || z.kind === 'stand');
  const aps = clamp(Math.round(seed.capacity / 500), 24, 40) * scale;
  for (let i = 1; i <= aps; i++) {
    const z = apZones[(i - 1) % apZones.length]!;
    apsPerZone.set(z.id, (apsPerZone.get(z.id) ?? 0) + 1);
    sensors.push(sensor(`ap-${i}`, 'wifi_clients', z.id));
  }
  const meters = clamp(Math.round(seed.capacity / 8000) + 4, 4, 12);
  for (let i = 1; i <= meters; i++) for (const id of copies(`power-${i}`)) sensors.push(sensor(id, 'power_load'));
  const upses = clamp(Math.round(meters / 2), 2, 6);
  for (let i = 1; i <= upses; i++) for (const id of copies(`ups-${i}`)) sensors.push(sensor(id, 'ups'));
  for (let i = 1; i <= 2; i++) {
    for (const id of copies(`uplink-${i}-latency`)) sensors.push(sensor(id, 'net_latency'));
    for (const id of copies(`uplink-${i}-loss`)) sensors.push(sensor(id, 'net_loss'));
  }
  for (let i = 1; i <= broadcastSignals; i++) sensors.push(sensor(`broadcast-${i}`, 'broadcast', 'field'));
  nameSensors(sensors, zones);
  const plan = planVenue(zones, sensors);

  return {
    seed,
    def: {
      id: seed.id,
      cityId: seed.cityId,
      name: { en: seed.en, zh: seed.zh },
      lon: seed.lon,
      lat: seed.lat,
      sports: seed.sports,
      zones: plan.zones,
      sensors: plan.sensors,
    },
    scannersPerGate,
    apsPerZone,
  };
}

export function buildWorld(scale: number): VenueWorld[] {
  const broadcast = allocateBroadcastSignals(VENUES);
  return VENUES.map((v) => buildVenueWorld(v, scale, broadcast.get(v.id) ?? 0));
}
