/**
 * The number of venues in each cluster (venue-clusters.ts), written over its marker as page text: the page's
 * fonts and the language's digits, nothing for software GL to draw. Like the cities' names, the numbers
 * follow the frame deck.gl has just drawn and move only when the camera has; the main map's are hidden under
 * the inset, the inset's placed in it.
 */
import type { Box } from './camera';
import { inBox, PlacedTexts, toHalfPx, type Place, type Project } from './overlay-places';

export interface ClusterCount {
  /** The cluster's id, with the view it is drawn in. */
  key: string;
  view: 'main' | 'inset';
  position: [number, number];
  text: string;
  /** The marker's colour it is written on: the cluster's worst status, or 'stale' (grey) when the feed is not live. */
  tone: string;
}

/**
 * Where each count goes in CSS px of the map's box (to a half pixel), or null: the main map's under the inset,
 * the inset's outside it.
 */
export function countPlaces(
  counts: readonly ClusterCount[],
  main: Project,
  inset: Project | null,
  cover: Box | null,
): Place[] {
  return counts.map((c) => {
    const project = c.view === 'main' ? main : inset;
    if (!project) return null;
    const [x, y] = project(c.position);
    const shift = c.view === 'inset' && cover ? cover : { x: 0, y: 0 };
    const px = toHalfPx(x! + shift.x, y! + shift.y);
    const inCover = inBox(px, cover);
    // The main map's numbers hide under the inset; the inset's show only inside it (a cluster by its edge).
    const covered = c.view === 'main' ? inCover : !inCover;
    return covered ? null : px;
  });
}

export class ClusterCountOverlay {
  readonly element: HTMLDivElement;
  private counts: ClusterCount[] = [];
  private spans: HTMLSpanElement[] = [];
  private shown = '';
  private readonly placed = new PlacedTexts();

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'map-cluster-counts';
    // The map is one labelled image; the venue board lists every venue.
    this.element.setAttribute('aria-hidden', 'true');
  }

  /** These counts (none: `null`), at these type sizes for the main map and the inset. Writes only what changed. */
  show(counts: ClusterCount[] | null, mainPx: number, insetPx: number): void {
    const list = counts ?? [];
    const shown = `${mainPx.toFixed(1)}|${insetPx.toFixed(1)}|${list.map((c) => `${c.key}:${c.text}:${c.tone}:${c.position.join(',')}`).join(';')}`;
    if (shown === this.shown) return;
    this.shown = shown;
    this.placed.forget();
    this.counts = list;
    this.element.hidden = list.length === 0;
    while (this.spans.length > list.length) this.spans.pop()!.remove();
    while (this.spans.length < list.length) {
      const span = document.createElement('span');
      span.className = 'map-cluster-count';
      // Until a frame places it, not piled in the map's corner.
      span.hidden = true;
      this.element.append(span);
      this.spans.push(span);
    }
    list.forEach((c, i) => {
      const span = this.spans[i]!;
      if (span.textContent !== c.text) span.textContent = c.text;
      span.dataset.view = c.view;
      // Dark figures on the bright colours of what is wrong, light on the greys of what is not.
      span.dataset.tone = c.tone;
      span.style.fontSize = `${(c.view === 'main' ? mainPx : insetPx).toFixed(1)}px`;
    });
  }

  /** Follows the views just drawn (called after each frame); the numbers move only when a camera has. */
  follow(main: { project: Project } | undefined, inset: { project: Project } | undefined, cover: Box | null): void {
    if (!main || this.counts.length === 0) return;
    this.placed.place(
      this.spans,
      countPlaces(this.counts, (p) => main.project(p), inset ? (p) => inset.project(p) : null, cover),
    );
  }
}
