/**
 * The city level of the map: the host cities' outlines, and every venue as a
 * marker sized by its crowd and coloured by its worst status, ringed in the colour of its worst
 * unacknowledged alert. Builders only; the Deck
 * lives in stage-map.tsx.
 */
import type { Layer } from '@deck.gl/core';
import { PathLayer, PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Severity } from '@/lib/contracts/payloads.schema';
import { WORST_STATUS_RANK, type WorstStatus } from '@/lib/contracts/stream';
import { SEVERITY_RANK } from '@/lib/contracts/alerts';
import type { Translate } from '@/lib/i18n/translate';
import { SEVERITY_KEY, SEVERITY_RGB, STATUS_KEY, STATUS_RGB } from '@/components/format/format';
import { worstUnacknowledgedByVenue } from '@/components/store/alert-map';
import type { SituationState } from '@/components/store/situation-store';
import { keepNothing, type KeepData } from './kept-data';
import type { VenueMarker } from './venue-clusters';

/** The six host cities with a margin: what the map fits at the city level. */
export const CITY_BOUNDS: [[number, number], [number, number]] = [
  [118.6, 27.6],
  [122.2, 31.1],
];
/**
 * Hangzhou's core, where some thirty venues lie within 25 km and overlap at the province's scale:
 * the city level shows it enlarged in an inset, outlined where it lies on the map.
 */
export const CORE_BOUNDS: [[number, number], [number, number]] = [
  [119.94, 30.03],
  [120.47, 30.44],
];
/**
 * What the inset's outlines are cut to: the core and half its size again on every side, more than an
 * inset of any shape shows around it (it fits the core), so no cut edge is seen.
 */
const [[CORE_W, CORE_S], [CORE_E, CORE_N]] = CORE_BOUNDS;
const [HALF_W, HALF_H] = [(CORE_E - CORE_W) / 2, (CORE_N - CORE_S) / 2];
export const INSET_OUTLINE_BOUNDS: [[number, number], [number, number]] = [
  [CORE_W - HALF_W, CORE_S - HALF_H],
  [CORE_E + HALF_W, CORE_N + HALF_H],
];
export const inCore = ([lon, lat]: [number, number]) =>
  lon >= CORE_BOUNDS[0][0] && lon <= CORE_BOUNDS[1][0] && lat >= CORE_BOUNDS[0][1] && lat <= CORE_BOUNDS[1][1];

/** Where the core lies on the province map: a thin frame matching the inset's. */
export function coreExtent(): Layer {
  const [[w, s], [e, n]] = CORE_BOUNDS;
  return new PathLayer<[number, number][]>({
    id: 'core-extent',
    data: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
    getPath: (d) => d,
    getColor: [148, 163, 184, 220],
    getWidth: 1.5,
    widthUnits: 'pixels',
    pickable: false,
  });
}

/** Marker radius (px at 1920 wide) for an empty venue and for the largest crowd. */
const RADIUS_MIN = 6;
export const RADIUS_MAX = 30;
const LARGEST_CROWD = 80_000;
export const STALE_RGB: [number, number, number] = [110, 116, 128];

export interface VenuePoint {
  id: string;
  name: string;
  zh: string;
  position: [number, number];
  occupancy: number;
  capacity: number;
  worst: WorstStatus;
  /** The worst alert nobody has acknowledged yet, rolled up from the venue's zones and sensors. */
  alarm: Severity | null;
}

export type CityFeature = GeoJSON.Feature<
  GeoJSON.MultiPolygon,
  { id: string; name: string; zh: string; host: boolean }
>;

/** Pure: the store's venues as map points (kepler.gl's formatLayerData, apart from rendering). */
export function venuePoints(s: Pick<SituationState, 'venueOrder' | 'venues' | 'live' | 'alerts'>): VenuePoint[] {
  const alarms = worstUnacknowledgedByVenue(s.alerts);
  return s.venueOrder.flatMap((id) => {
    const v = s.venues[id];
    if (!v) return [];
    const live = s.live[id];
    return [
      {
        id,
        name: v.name.en,
        zh: v.name.zh,
        position: [v.lon, v.lat] as [number, number],
        occupancy: live?.occupancy ?? 0,
        capacity: v.capacity,
        worst: live?.worst ?? 'unknown',
        alarm: alarms[id] ?? null,
      },
    ];
  });
}

/** The venues a cluster's tooltip names before "and N more". */
const CLUSTER_NAMES_SHOWN = 8;

export function venueTooltip(object: VenueMarker, t: Translate): string {
  // Text, never HTML: names come from the feed.
  const alarm = object.alarm ? `\n${t('venues.alarm', { severity: t(SEVERITY_KEY[object.alarm]) })}` : '';
  const people = t('map.people', { n: object.occupancy });
  const status = `${people} · ${t(STATUS_KEY[object.worst])}${alarm}`;
  if (object.members.length === 1) return `${object.name}\n${object.zh}\n${status}`;
  // A cluster: how many, the worst of them, who they are (the worst first), and how to see them apart.
  const rank = (m: VenuePoint) => (m.alarm ? 10 + SEVERITY_RANK[m.alarm] : 0) + WORST_STATUS_RANK[m.worst];
  const named = [...object.members].sort((a, b) => rank(b) - rank(a)).slice(0, CLUSTER_NAMES_SHOWN);
  const rest = object.members.length - named.length;
  return [
    t('map.cluster', { n: object.members.length }),
    status,
    ...named.map((m) => `· ${m.name}`),
    ...(rest > 0 ? [t('attention.restVenues', { n: rest })] : []),
    t('map.clusterZoom'),
  ].join('\n');
}

/**
 * Host-city outlines: static geography shipped in public/geo, drawn under every level. Stroked at
 * the city level only (below it the plan covers the borders, and each stroked point costs software GL
 * an instance per frame: city-shapes.ts); `id` 'cities-inset' for the inset's own, cut to what it shows.
 */
export function cityOutlines(
  cities: CityFeature[],
  { overBasemap, stroked, id = 'cities' }: { overBasemap: boolean; stroked: boolean; id?: 'cities' | 'cities-inset' },
): Layer {
  return new PolygonLayer<CityPolygon>({
    id,
    data: polygonsOf(cities),
    getPolygon: (p) => p.rings,
    // Over a basemap, outlines only.
    filled: !overBasemap,
    stroked: stroked || overBasemap,
    getFillColor: (p) => (p.host ? [28, 40, 64, 255] : [16, 22, 34, 255]),
    getLineColor: (p) => (p.host ? [96, 126, 170, 255] : [48, 60, 80, 255]),
    getLineWidth: 1.5,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}

/** One polygon of a city's outline (an island, the mainland), with the city's kind. */
interface CityPolygon {
  rings: GeoJSON.Position[][];
  host: boolean;
}

/**
 * The outlines as polygons, once per set of outlines. (A PolygonLayer rather than GeoJsonLayer: that one
 * brings deck.gl's icon and text layers with it, 13 KB compressed of the wall's script for points we never have.)
 */
const polygonsByCities = new WeakMap<CityFeature[], CityPolygon[]>();
function polygonsOf(cities: CityFeature[]): CityPolygon[] {
  let polygons = polygonsByCities.get(cities);
  if (!polygons) {
    polygons = cities.flatMap((c) => c.geometry.coordinates.map((rings) => ({ rings, host: c.properties.host })));
    polygonsByCities.set(cities, polygons);
  }
  return polygons;
}

/** A marker's radius for its crowd, in half pixels: a few more people do not redraw the map. */
const radiusOf = (d: VenuePoint) =>
  Math.round(2 * (RADIUS_MIN + (RADIUS_MAX - RADIUS_MIN) * Math.sqrt(Math.min(1, d.occupancy / LARGEST_CROWD)))) / 2;
/** A cluster's radius (px at 1920 wide) at least: room for its number inside. */
export const CLUSTER_RADIUS_MIN = 13;
/** A marker's radius: a venue's by its crowd; a cluster's by its venues' crowds, with room for their number. */
export const markerRadius = (d: VenueMarker) =>
  d.members.length > 1 ? Math.max(CLUSTER_RADIUS_MIN, radiusOf(d)) : radiusOf(d);
/**
 * Venues whose markers' centres come closer than this (px at 1920 wide) are drawn as one: about two
 * middling markers side by side.
 */
export const CLUSTER_APART_PX = 22;

/** The venues' markers (one per venue, or per cluster: venue-clusters.ts) in the main map or the inset. */
export function venueMarkers(
  markers: VenueMarker[],
  {
    id = 'venues',
    live,
    pxScale,
    keep = keepNothing,
  }: { id?: 'venues' | 'venues-inset'; live: boolean; pxScale: number; keep?: KeepData },
): ScatterplotLayer<VenueMarker> {
  return new ScatterplotLayer<VenueMarker>({
    id,
    // Status and alarm at once; a size that moved with its crowd at most once a second.
    data: keep(
      id,
      markers,
      (d) => `${d.id}|${d.members.length}|${markerRadius(d)}|${d.worst}|${d.alarm}`,
      (d) => `${d.id}|${d.members.length}|${d.worst}|${d.alarm}`,
    ),
    getPosition: (d) => d.position,
    getRadius: markerRadius,
    radiusUnits: 'pixels',
    radiusScale: pxScale,
    getFillColor: (d) => [...(live ? STATUS_RGB[d.worst] : STALE_RGB), 200] as [number, number, number, number],
    // A ring in the colour of the worst unacknowledged alert: what still needs a person.
    getLineColor: (d) =>
      (d.alarm && live ? [...SEVERITY_RGB[d.alarm], 255] : [7, 12, 22, 255]) as [number, number, number, number],
    lineWidthUnits: 'pixels',
    lineWidthScale: pxScale,
    getLineWidth: (d) => (d.alarm && live ? 5 : 2),
    stroked: true,
    pickable: true,
    updateTriggers: { getFillColor: live, getLineColor: live, getLineWidth: live },
  });
}

/** Tiles of a site-hosted basemap; geo-layers loads only when one is configured. */
export async function basemapLayers(url: string): Promise<{ main: Layer; inset: Layer }> {
  const [{ TileLayer }, { BitmapLayer }] = await Promise.all([
    import('@deck.gl/geo-layers'),
    import('@deck.gl/layers'),
  ]);
  // One layer per view: a tile layer picks its tiles for the one view it is drawn in (the inset's, at a
  // closer zoom, took the main map's when one layer served both). The browser's cache serves shared tiles.
  const tiles = (id: string) =>
    new TileLayer<ImageBitmap>({
      id,
      data: url,
      tileSize: 256,
      minZoom: 0,
      maxZoom: 18,
      renderSubLayers: (props) => {
        const [[west = 0, south = 0] = [], [east = 0, north = 0] = []] = props.tile.boundingBox;
        // props.id is already unique per tile.
        return new BitmapLayer({ id: props.id, image: props.data, bounds: [west, south, east, north], opacity: 0.9 });
      },
    });
  return { main: tiles('basemap'), inset: tiles('basemap-inset') };
}
