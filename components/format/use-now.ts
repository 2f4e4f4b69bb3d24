'use client';

import { createContext, useContext, useSyncExternalStore } from 'react';

/**
 * The server's clock when it rendered the page: what "now" is while the page is rendered there and
 * hydrated here, so ages and "silent" marks come out the same on both (a page rendered with data).
 * Null where no page provides it: the browser's clock throughout.
 */
export const RenderedAt = createContext<number | null>(null);

/**
 * One shared timer per interval, however many ages are on screen: a venue page shows
 * hundreds, and each re-renders only its own text when the clock ticks.
 */
interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | undefined;
  subscribe: (listener: () => void) => () => void;
  read: () => number;
}

const clocks = new Map<number, Clock>();

function clockFor(intervalMs: number): Clock {
  let c = clocks.get(intervalMs);
  if (c) return c;
  const clock: Clock = {
    now: Date.now(),
    listeners: new Set(),
    timer: undefined,
    subscribe: (listener) => {
      clock.listeners.add(listener);
      if (clock.timer === undefined) {
        clock.now = Date.now();
        clock.timer = setInterval(() => {
          clock.now = Date.now();
          for (const l of clock.listeners) l();
        }, intervalMs);
      }
      return () => {
        clock.listeners.delete(listener);
        if (clock.listeners.size === 0 && clock.timer !== undefined) {
          clearInterval(clock.timer);
          clock.timer = undefined;
        }
      };
    },
    read: () => clock.now,
  };
  c = clock;
  clocks.set(intervalMs, c);
  return c;
}

/** The current time, refreshed every `intervalMs`: for ages and clocks, not for data. */
export function useNow(intervalMs = 1000): number {
  const c = clockFor(intervalMs);
  const renderedAt = useContext(RenderedAt);
  return useSyncExternalStore(c.subscribe, c.read, () => renderedAt ?? c.read());
}

const noChange = () => () => undefined;

/** False while the page is rendered on the server and hydrated, true once the browser has taken over. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noChange,
    () => true,
    () => false,
  );
}
