/**
 * The host cities drawn as SVG under the map's WebGL canvas, by the browser rather than by deck.gl.
 * Geography never changes and only moves with the camera, yet every deck.gl frame drew it again: on
 * software GL (a wall PC without a GPU, a browser in a VM) the filled and stroked outlines were about
 * three quarters of a city frame, 150 of 200 ms of the page's main thread (docs/benchmarks.md). The
 * browser rasterises an SVG once, off the main thread, and composites it under the canvas; when the
 * camera moves, one transform follows it. The deck.gl layers stay for a site's basemap, which would
 * cover anything under the canvas.
 */
import type { CityFeature } from './city-layers';

/** Web Mercator in deck.gl's world units (512 across at zoom 0), y growing southwards as on screen. */
export function worldOf([lon, lat]: readonly [number, number] | number[]): [number, number] {
  const x = ((lon! + 180) / 360) * 512;
  const y = ((180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat! * Math.PI) / 360))) / 360) * 512;
  return [x, y];
}

/** One feature's rings as SVG path data in world units; holes by the even-odd rule. */
export function pathDataOf(feature: CityFeature): string {
  const parts: string[] = [];
  for (const polygon of feature.geometry.coordinates)
    for (const ring of polygon) {
      if (ring.length < 3) continue;
      parts.push(
        'M' +
          ring
            .map((p) => {
              const [x, y] = worldOf(p);
              // 1e-5 world units: well under a pixel at the deepest zoom the map allows.
              return `${x.toFixed(5)} ${y.toFixed(5)}`;
            })
            .join('L') +
          'Z',
      );
    }
  return parts.join('');
}

/**
 * The SVG transform that puts world units where a top-down Web Mercator view draws them: read off two
 * points of the view's own projection, so it agrees with deck.gl whatever the zoom, centre or size.
 */
export function transformFor(project: (lngLat: [number, number]) => number[]): string {
  const a: [number, number] = [119, 29];
  const b: [number, number] = [121, 31];
  const [wa, wb] = [worldOf(a), worldOf(b)];
  const [pa, pb] = [project(a), project(b)];
  const sx = (pb[0]! - pa[0]!) / (wb[0] - wa[0]);
  const sy = (pb[1]! - pa[1]!) / (wb[1] - wa[1]);
  const r = (n: number) => Number(n.toFixed(4));
  return `matrix(${r(sx)} 0 0 ${r(sy)} ${r(pa[0]! - sx * wa[0])} ${r(pa[1]! - sy * wa[1])})`;
}

const SVG = 'http://www.w3.org/2000/svg';
const FILL = { host: 'rgb(28 40 64)', other: 'rgb(16 22 34)' };
const LINE = { host: 'rgb(96 126 170)', other: 'rgb(48 60 80)' };

/** One SVG of the cities, placed under a view of the map. */
export class GeographyUnderlay {
  readonly svg: SVGSVGElement;
  private readonly group: SVGGElement;
  private readonly fills: SVGGElement;
  private readonly lines: SVGGElement;
  private drawnFeatures: CityFeature[] | null = null;
  private transform = '';

  constructor() {
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('aria-hidden', 'true');
    this.svg.classList.add('map-geography');
    this.group = document.createElementNS(SVG, 'g');
    this.fills = document.createElementNS(SVG, 'g');
    this.lines = document.createElementNS(SVG, 'g');
    this.group.append(this.fills, this.lines);
    this.svg.appendChild(this.group);
  }

  /** Draws these cities (once per set: the paths are built only when the features change). */
  show(features: CityFeature[], stroked: boolean): void {
    this.svg.style.display = '';
    if (features !== this.drawnFeatures) {
      this.drawnFeatures = features;
      const path = (f: CityFeature, paint: Record<string, string>) => {
        const el = document.createElementNS(SVG, 'path');
        el.setAttribute('d', pathDataOf(f));
        for (const [k, v] of Object.entries(paint)) el.setAttribute(k, v);
        return el;
      };
      // Every fill, then every line, the host cities' last: a shared border shows the brighter line, as in deck.gl.
      const byHost = [...features].sort((a, b) => Number(a.properties.host) - Number(b.properties.host));
      this.fills.replaceChildren(
        ...byHost.map((f) => path(f, { 'fill-rule': 'evenodd', fill: f.properties.host ? FILL.host : FILL.other })),
      );
      this.lines.replaceChildren(
        ...byHost.map((f) =>
          path(f, {
            fill: 'none',
            stroke: f.properties.host ? LINE.host : LINE.other,
            // A line as wide at every zoom, as deck.gl's pixel-wide outlines were.
            'stroke-width': '1.5',
            'vector-effect': 'non-scaling-stroke',
          }),
        ),
      );
    }
    this.lines.style.display = stroked ? '' : 'none';
  }

  hide(): void {
    this.svg.style.display = 'none';
  }

  /** Follows a view of the map: called after each frame deck.gl draws, so the two move together. */
  follow(viewport: { project: (lngLat: [number, number]) => number[] } | undefined): void {
    if (!viewport) return;
    const transform = transformFor((p) => viewport.project(p));
    if (transform === this.transform) return;
    this.transform = transform;
    this.group.setAttribute('transform', transform);
  }
}
