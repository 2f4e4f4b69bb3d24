/**
 * Where the map's cameras look: a level's bounds fitted to a box, and where the city level's inset
 * (Hangzhou's core enlarged) goes so it hides no venue. Pure geometry over Web Mercator.
 */
import { FlyToInterpolator, WebMercatorViewport } from '@deck.gl/core';

export const MAX_ZOOM = 20;

export interface Target {
  longitude: number;
  latitude: number;
  zoom: number;
}

/** The longest flight between levels: a wall must not keep people waiting for its camera. */
export const MAX_FLIGHT_MS = 2500;

/**
 * How long the camera flies from one view to another, ms: the flight's own pace, capped. Not deck.gl's
 * `maxDuration`, which does not cap a longer flight but cancels it (math.gl's getFlyToDuration returns 0), so
 * the city-to-venue flight used to jump and never report its end. 0: nothing to fly.
 */
export function flightMs(from: Target, to: Target, width: number, height: number): number {
  const ms = new FlyToInterpolator().getDuration(
    { ...from, width, height, transitionDuration: 'auto' },
    { ...to, width, height, transitionDuration: 'auto' },
  );
  return Number.isFinite(ms) && ms > 0 ? Math.min(MAX_FLIGHT_MS, Math.round(ms)) : 0;
}

/** Room kept clear at a box's edges, px: the same all round, or more at the bottom (where the legend lies). */
export type Padding = number | { top: number; right: number; bottom: number; left: number };

export function fit(
  size: { width: number; height: number },
  lonLats: [number, number][],
  padding: Padding,
): Target | null {
  if (lonLats.length === 0) return null;
  const { width, height } = size;
  const lons = lonLats.map((p) => p[0]);
  const lats = lonLats.map((p) => p[1]);
  const v = new WebMercatorViewport({ width: Math.max(width, 100), height: Math.max(height, 100) });
  // Never more than a quarter of the box a side: a small box still shows what it fits.
  const across = (px: number) => Math.min(px, Math.max(width, 100) / 4);
  const down = (px: number) => Math.min(px, Math.max(height, 100) / 4);
  const sides =
    typeof padding === 'number' ? { top: padding, right: padding, bottom: padding, left: padding } : padding;
  const f = v.fitBounds(
    [
      [Math.min(...lons), Math.min(...lats)],
      [Math.max(...lons), Math.max(...lats)],
    ],
    {
      padding: {
        top: down(sides.top),
        bottom: down(sides.bottom),
        left: across(sides.left),
        right: across(sides.right),
      },
      maxZoom: MAX_ZOOM,
    },
  );
  return { longitude: f.longitude, latitude: f.latitude, zoom: f.zoom };
}

/**
 * Layers the inset draws, and only it: a site's basemap (its own tile layer: a tile layer picks its tiles for
 * one view), its outlines (cut to the core) and its own venue markers. The core's frame stays on the main map.
 */
export const INSET_LAYERS = ['basemap-inset', 'cities-inset', 'venues-inset'];
/** The inset's markers against the main map's: smaller, so the core's venues stand apart (those still too close are clustered: venue-clusters.ts). */
export const INSET_MARKER_SCALE = 0.5;

/** Which view draws a layer: the inset its own list, the main map everything else. */
export function drawsIn(viewId: string, layerId: string): boolean {
  const inset = INSET_LAYERS.some((id) => layerId.startsWith(id));
  return viewId === 'inset' ? inset : !inset;
}
/** North of Ningbo and Shaoxing, east of Hangzhou's core: Jiaxing (no venue) and the sea, the inset's corner. */
const INSET_CORNER: [number, number] = [120.7, 30.2];
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** East of this the map is open sea: a wide panel's right margin takes the inset at any height. */
const EAST_OF_LAND = 122.3;

/**
 * Where the inset goes on a map of this size showing the city target: in the empty top-right corner,
 * or in the open sea of a wide panel's right margin, whichever shows the core larger; nowhere when
 * both leave too little to read (a phone, a narrow column). `markerPx`: the largest marker's radius,
 * kept clear around the land's venues.
 */
export function insetBox(width: number, height: number, target: Target, markerPx: number): Box | null {
  const v = new WebMercatorViewport({ width, height, ...target });
  const margin = 8;
  const [cx, cy] = v.project(INSET_CORNER) as [number, number];
  const [ex] = v.project([EAST_OF_LAND, INSET_CORNER[1]]) as [number, number];
  const shaped = (left: number, bottom: number): Box => {
    // Not much wider than tall, nor much taller than wide: the core is about square.
    let w = width - margin - left;
    let h = bottom - margin;
    h = Math.min(h, Math.round(w * 0.9));
    w = Math.min(w, Math.round(h * 1.6));
    return { x: Math.round(width - margin - w), y: margin, width: Math.round(w), height: Math.round(h) };
  };
  const candidates = [shaped(cx + markerPx, cy - markerPx), shaped(ex + markerPx, height - margin)].filter(
    (b) => b.width >= 240 && b.height >= 150,
  );
  if (candidates.length === 0) return null;
  const scale = (b: Box) => Math.min(b.width, b.height * 1.3);
  return candidates.reduce((a, b) => (scale(b) > scale(a) ? b : a));
}
