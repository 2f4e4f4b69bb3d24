/**
 * The host cities' names on the map as page text rather than deck.gl glyphs, under the canvas (as deck.gl
 * drew them under the markers, so no name hides a venue's status). On software GL (a wall PC without a GPU)
 * the TextLayer's program and glyph atlas were about 0.7 s of the map's first frame (docs/benchmarks.md,
 * `npm run bench -- first-frame`); the browser lays out six names for nothing, in the page's own fonts. Like
 * the cities under the canvas (geography-underlay.ts), they follow the frame deck.gl has just drawn: each
 * name is moved only when the camera has.
 */
import { CITIES } from '@/lib/contracts/cities';
import { cityName, cityOtherName } from '@/lib/i18n/city-names';
import type { Locale } from '@/lib/i18n/locales';
import type { Box } from './camera';
import { inBox, PlacedTexts, toHalfPx, type Place, type Project } from './overlay-places';

/**
 * Where each name goes, in CSS px of the map's box (rounded to a half pixel), or null under `cover` (the
 * inset, which deck.gl's names, drawn in the main view only, never crossed).
 */
export function namePlaces(project: Project, cover: Box | null): Place[] {
  return CITIES.map((c) => {
    const [x, y] = project([c.label[0], c.label[1]]);
    const px = toHalfPx(x!, y!);
    const covered = inBox(px, cover);
    return covered ? null : px;
  });
}

/** A name's laid-out size: whole ("Shaoxing 绍兴"), and its local name alone ("Shaoxing"). */
export interface NameSize {
  whole: number;
  local: number;
  height: number;
}

/**
 * Which names give up their second script: each whose whole name would overlap another's (Shaoxing's and
 * Ningbo's ran into each other on a tablet). Its local name alone, centred on the same point, leaves a gap.
 */
export function crowdedNames(places: readonly Place[], sizes: readonly NameSize[]): boolean[] {
  const overlap = (i: number, j: number) => {
    const [a, b] = [places[i], places[j]];
    if (!a || !b) return false;
    return (
      Math.abs(a[0] - b[0]) * 2 < sizes[i]!.whole + sizes[j]!.whole &&
      Math.abs(a[1] - b[1]) * 2 < sizes[i]!.height + sizes[j]!.height
    );
  };
  return places.map((_, i) => places.some((__, j) => j !== i && overlap(i, j)));
}

/** A venue's marker as the names keep clear of it: its centre and radius, CSS px of the map's box. */
export interface MarkerDisc {
  x: number;
  y: number;
  r: number;
}

/** What a name keeps clear of: a box by its centre and half extents, and whether it may step sideways off it. */
interface Obstacle {
  x: number;
  y: number;
  halfW: number;
  halfH: number;
  gap: number;
  sideways: boolean;
}

/** How many moves a name may make, each off what it still lies on: 4 + 16 + 64 places tried at most. */
const MOVES = 3;

/**
 * Where each name is drawn, in list order. A name keeps clear of the markers (drawn above the names: Huzhou's
 * cluster had sat on its name on a phone) and of the names before it (the first stays where its city is):
 * it moves off what it lies on, up, down, left or right (off a name only up or down: Shaoxing and Ningbo ran
 * into each other on a small tablet), and off whatever it lands on next, up to three moves; the place that
 * clears everything inside the map's box with the shortest way from its city wins. One move was not enough:
 * on a 1280 px laptop's map Shaoxing's one-move places all lay on a cluster or on Ningbo's name, so it stayed
 * under the "6" cluster. If nothing clears, the name keeps clear of the other names alone, or stays put.
 */
export function placeNames(
  places: readonly Place[],
  sizes: readonly NameSize[],
  crowded: readonly boolean[],
  markers: readonly MarkerDisc[],
  box: { width: number; height: number },
): Place[] {
  const discs: Obstacle[] = markers.map((m) => ({ x: m.x, y: m.y, halfW: m.r, halfH: m.r, gap: 2, sideways: true }));
  const halfWidth = (i: number) => (crowded[i] ? sizes[i]!.local : sizes[i]!.whole) / 2;
  const out: Place[] = [];
  places.forEach((p, i) => {
    if (!p) {
      out.push(null);
      return;
    }
    const halfW = halfWidth(i);
    const halfH = sizes[i]!.height / 2;
    const names: Obstacle[] = [];
    out.forEach((q, j) => {
      if (q)
        names.push({ x: q[0], y: q[1], halfW: halfWidth(j), halfH: sizes[j]!.height / 2, gap: 0, sideways: false });
    });
    const on = ([x, y]: [number, number], obstacles: readonly Obstacle[]) =>
      obstacles.filter((o) => Math.abs(o.x - x) < halfW + o.halfW && Math.abs(o.y - y) < halfH + o.halfH);
    const inside = ([x, y]: [number, number]) =>
      x - halfW >= 0 && x + halfW <= box.width && y - halfH >= 0 && y + halfH <= box.height;
    const movesOff = ([x, y]: [number, number], hit: readonly Obstacle[]): [number, number][] => {
      const moves: [number, number][] = [
        [x, Math.min(...hit.map((o) => o.y - o.halfH - halfH - o.gap))],
        [x, Math.max(...hit.map((o) => o.y + o.halfH + halfH + o.gap))],
      ];
      if (hit.every((o) => o.sideways)) {
        moves.push([Math.min(...hit.map((o) => o.x - o.halfW - halfW - o.gap)), y]);
        moves.push([Math.max(...hit.map((o) => o.x + o.halfW + halfW + o.gap)), y]);
      }
      return moves;
    };
    const clearOf = (obstacles: readonly Obstacle[]): [number, number] | null => {
      if (on(p, obstacles).length === 0) return p;
      const clear: [number, number][] = [];
      let tried: [number, number][] = [p];
      for (let move = 0; move < MOVES; move++) {
        tried = tried.flatMap((c) => movesOff(c, on(c, obstacles)));
        const next: [number, number][] = [];
        for (const c of tried) {
          if (on(c, obstacles).length > 0) next.push(c);
          else if (inside(c)) clear.push(c);
        }
        tried = next;
      }
      const way = (c: [number, number]) => Math.abs(c[0] - p[0]) + Math.abs(c[1] - p[1]);
      return clear.sort((a, b) => way(a) - way(b))[0] ?? null;
    };
    out.push(clearOf([...discs, ...names]) ?? clearOf(names) ?? p);
  });
  return out;
}

export class CityNameOverlay {
  readonly element: HTMLDivElement;
  private readonly names: HTMLSpanElement[];
  private readonly placed = new PlacedTexts();
  private shown = '';
  /** Measured once per size and language (reading a size costs a layout). */
  private sizes: NameSize[] | null = null;
  /** The places last followed (before any name was moved apart), with the markers they kept clear of. */
  private followed = '';
  /** The main map's markers: where (longitude, latitude) and how large (px). */
  private markers: readonly { position: [number, number]; radiusPx: number }[] = [];
  private markersKey = '';

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'map-city-names';
    // The map region is labelled, and the venue board lists every city: these are for the eye.
    this.element.setAttribute('aria-hidden', 'true');
    this.names = CITIES.map((c) => {
      const name = document.createElement('span');
      name.className = 'map-city-name';
      name.dataset.city = c.id;
      // Until the first frame places it (seconds on software GL), not piled in the map's corner.
      name.hidden = true;
      return name;
    });
    this.element.append(...this.names);
  }

  /**
   * Shown at the city level, sized with the map's marks, in the page's language (which can change without
   * the map being made again). Called with every render: writes only what changed.
   */
  show(visible: boolean, fontPx: number, locale: Locale): void {
    const shown = `${visible}|${fontPx.toFixed(1)}|${locale}`;
    if (shown === this.shown) return;
    const localeChanged = !this.shown.endsWith(`|${locale}`);
    this.shown = shown;
    this.element.hidden = !visible;
    this.element.style.fontSize = `${fontPx.toFixed(1)}px`;
    this.sizes = null;
    this.followed = '';
    this.placed.forget();
    if (!localeChanged) return;
    CITIES.forEach((c, i) => {
      const other = cityOtherName(c.id, locale);
      // Each part its own box, so each can be measured; the second is the one a crowded name gives up.
      const local = document.createElement('span');
      local.textContent = cityName(c.id, locale);
      const second = document.createElement('span');
      second.className = 'map-city-name-other';
      second.lang = other.lang;
      second.textContent = other.text;
      this.names[i]!.replaceChildren(local, ' ', second);
    });
  }

  /** The markers the names keep clear of (the main map's, as the last render drew them). */
  avoid(markers: readonly { position: [number, number]; radiusPx: number }[]): void {
    const key = markers.map((m) => `${m.position.join(',')}:${m.radiusPx.toFixed(1)}`).join(';');
    if (key === this.markersKey) return;
    this.markersKey = key;
    this.markers = markers;
  }

  /** Follows the main view: called after each frame deck.gl draws; names move only when the camera has. */
  follow(viewport: { project: Project; width: number; height: number } | undefined, cover: Box | null): void {
    if (!viewport || this.element.hidden) return;
    const places = namePlaces((p) => viewport.project(p), cover);
    const key = `${JSON.stringify(places)}|${this.markersKey}`;
    if (key === this.followed) return;
    this.followed = key;
    // Sizes with every name whole, measured once (all at once: one layout), again for one that was hidden.
    if (!this.sizes || places.some((p, i) => p && this.sizes![i]!.whole === 0)) {
      this.placed.place(this.names, places);
      for (const name of this.names) delete name.dataset.crowded;
      this.sizes = this.names.map((name) => ({
        whole: name.offsetWidth,
        local: (name.firstElementChild as HTMLElement | null)?.offsetWidth ?? name.offsetWidth,
        height: name.offsetHeight,
      }));
    }
    const crowded = crowdedNames(places, this.sizes);
    this.names.forEach((name, i) => {
      if (crowded[i]) name.dataset.crowded = '';
      else delete name.dataset.crowded;
    });
    const markers = this.markers.map((m) => {
      const [x, y] = viewport.project(m.position);
      return { x: x!, y: y!, r: m.radiusPx };
    });
    const box = { width: viewport.width, height: viewport.height };
    this.placed.place(this.names, placeNames(places, this.sizes, crowded, markers, box));
  }
}
