'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { Deck, MapView, WebMercatorViewport, type Layer, type PickingInfo } from '@deck.gl/core';
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { CITIES } from '@/lib/contracts/cities';
import type { WorstStatus } from '@/lib/contracts/stream';
import { formatInt, STATUS_LABEL, STATUS_RGB } from '@/components/format/format';
import { useSituationStore } from '@/components/store/situation-provider';
import type { SituationState } from '@/components/store/situation-store';

/** The six host cities with a margin: what the map fits on load. */
const BOUNDS: [[number, number], [number, number]] = [
  [118.6, 27.6],
  [122.2, 31.1],
];
/** Marker radius (px at 1920 wide) for an empty venue and for the largest crowd. */
const RADIUS_MIN = 6;
const RADIUS_MAX = 30;
const LARGEST_CROWD = 80_000;
const STALE_RGB: [number, number, number] = [110, 116, 128];

interface VenuePoint {
  id: string;
  name: string;
  zh: string;
  position: [number, number];
  occupancy: number;
  capacity: number;
  worst: WorstStatus;
}

type CityFeature = GeoJSON.Feature<GeoJSON.MultiPolygon, { id: string; name: string; zh: string; host: boolean }>;

/** Pure: the store's venues as map points (kepler.gl's formatLayerData, apart from rendering). */
export function venuePoints(s: Pick<SituationState, 'venueOrder' | 'venues' | 'live'>): VenuePoint[] {
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
      },
    ];
  });
}

function tooltip({ object }: PickingInfo<VenuePoint>) {
  if (!object) return null;
  // Text, never HTML: names come from the feed.
  return {
    text: `${object.name}\n${object.zh}\n${formatInt(object.occupancy)} people · ${STATUS_LABEL[object.worst]}`,
  };
}

export interface CityMapProps {
  /**
   * Raster tile URL template of a site's own tile server ({z}/{x}/{y}).
   * @default undefined: city outlines from public/geo only, fully offline
   */
  basemapUrl?: string | undefined;
}

/** Tiles of a site-hosted basemap; geo-layers loads only when one is configured. */
async function basemapLayer(url: string): Promise<Layer> {
  const [{ TileLayer }, { BitmapLayer }] = await Promise.all([
    import('@deck.gl/geo-layers'),
    import('@deck.gl/layers'),
  ]);
  return new TileLayer<ImageBitmap>({
    id: 'basemap',
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
}

/** The Zhejiang map with every venue: one Deck instance, layers swapped as data changes. */
export default function CityMap({ basemapUrl }: CityMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const store = useSituationStore();
  const router = useRouter();
  // The Deck lives for the page; it reads the router through a ref rather than being rebuilt.
  const navigate = useRef(router);
  useEffect(() => {
    navigate.current = router;
  }, [router]);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    const fit = new WebMercatorViewport({ width: Math.max(width, 100), height: Math.max(height, 100) }).fitBounds(
      BOUNDS,
      {
        padding: 16,
      },
    );
    const pxScale = Math.max(0.75, width / 1920) * 1.6;
    let cities: CityFeature[] | null = null;
    let basemap: Layer | null = null;

    const deck = new Deck<MapView>({
      parent: el,
      views: new MapView({ repeat: false }),
      initialViewState: { longitude: fit.longitude, latitude: fit.latitude, zoom: fit.zoom, minZoom: 5, maxZoom: 16 },
      controller: { dragRotate: false, touchRotate: false },
      getTooltip: tooltip,
      style: { position: 'absolute', inset: '0' },
    });

    const cityLabels = new TextLayer({
      id: 'city-labels',
      data: CITIES,
      getPosition: (c) => [c.label[0], c.label[1]],
      getText: (c) => `${c.name.en} ${c.name.zh}`,
      characterSet: 'auto',
      getSize: 15,
      sizeScale: pxScale,
      getColor: [203, 213, 225, 230],
      fontFamily: '"Inter Variable", "Noto Sans SC Variable", sans-serif',
      fontWeight: 600,
      outlineWidth: 3,
      outlineColor: [7, 12, 22, 255],
      fontSettings: { sdf: true },
    });

    const render = () => {
      const s = store.getState();
      const live = s.phase === 'live';
      const layers = [
        basemap,
        new GeoJsonLayer<CityFeature['properties']>({
          id: 'cities',
          data: cities ?? [],
          // Over a basemap, outlines only.
          filled: basemap === null,
          stroked: true,
          getFillColor: (f) => (f.properties.host ? [28, 40, 64, 255] : [16, 22, 34, 255]),
          getLineColor: (f) => (f.properties.host ? [96, 126, 170, 255] : [48, 60, 80, 255]),
          getLineWidth: 1.5,
          lineWidthUnits: 'pixels',
          pickable: false,
        }),
        cityLabels,
        new ScatterplotLayer<VenuePoint>({
          id: 'venues',
          data: venuePoints(s),
          getPosition: (d) => d.position,
          getRadius: (d) =>
            RADIUS_MIN + (RADIUS_MAX - RADIUS_MIN) * Math.sqrt(Math.min(1, d.occupancy / LARGEST_CROWD)),
          radiusUnits: 'pixels',
          radiusScale: pxScale,
          getFillColor: (d) => [...(live ? STATUS_RGB[d.worst] : STALE_RGB), 200] as [number, number, number, number],
          getLineColor: [7, 12, 22, 255],
          lineWidthUnits: 'pixels',
          getLineWidth: 2,
          stroked: true,
          pickable: true,
          onClick: ({ object }) => {
            if (object) navigate.current.push(`/venues/${object.id}`);
          },
          updateTriggers: { getFillColor: live },
        }),
      ];
      deck.setProps({ layers });
    };

    const controller = new AbortController();
    fetch('/geo/zhejiang.geojson', { signal: controller.signal })
      .then((r) => r.json() as Promise<GeoJSON.FeatureCollection<GeoJSON.MultiPolygon, CityFeature['properties']>>)
      .then((g) => {
        cities = g.features;
        render();
      })
      .catch(() => {
        /* the venues still draw without outlines */
      });

    if (basemapUrl) {
      void basemapLayer(basemapUrl).then((layer) => {
        basemap = layer;
        render();
      });
    }

    render();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.live !== prev.live || s.venueOrder !== prev.venueOrder || s.phase !== prev.phase) render();
    });
    return () => {
      controller.abort();
      unsubscribe();
      deck.finalize();
    };
  }, [store, basemapUrl]);

  return <div ref={container} className="map-canvas" role="img" aria-label="Map of the host cities and venues" />;
}
