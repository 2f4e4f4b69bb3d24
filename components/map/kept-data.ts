/**
 * A layer's data array kept while nothing drawn from it changed. deck.gl rebuilds a layer's
 * attributes and redraws the canvas when `data` is a new array; the stores hand the map new arrays
 * on every delta though most carry nothing visible (a count behind a colour that did not move).
 * Each layer says what it draws of an item as a string; the same strings keep the same array. (deck.gl
 * also draws a frame for any new layer list, so the map hands it one only when something changed.)
 *
 * What must show at once (a colour, a status: `urgent`) is handed over at once; what only moves (a
 * marker's size with its crowd, a label's figure) at most once per `everyMs`: venues' figures arrive
 * in different flushes, and each would otherwise cost the wall a frame.
 */
export type KeepData = <T>(layerId: string, data: T[], drawn: (d: T) => string, urgent?: (d: T) => string) => T[];

export interface DataKeeper {
  keep: KeepData;
  /** Whether any layer was handed new data since the last call: if none was, the map has nothing to draw. */
  takeChanged(): boolean;
  /** Ms until a change held back may be drawn (the map renders again then), or null if none is held. */
  takeHeldFor(): number | null;
  /** Draws what only moves at most this often from now on (software GL: fewer, dearer frames). */
  holdMovesFor(everyMs: number): void;
}

/** A keeper for one map: it remembers each layer's last data, what was drawn from it, and when. */
export function dataKeeper(everyMs = 1000, now: () => number = () => performance.now()): DataKeeper {
  const held = new Map<string, { drawn: string; urgent: string; data: unknown[]; at: number }>();
  let changed = false;
  let heldFor: number | null = null;
  const keep = <T>(layerId: string, data: T[], drawn: (d: T) => string, urgentOf?: (d: T) => string): T[] => {
    const drawnNow = data.map(drawn).join('\u0001');
    const last = held.get(layerId);
    if (last && last.drawn === drawnNow) return last.data as T[];
    const urgent = urgentOf ? data.map(urgentOf).join('\u0001') : drawnNow;
    const t = now();
    if (last && last.urgent === urgent && t - last.at < everyMs) {
      const wait = everyMs - (t - last.at);
      heldFor = heldFor === null ? wait : Math.min(heldFor, wait);
      return last.data as T[];
    }
    held.set(layerId, { drawn: drawnNow, urgent, data, at: t });
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
    takeHeldFor: () => {
      const was = heldFor;
      heldFor = null;
      return was;
    },
    holdMovesFor: (ms) => {
      everyMs = ms;
    },
  };
}

/** No keeping: every call draws its data anew (tests, one-off renders). */
export const keepNothing: KeepData = (_layerId, data) => data;
