import { WebMercatorViewport } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { VENUES } from '@/telemetry-sim/venues';
import { drawsIn, fit, flightMs, INSET_MARKER_SCALE, insetBox, MAX_FLIGHT_MS } from './camera';
import { CITY_BOUNDS, CORE_BOUNDS, inCore } from './city-layers';

// The map panels the layouts give the city level (CSS px): 1080p without and with the attention list,
// 4K, the middle column of an 8K wall, a 4K wall sized for its room, and a phone.
const PANELS = [
  { name: '1920x1080', width: 1050, height: 760 },
  { name: '1920x1080 with attention', width: 1050, height: 430 },
  { name: '3840x2160', width: 2100, height: 1520 },
  { name: '7680x2160 middle', width: 3290, height: 2050 },
  { name: '3840x2160 room', width: 1900, height: 900 },
];

describe("the city map's inset of Hangzhou's core", () => {
  for (const p of PANELS) {
    it(`${p.name}: sits in the empty corner and hides no venue (nor its marker)`, () => {
      const target = fit(p, [...CITY_BOUNDS], 16)!;
      const marker = 30 * Math.max(0.75, p.width / 1920) * 1.6; // the largest marker's radius there
      const box = insetBox(p.width, p.height, target, marker);
      expect(box, 'an inset').not.toBeNull();
      const v = new WebMercatorViewport({ ...p, ...target });
      const hidden = VENUES.filter((venue) => {
        const [x, y] = v.project([venue.lon, venue.lat]) as [number, number];
        return (
          x + marker > box!.x &&
          x - marker < box!.x + box!.width &&
          y + marker > box!.y &&
          y - marker < box!.y + box!.height
        );
      });
      expect(hidden.map((h) => h.id)).toEqual([]);
      // Inside the panel, and the core fits it larger than the main map draws it.
      expect(box!.x + box!.width).toBeLessThanOrEqual(p.width);
      expect(box!.y + box!.height).toBeLessThanOrEqual(p.height);
      // The core's venues stand apart at least three times as far, for their markers' size, as on the main map.
      const enlarged = 2 ** (fit(box!, [...CORE_BOUNDS], 12)!.zoom - target.zoom);
      expect(enlarged / INSET_MARKER_SCALE).toBeGreaterThanOrEqual(3);
    });
  }

  it('draws its own smaller markers and basemap tiles, never the labels or the frame of the core', () => {
    expect(
      ['basemap-inset-1-2-3', 'cities-inset-polygons-fill', 'venues-inset'].every((id) => drawsIn('inset', id)),
    ).toBe(true);
    // Each view its own tile layer (one picks its tiles for one view): the main map's tiles never in the inset.
    expect(drawsIn('inset', 'basemap-1-2-3')).toBe(false);
    expect(drawsIn('main', 'basemap-inset-1-2-3')).toBe(false);
    expect(drawsIn('main', 'basemap-1-2-3')).toBe(true);
    expect(drawsIn('inset', 'cities-polygons-fill')).toBe(false);
    expect(drawsIn('main', 'cities-inset-polygons-stroke')).toBe(false);
    expect(['venues', 'core-extent'].some((id) => drawsIn('inset', id))).toBe(false);
    expect(drawsIn('main', 'venues-inset')).toBe(false);
    expect(['venues', 'core-extent', 'cities'].every((id) => drawsIn('main', id))).toBe(true);
  });

  it('is left out where it would be too small to read: a phone', () => {
    const phone = { width: 390, height: 460 };
    expect(insetBox(phone.width, phone.height, fit(phone, [...CITY_BOUNDS], 16)!, 20)).toBeNull();
  });

  it('covers the venues that crowd each other: about thirty of Hangzhou', () => {
    const core = VENUES.filter((v) => inCore([v.lon, v.lat]));
    expect(core.length).toBeGreaterThanOrEqual(28);
    expect(core.every((v) => v.cityId === 'hangzhou')).toBe(true);
  });
});

describe('a flight between levels', () => {
  const city = { longitude: 120.6, latitude: 29.9, zoom: 5.7 };
  const stadium = { longitude: 120.2267, latitude: 30.2294, zoom: 17.2 };
  const stand = { longitude: 120.2269, latitude: 30.2297, zoom: 18.4 };

  it('from the city down to a venue flies for the longest a wall allows, rather than jumping', () => {
    expect(flightMs(city, stadium, 1280, 720)).toBe(MAX_FLIGHT_MS);
  });

  it('from a venue to one of its stands is shorter, and to where the camera already is, none', () => {
    const hop = flightMs(stadium, stand, 1280, 720);
    expect(hop).toBeGreaterThan(0);
    expect(hop).toBeLessThan(MAX_FLIGHT_MS);
    expect(flightMs(stadium, stadium, 1280, 720)).toBe(0);
  });
});

describe('fit', () => {
  it("keeps every venue above a strip kept clear at the bottom (a phone's legend over the map)", () => {
    const phone = { width: 358, height: 464 };
    const legend = 86;
    const target = fit(phone, [...CITY_BOUNDS], { top: 16, right: 16, bottom: 16 + legend, left: 16 })!;
    const v = new WebMercatorViewport({ ...phone, ...target });
    const lowest = Math.max(...VENUES.map((venue) => (v.project([venue.lon, venue.lat]) as [number, number])[1]));
    expect(lowest).toBeLessThanOrEqual(phone.height - legend - 16 + 0.5);
    // The same all round, as before: the strip is the map's.
    const even = fit(phone, [...CITY_BOUNDS], 16)!;
    const w = new WebMercatorViewport({ ...phone, ...even });
    expect(
      Math.max(...VENUES.map((venue) => (w.project([venue.lon, venue.lat]) as [number, number])[1])),
    ).toBeGreaterThan(phone.height - legend);
  });
});
