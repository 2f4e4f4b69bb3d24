'use client';

import { useEffect, useState, type RefObject } from 'react';

/** Where the wall stacks its panels and the page scrolls (matches app/globals.css). */
const STACKED = '(max-width: 1279px), (max-height: 799px)';

/**
 * How many whole rows (`rowSelector`) fit a list's height on a wall, so none is cut in half
 * and the "+N more" line is true. Stacked layouts grow with their content instead.
 */
export function useRowsThatFit(
  list: RefObject<HTMLElement | null>,
  rowSelector: string,
  maxRows: number,
  hasRows: boolean,
): number {
  const [fit, setFit] = useState(maxRows);
  useEffect(() => {
    const el = list.current;
    if (!el) return;
    const measure = () => {
      if (window.matchMedia(STACKED).matches) return setFit(maxRows);
      const row = el.querySelector<HTMLElement>(rowSelector);
      if (!row) return setFit(maxRows);
      setFit(Math.max(1, Math.min(maxRows, Math.floor(el.clientHeight / row.offsetHeight))));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => observer.disconnect();
  }, [list, rowSelector, maxRows, hasRows]);
  return fit;
}
