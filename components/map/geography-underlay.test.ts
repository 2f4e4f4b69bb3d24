import { WebMercatorViewport } from '@deck.gl/core';
import { describe, expect, it } from 'vitest';
import type { CityFeature } from './city-layers';
import { pathDataOf, transformFor, worldOf } from './geography-underlay';

const apply = (transform: string, [x, y]: [number, number]): [number, number] => {
  const [a, , , d, e, f] = transform.match(/-?[\d.]+(e-?\d+)?/g)!.map(Number) as number[];
  return [a! * x + e!, d! * y + f!];
};

describe('the cities under the canvas', () => {
  it('land where deck.gl draws a place, at the city level, deep in a venue and in a small inset', () => {
    for (const view of [
      { longitude: 120.6, latitude: 29.9, zoom: 7.6, width: 1920, height: 1080 },
      { longitude: 120.2267, latitude: 30.2294, zoom: 15.5, width: 3840, height: 2160 },
      { longitude: 120.2, latitude: 30.25, zoom: 10.4, width: 420, height: 300 },
    ]) {
      const viewport = new WebMercatorViewport(view);
      const transform = transformFor((p) => viewport.project(p));
      for (const place of [
        [120.2267, 30.2294],
        [121.55, 29.87],
        [118.9, 28.95],
        [view.longitude + 0.001, view.latitude - 0.001],
      ] as [number, number][]) {
        const [x, y] = apply(transform, worldOf(place));
        const [px, py] = viewport.project(place);
        expect(Math.abs(x - px!)).toBeLessThan(0.5);
        expect(Math.abs(y - py!)).toBeLessThan(0.5);
      }
    }
  });

  it('draw every ring of every polygon, holes included, and nothing else', () => {
    const square = (x: number, y: number, s: number) => [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ];
    const feature: CityFeature = {
      type: 'Feature',
      properties: { id: 'a', name: 'A', zh: 'A', host: true },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[square(120, 30, 1), square(120.2, 30.2, 0.2)], [square(122, 30, 0.5)], [[[1, 1]]]],
      },
    };
    const d = pathDataOf(feature);
    expect(d.match(/M/g)).toHaveLength(3);
    expect(d.match(/Z/g)).toHaveLength(3);
    expect(d.startsWith(`M${worldOf([120, 30])[0].toFixed(5)} ${worldOf([120, 30])[1].toFixed(5)}L`)).toBe(true);
  });
});
