/**
 * Page text over the map (the cities' names, the clusters' counts) follows the frame deck.gl has just drawn.
 * What they share: where a point lands in the map's box, whether the inset covers it, and moving the text
 * only when a place changed, so a frame whose camera did not move writes no style.
 */
import type { Box } from './camera';

/** A view's projection: longitude/latitude to CSS px of the view. */
export type Project = (lngLat: [number, number]) => number[];
/** Where a text goes, in CSS px of the map's box, or null: not shown. */
export type Place = [number, number] | null;

/** To the half pixel: finer moves are not seen, and the same camera gives the same key. */
export const toHalfPx = (x: number, y: number): [number, number] => [Math.round(x * 2) / 2, Math.round(y * 2) / 2];

/** Whether a point in the map's box lies in `box` (the inset), edges included. */
export const inBox = ([x, y]: [number, number], box: Box | null): boolean =>
  box !== null && x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;

/** Moves a set of texts to their places, centred; hidden where they have none. */
export class PlacedTexts {
  private placed = '';

  /** The next `place` writes every element (new texts, a new size or language). */
  forget(): void {
    this.placed = '';
  }

  /** Whether anything was written (false: every text was already where it belongs). */
  place(elements: readonly HTMLElement[], places: readonly Place[]): boolean {
    const key = JSON.stringify(places);
    if (key === this.placed) return false;
    this.placed = key;
    places.forEach((p, i) => {
      const element = elements[i];
      if (!element) return;
      element.hidden = p === null;
      if (p) element.style.transform = `translate(${p[0]}px, ${p[1]}px) translate(-50%, -50%)`;
    });
    return true;
  }
}
