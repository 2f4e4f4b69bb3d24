/**
 * A layer's data array kept while nothing drawn from it changed. deck.gl rebuilds a layer's
 * attributes and redraws the canvas when `data` is a new array; the stores hand the map new arrays
 * on every delta though most carry nothing visible (a count behind a colour that did not move).
 * Each layer says what it draws of an item as a string; the same strings keep the same array. (deck.gl
 * also draws a frame for any new layer list, so the map hands it one only when something changed.)
 */
export type KeepData = <T>(layerId: string, data: T[], drawn: (d: T) => string) => T[];

export interface DataKeeper {
  keep: KeepData;
  /** Whether any layer was handed new data since the last call: if none was, the map has nothing to draw. */
  takeChanged(): boolean;
}

/** A keeper for one map: it remembers each layer's last data and what was drawn from it. */
export function dataKeeper(): DataKeeper {
  const held = new Map<string, { drawn: string; data: unknown[] }>();
  let changed = false;
  const keep = <T>(layerId: string, data: T[], drawn: (d: T) => string): T[] => {
    const now = data.map(drawn).join('\u0001');
    const last = held.get(layerId);
    if (last && last.drawn === now) return last.data as T[];
    held.set(layerId, { drawn: now, data });
    changed = true;
    return data;
  };
  return {
    keep,
    takeChanged: () => {
      const was = changed;
      changed = false;
      return was;
    },
  };
}

/** No keeping: every call draws its data anew (tests, one-off renders). */
export const keepNothing: KeepData = (_layerId, data) => data;
