/**
 * How a video wall is set up: which panels each screen of a multi-screen wall shows, and
 * the rotation's playlist. One file (config/wall.json, or WALL_CONFIG_FILE) read by the
 * server and handed to the browser; plain data only.
 */
import type { WallRoom } from './room-type';

/**
 * The panels a screen can place. `detail` is a venue, zone or sensor's own panels; `attention`
 * the venues that need someone (shown only while any do).
 */
export const WALL_PANELS = ['map', 'kpis', 'trend', 'alerts', 'attention', 'venues', 'detail'] as const;
export type WallPanel = (typeof WALL_PANELS)[number];

/** The panels each kind of view has to place: the city's, or a venue's plan and detail. */
export const PANELS_OF_VIEW = {
  city: ['map', 'kpis', 'trend', 'alerts', 'attention', 'venues'],
  incidents: ['map', 'kpis', 'trend', 'alerts', 'attention', 'venues'],
  venue: ['map', 'detail'],
} as const satisfies Record<string, readonly WallPanel[]>;

export type WallViewKind = keyof typeof PANELS_OF_VIEW;

/** A CSS grid over panel names (`.` for an empty cell), as `grid-template-areas` writes it. */
export interface ScreenGrid {
  areas: string[];
  /** `grid-template-columns`; equal columns when absent. */
  columns?: string;
  /** `grid-template-rows`; equal rows when absent. */
  rows?: string;
}

/** One screen's part of the wall, per kind of view. */
export interface WallScreen {
  /** What the screen is for, shown on it (e.g. "Map"). */
  name: string;
  city: ScreenGrid;
  incidents: ScreenGrid;
  venue: ScreenGrid;
}

export type RotationView =
  | { view: 'city'; seconds: number }
  | { view: 'incidents'; seconds: number }
  | { view: 'venue'; venueId: string; seconds: number }
  /** Every venue in turn, in the wall's order (city, then name). */
  | { view: 'venues'; seconds: number };

export interface WallConfig {
  /** Each wall's panel and viewing distance, by the key `?wall=` names: the type follows from them. */
  rooms: Record<string, WallRoom>;
  rotation: { views: RotationView[] };
  /** When a wall reloads itself: its stream dead this long, or its JS heap past this size. */
  watchdog: { reloadAfterDeadSeconds: number; maxHeapMb: number };
  /** By screen count ("2", "3"): one entry per screen, in screen order. */
  screens: Record<string, WallScreen[]>;
}

/** The panel names a grid places. */
export function panelsOf(grid: ScreenGrid): WallPanel[] {
  const names = new Set(grid.areas.flatMap((row) => row.trim().split(/\s+/)));
  return WALL_PANELS.filter((p) => names.has(p));
}

/** Why a grid is not a valid one for a view with these panels, or null. */
export function gridProblem(grid: ScreenGrid, panels: readonly WallPanel[]): string | null {
  const rows = grid.areas.map((row) => row.trim().split(/\s+/));
  if (rows.length === 0) return 'has no rows';
  const width = rows[0]!.length;
  if (rows.some((r) => r.length !== width)) return 'rows differ in length';
  const unknown = rows.flat().find((cell) => cell !== '.' && !(panels as readonly string[]).includes(cell));
  if (unknown) return `names no panel '${unknown}' of this view (it has: ${panels.join(', ')})`;
  // CSS drops a template whose areas are not rectangles; say so here instead.
  for (const name of new Set(rows.flat())) {
    if (name === '.') continue;
    const cells = rows.flatMap((r, y) => r.flatMap((c, x) => (c === name ? [[x, y] as const] : [])));
    const xs = cells.map(([x]) => x);
    const ys = cells.map(([, y]) => y);
    const w = Math.max(...xs) - Math.min(...xs) + 1;
    const h = Math.max(...ys) - Math.min(...ys) + 1;
    if (w * h !== cells.length) return `'${name}' is not a rectangle`;
  }
  return null;
}
