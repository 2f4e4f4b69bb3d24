/**
 * A wall is configured by its URL, so a browser on a wall PC restarts into the same view:
 * `?kiosk` (no controls, no cursor), `?rotate` (play the playlist), `?screen=I&screens=N`
 * (this browser is screen I of N), `?scale=X` (type size for a room larger than usual),
 * `?wall=KEY` (the room in config/wall.json whose panel and distance size the type).
 */

export interface WallParams {
  kiosk: boolean;
  rotate: boolean;
  /** 1-based index and count, or null for a single-screen wall. */
  screen: { index: number; count: number } | null;
  /** Multiplies the wall's type size (0.5..3). */
  scale: number;
  /** The key of its room in config/wall.json, or null. */
  room: string | null;
}

/** The query keys a wall carries from view to view. */
const WALL_KEYS = ['kiosk', 'rotate', 'screen', 'screens', 'scale', 'wall', 'lang'] as const;

export function parseWallParams(query: URLSearchParams): WallParams {
  const count = Number(query.get('screens'));
  const index = Number(query.get('screen'));
  const screen =
    Number.isInteger(count) && count >= 2 && Number.isInteger(index) && index >= 1 && index <= count
      ? { index, count }
      : null;
  const scale = Number(query.get('scale'));
  return {
    kiosk: query.has('kiosk'),
    rotate: query.has('rotate'),
    screen,
    scale: Number.isFinite(scale) && scale >= 0.5 && scale <= 3 ? scale : 1,
    room: query.get('wall') || null,
  };
}

/** `?…` with only the wall's own keys, to append to a path the wall moves to ('' when none). */
export function wallQuery(query: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const key of WALL_KEYS) for (const value of query.getAll(key)) kept.append(key, value);
  // `?kiosk` rather than `?kiosk=`: the URL stays as people type it.
  const s = kept.toString().replace(/=(?=&|$)/g, '');
  return s ? `?${s}` : '';
}
