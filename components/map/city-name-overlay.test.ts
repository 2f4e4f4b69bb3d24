import { WebMercatorViewport } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import { CITIES } from '@/lib/contracts/cities';
import type { Place } from './overlay-places';
import { crowdedNames, namePlaces, placeNames, type NameSize } from './city-name-overlay';

describe("the cities' names over the canvas", () => {
  const viewport = new WebMercatorViewport({ longitude: 120.6, latitude: 29.9, zoom: 7.6, width: 1920, height: 1080 });
  const project = (p: [number, number]) => viewport.project(p);

  it('go where deck.gl projects each city, to the half pixel', () => {
    const places = namePlaces(project, null);
    expect(places).toHaveLength(CITIES.length);
    CITIES.forEach((c, i) => {
      const [x, y] = viewport.project([c.label[0], c.label[1]]);
      const [px, py] = places[i]!;
      expect(Math.abs(px - x!)).toBeLessThanOrEqual(0.25);
      expect(Math.abs(py - y!)).toBeLessThanOrEqual(0.25);
      expect((px * 2) % 1).toBe(0);
    });
    // Inside the map's box at the city level.
    for (const p of places) expect(p![0] > 0 && p![0] < 1920 && p![1] > 0 && p![1] < 1080).toBe(true);
  });

  it('are hidden under the inset, as deck.gl drew them in the main view only', () => {
    const [hx, hy] = namePlaces(project, null)[0]!;
    const cover = { x: hx - 10, y: hy - 10, width: 20, height: 20 };
    const places = namePlaces(project, cover);
    expect(places[0]).toBeNull();
    expect(places.slice(1).every((p) => p !== null)).toBe(true);
  });
});

describe('names that would run into each other', () => {
  const size = { whole: 120, local: 70, height: 20 };
  it('keep their local name only, both of them; the others stay whole', () => {
    // Two names 100 px apart on one line (whole ones are 120 px wide) and one far off.
    expect(
      crowdedNames(
        [
          [500, 400],
          [600, 410],
          [200, 100],
        ],
        [size, size, size],
      ),
    ).toEqual([true, true, false]);
  });
  it('stay whole when far enough apart, or when the other is not shown', () => {
    expect(
      crowdedNames(
        [
          [500, 400],
          [600, 430],
        ],
        [size, size],
      ),
    ).toEqual([false, false]);
    expect(crowdedNames([[500, 400], null], [size, size])).toEqual([false, false]);
  });
});

describe('names that run into each other even by their local names', () => {
  const size = { whole: 120, local: 70, height: 20 };
  const apart = (places: Place[], sizes: NameSize[], crowded: boolean[]) =>
    placeNames(places, sizes, crowded, [], { width: 1920, height: 1080 });
  it('are moved apart up or down, the first left where its city is', () => {
    // 60 px apart on nearly one line: even 70 px local names overlap (Shaoxing and Ningbo on a small tablet).
    const places: [number, number][] = [
      [500, 400],
      [560, 405],
      [200, 100],
    ];
    const crowded = crowdedNames(places, [size, size, size]);
    expect(crowded).toEqual([true, true, false]);
    expect(apart(places, [size, size, size], crowded)).toEqual([
      [500, 400],
      [560, 420],
      [200, 100],
    ]);
    // One a little above the other goes further up.
    expect(
      apart(
        [
          [500, 400],
          [560, 395],
        ],
        [size, size],
        [true, true],
      )[1],
    ).toEqual([560, 380]);
  });
  it('stay where their cities are when their local names clear each other', () => {
    const places: [number, number][] = [
      [500, 400],
      [600, 405],
    ];
    expect(apart(places, [size, size], crowdedNames(places, [size, size]))).toEqual(places);
    expect(apart([[500, 400], null], [size, size], [false, false])).toEqual([[500, 400], null]);
  });
});

describe('names a marker would lie over', () => {
  const size = { whole: 120, local: 70, height: 20 };
  const phone = { width: 358, height: 464 };
  it('move off it the shortest way that clears every marker', () => {
    // A cluster (r 14) a little above the name's centre, over its right half (Huzhou's on a phone).
    const moved = placeNames([[120, 185]], [size], [false], [{ x: 170, y: 177, r: 14 }], phone);
    // Down is shortest: the name's top 2 px under the marker.
    expect(moved).toEqual([[120, 177 + 14 + 10 + 2]]);
    // A large marker below: then left, its right end 2 px short of the first marker.
    const big = [
      { x: 170, y: 177, r: 14 },
      { x: 170, y: 240, r: 32 },
    ];
    expect(placeNames([[120, 185]], [size], [false], big, phone)).toEqual([[170 - 14 - 60 - 2, 185]]);
  });
  it("never out of the map's box", () => {
    // At the top edge of a map 80 px high: up (the shortest) would leave the box, down lands on a marker and
    // past it leaves the box too, so right.
    const markers = [
      { x: 70, y: 20, r: 14 },
      { x: 70, y: 60, r: 14 },
    ];
    const strip = { width: 358, height: 80 };
    expect(placeNames([[70, 30]], [size], [false], markers, strip)).toEqual([[70 + 14 + 60 + 2, 30]]);
    // In a taller map, down past both markers is shorter than right.
    expect(placeNames([[70, 30]], [size], [false], markers, phone)).toEqual([[70, 60 + 14 + 10 + 2]]);
  });
  it('stay where their city is when no marker is over them, or when no move clears', () => {
    expect(placeNames([[120, 185], null], [size, size], [false, false], [{ x: 400, y: 185, r: 14 }], phone)).toEqual([
      [120, 185],
      null,
    ]);
    // A strip of map 60 px high, the name between three markers: every way off leaves the box.
    const ringed = [
      { x: 120, y: 30, r: 14 },
      { x: 40, y: 30, r: 14 },
      { x: 200, y: 30, r: 14 },
    ];
    expect(placeNames([[120, 30]], [size], [false], ringed, { width: 240, height: 60 })).toEqual([[120, 30]]);
  });
  it('keep clear by the width they are shown at: a crowded name, its local name only', () => {
    // 50 px right of the centre: over a whole name (60 px half-width), clear of a local one (35).
    const marker = [{ x: 170, y: 185, r: 10 }];
    expect(placeNames([[120, 185]], [size], [true], marker, phone)).toEqual([[120, 185]]);
    expect(placeNames([[120, 185]], [size], [false], marker, phone)).not.toEqual([[120, 185]]);
  });
});

describe('a name whose every first move lands on something else', () => {
  const size = { whole: 120, local: 70, height: 20 };
  const laptop = { width: 700, height: 380 };
  it('moves on, off that too, and takes the shortest way that clears all (Shaoxing at 1280 px)', () => {
    // Ningbo's name (first, where its city is) right below Shaoxing's; a cluster on Shaoxing's name, a large
    // one above it, a marker to the right and one to the left: up lands on the large cluster, down on Ningbo,
    // sideways on a marker. Measured from the laptop's screenshot, rounded.
    const places: Place[] = [
      [405, 246],
      [370, 221],
    ];
    const markers = [
      { x: 367, y: 205, r: 16 },
      { x: 337, y: 188, r: 32 },
      { x: 456, y: 222, r: 16 },
      { x: 302, y: 229, r: 10 },
    ];
    const [ningbo, shaoxing] = placeNames(places, [size, size], [true, true], markers, laptop);
    expect(ningbo).toEqual([405, 246]);
    const [x, y] = shaoxing!;
    // Off every marker and off Ningbo's name.
    for (const m of markers) expect(Math.abs(m.x - x) >= 35 + m.r || Math.abs(m.y - y) >= 10 + m.r).toBe(true);
    expect(Math.abs(405 - x) >= 70 || Math.abs(246 - y) >= 20).toBe(true);
    // Not far: within two of its own heights and half a name's width of its city.
    expect(Math.abs(x - 370) + Math.abs(y - 221)).toBeLessThanOrEqual(80);
  });
});
