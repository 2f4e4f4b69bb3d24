/**
 * Venues too close to tell apart at the map's zoom, drawn as one marker with their number: some thirty of
 * Hangzhou's venues lie within 25 km and overlapped in one blob at the province's scale. A cluster takes the
 * worst status and the worst unacknowledged alarm of its venues (an abnormal venue never hides in a grey
 * one) and opens up as the map zooms in. Pure.
 *
 * Who belongs with whom depends only on where the venues are and the zoom (in half levels), never on their
 * crowds or statuses: a marker growing with its crowd does not pull venues in and out of a cluster.
 */
import type { Severity } from '@/lib/contracts/payloads.schema';
import { SEVERITY_RANK } from '@/lib/contracts/alerts';
import { WORST_STATUS_RANK } from '@/lib/contracts/stream';
import type { VenuePoint } from './city-layers';

/** A marker on the city map: one venue, or several too close to tell apart. */
export interface VenueMarker extends VenuePoint {
  /** The venues it stands for, in the board's order: one for a venue on its own. */
  members: VenuePoint[];
}

/** Web Mercator at zoom 0, 512 px around the world (deck.gl's scale). */
function worldPx([lon, lat]: [number, number]): [number, number] {
  const phi = (lat * Math.PI) / 180;
  return [((lon + 180) / 360) * 512, (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)) * 512];
}

/** The zoom clusters are worked out at: half levels, so a wheel or a flight regroups a few times, not every frame. */
export const clusterZoom = (zoom: number) => Math.floor(zoom * 2) / 2;

/**
 * Which venues go together at this zoom: the two nearest markers (a cluster at the mean of its venues) merged
 * while any two are closer than `apartPx` screen pixels. Ids in `points`' order, each group likewise.
 */
export function clusterGroups(
  points: readonly Pick<VenuePoint, 'id' | 'position'>[],
  zoom: number,
  apartPx: number,
): string[][] {
  const scale = 2 ** zoom;
  const groups = points.map((p) => {
    const [x, y] = worldPx(p.position);
    return { ids: [p.id], x: x * scale, y: y * scale };
  });
  for (;;) {
    let nearest: [number, number] | null = null;
    let nearestPx = apartPx;
    for (let i = 0; i < groups.length; i++)
      for (let j = i + 1; j < groups.length; j++) {
        const d = Math.hypot(groups[i]!.x - groups[j]!.x, groups[i]!.y - groups[j]!.y);
        if (d < nearestPx) [nearest, nearestPx] = [[i, j], d];
      }
    if (!nearest) break;
    const [a, b] = [groups[nearest[0]]!, groups[nearest[1]]!];
    const n = a.ids.length + b.ids.length;
    a.x = (a.x * a.ids.length + b.x * b.ids.length) / n;
    a.y = (a.y * a.ids.length + b.y * b.ids.length) / n;
    a.ids.push(...b.ids);
    groups.splice(nearest[1], 1);
  }
  const order = new Map(points.map((p, i) => [p.id, i]));
  return groups
    .map((g) => g.ids.sort((x, y) => order.get(x)! - order.get(y)!))
    .sort((x, y) => order.get(x[0]!)! - order.get(y[0]!)!);
}

/**
 * clusterGroups remembered for its last arguments: the venues' positions change only with the registry and
 * the zoom in half levels, while the map renders with every delta.
 */
export function groupsMemo(): (
  points: readonly Pick<VenuePoint, 'id' | 'position'>[],
  zoom: number,
  apartPx: number,
) => string[][] {
  let last = { key: '', groups: [] as string[][] };
  return (points, zoom, apartPx) => {
    const key = `${zoom}|${apartPx.toFixed(1)}|${points.map((p) => `${p.id}@${p.position.join(',')}`).join(';')}`;
    if (key !== last.key) last = { key, groups: clusterGroups(points, zoom, apartPx) };
    return last.groups;
  };
}

const worse = (a: VenuePoint, b: VenuePoint): VenuePoint =>
  WORST_STATUS_RANK[b.worst] > WORST_STATUS_RANK[a.worst] ? b : a;
const worseAlarm = (a: Severity | null, b: Severity | null): Severity | null =>
  b !== null && (a === null || SEVERITY_RANK[b] > SEVERITY_RANK[a]) ? b : a;

/** The markers for these groups, from the venues' figures now: one per venue alone, one per cluster. */
export function venueMarkersOf(points: readonly VenuePoint[], groups: readonly string[][]): VenueMarker[] {
  const byId = new Map(points.map((p) => [p.id, p]));
  return groups.flatMap((ids) => {
    const members = ids.flatMap((id) => byId.get(id) ?? []);
    const first = members[0];
    if (!first) return [];
    if (members.length === 1) return [{ ...first, members }];
    const lon = members.reduce((s, m) => s + m.position[0], 0) / members.length;
    const lat = members.reduce((s, m) => s + m.position[1], 0) / members.length;
    return [
      {
        id: `cluster:${first.id}`,
        name: '',
        zh: '',
        position: [lon, lat] as [number, number],
        occupancy: members.reduce((s, m) => s + m.occupancy, 0),
        capacity: members.reduce((s, m) => s + m.capacity, 0),
        worst: members.reduce(worse).worst,
        alarm: members.map((m) => m.alarm).reduce(worseAlarm, null),
        members,
      },
    ];
  });
}

/** Where a click on a cluster takes the camera: around its venues, which then stand apart. */
export function clusterExtent(marker: VenueMarker): [number, number][] {
  return marker.members.map((m) => m.position);
}
