/**
 * The wall's watchdog, pure: when to reload the page. A stream dead for longer than the
 * bound (the EventSource's own retries have not brought it back), or a JS heap past its
 * bound, means a reload; never twice within the cool-down, so a bound set too low cannot
 * make a wall reload for ever. The hook (use-watchdog) checks that the server answers first.
 */
import type { ConnectionPhase } from '@/components/store/connection-slice';

export interface WatchdogBounds {
  reloadAfterDeadMs: number;
  maxHeapBytes: number;
  /** Least time between two reloads. */
  coolDownMs: number;
}

export interface WatchdogObservation {
  now: number;
  phase: ConnectionPhase;
  /** performance.memory.usedJSHeapSize where the browser tells (Chromium); null elsewhere. */
  heapBytes: number | null;
  /** When the watchdog last reloaded this tab; 0 if never. */
  lastReloadAt: number;
}

export type WatchdogVerdict = { reload: false; deadSince: number | null } | { reload: true; reason: string };

export function watchdogVerdict(
  deadSince: number | null,
  o: WatchdogObservation,
  bounds: WatchdogBounds,
): WatchdogVerdict {
  const dead = o.phase === 'connecting' || o.phase === 'reconnecting';
  // Dead time counts from the first check that saw it dead: a jump of the clock is not an outage.
  const since = dead ? (deadSince ?? o.now) : null;
  const coolingDown = o.lastReloadAt > 0 && o.now - o.lastReloadAt < bounds.coolDownMs;
  if (!coolingDown && since !== null && o.now - since >= bounds.reloadAfterDeadMs) {
    return { reload: true, reason: `stream dead for ${Math.round((o.now - since) / 1000)} s` };
  }
  if (!coolingDown && o.heapBytes !== null && o.heapBytes > bounds.maxHeapBytes) {
    return { reload: true, reason: `JS heap ${Math.round(o.heapBytes / 2 ** 20)} MiB over its bound` };
  }
  return { reload: false, deadSince: since };
}
