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
      const rows = [...el.querySelectorAll<HTMLElement>(rowSelector)];
      if (rows.length === 0) return setFit(maxRows);
      // Rows differ in height (a wall sized for its room wraps long titles): count those drawn that
      // fit whole, and past the last drawn, as many more as its average height allows.
      const top = rows[0]!.offsetTop;
      const bottom = (r: HTMLElement) => r.offsetTop - top + r.offsetHeight;
      const whole = rows.filter((r) => bottom(r) <= el.clientHeight).length;
      const drawn = bottom(rows.at(-1)!);
      const more = whole === rows.length ? Math.floor((el.clientHeight - drawn) / (drawn / rows.length)) : 0;
      setFit(Math.max(1, Math.min(maxRows, whole + more)));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => observer.disconnect();
  }, [list, rowSelector, maxRows, hasRows]);
  return fit;
}
