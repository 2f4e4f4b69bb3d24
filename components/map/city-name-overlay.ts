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

/**
 * The places again, with a name that still runs into an earlier one (its local name alone, when crowded) moved
 * up or down, whichever side it already leans to, until they touch: on a small tablet's map Shaoxing and Ningbo
 * overlapped even so. Names earlier in the list stay where their city is.
 */
export function namesApart(places: readonly Place[], sizes: readonly NameSize[], crowded: readonly boolean[]): Place[] {
  const out = places.map((p) => (p ? ([...p] as [number, number]) : null));
  const width = (i: number) => (crowded[i] ? sizes[i]!.local : sizes[i]!.whole);
  out.forEach((b, j) => {
    if (!b) return;
    for (let i = 0; i < j; i++) {
      const a = out[i];
      if (!a) continue;
      const apartX = (width(i) + width(j)) / 2;
      const apartY = (sizes[i]!.height + sizes[j]!.height) / 2;
      if (Math.abs(a[0] - b[0]) >= apartX || Math.abs(a[1] - b[1]) >= apartY) continue;
      b[1] = b[1] >= a[1] ? a[1] + apartY : a[1] - apartY;
    }
  });
  return out;
}

/** A venue's marker as the names keep clear of it: its centre and radius, CSS px of the map's box. */
export interface MarkerDisc {
  x: number;
  y: number;
  r: number;
}

/**
 * The places again, each name that a marker would lie over (markers are drawn above the names) moved off it, up,
 * down, left or right, whichever is the shortest move that clears every marker and stays inside the map's box;
 * left where it is if none does. On a phone Huzhou's cluster had sat on its name's Chinese half.
 */
export function namesClearOf(
  places: readonly Place[],
  sizes: readonly NameSize[],
  crowded: readonly boolean[],
  markers: readonly MarkerDisc[],
  box: { width: number; height: number },
): Place[] {
  const GAP = 2;
  return places.map((p, i) => {
    if (!p) return null;
    const halfW = (crowded[i] ? sizes[i]!.local : sizes[i]!.whole) / 2;
    const halfH = sizes[i]!.height / 2;
    const over = ([x, y]: [number, number]) =>
      markers.filter((m) => Math.abs(m.x - x) < halfW + m.r && Math.abs(m.y - y) < halfH + m.r);
    const inside = ([x, y]: [number, number]) =>
      x - halfW >= 0 && x + halfW <= box.width && y - halfH >= 0 && y + halfH <= box.height;
    const under = over(p);
    if (under.length === 0) return p;
    const candidates: [number, number][] = [
      [p[0], Math.min(...under.map((m) => m.y - m.r - halfH - GAP))],
      [p[0], Math.max(...under.map((m) => m.y + m.r + halfH + GAP))],
      [Math.min(...under.map((m) => m.x - m.r - halfW - GAP)), p[1]],
      [Math.max(...under.map((m) => m.x + m.r + halfW + GAP)), p[1]],
    ];
    const moved = (c: [number, number]) => Math.abs(c[0] - p[0]) + Math.abs(c[1] - p[1]);
    const clear = candidates.sort((a, b) => moved(a) - moved(b)).find((c) => inside(c) && over(c).length === 0);
    return clear ?? p;
  });
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
    this.placed.place(
      this.names,
      namesApart(namesClearOf(places, this.sizes, crowded, markers, box), this.sizes, crowded),
    );
  }
}
