'use client';

import { useEffect, useState, type RefObject } from 'react';

/** Where the wall stacks its panels and the page scrolls (matches app/globals.css). */
const STACKED = '(max-width: 1279px), (max-height: 799px)';

/**
 * How many whole rows (`rowSelector`) fit a list's height on a wall, so none is cut in half
 * and the "+N more" line is true; in a grid, rows are its cards. Stacked layouts grow with their content instead.
 */
export function useRowsThatFit(
  list: RefObject<HTMLElement | null>,
  rowSelector: string,
  maxRows: number,
  /** What the list shows (a key or a memoised array): when it changes, the list is judged afresh. */
  content: unknown,
): number {
  const [fit, setFit] = useState(maxRows);
  useEffect(() => {
    const el = list.current;
    if (!el) return;
    // A guess at what more would fit can be wrong (the next card is taller than the ones drawn): the
    // count found too many at this size and content is never tried again, or the list would flip
    // between the two for ever (seen: thousands of renders a minute, starving the rest of the page).
    let tooMany = Infinity;
    // The tallest line seen at this size: the next line's height guessed on the safe side.
    let tallest = 0;
    let size = '';
    const measure = () => {
      if (window.matchMedia(STACKED).matches) return setFit(maxRows);
      const rows = [...el.querySelectorAll<HTMLElement>(rowSelector)];
      if (rows.length === 0) return setFit(maxRows);
      const sizeNow = `${el.clientWidth}x${el.clientHeight}`;
      if (sizeNow !== size) [size, tallest, tooMany] = [sizeNow, 0, Infinity];
      // Rows differ in height (a wall sized for its room wraps long titles): count those drawn that
      // fit whole, and past the last drawn, as many more as the tallest line allows. In a grid of
      // cards a line holds several: the last line's empty places and each further line's count too.
      const top = rows[0]!.offsetTop;
      const bottom = (r: HTMLElement) => r.offsetTop - top + r.offsetHeight;
      const whole = rows.filter((r) => bottom(r) <= el.clientHeight).length;
      const drawn = Math.max(...rows.map(bottom));
      const tops = [...new Set(rows.map((r) => r.offsetTop))];
      const perLine = rows.filter((r) => r.offsetTop === top).length;
      for (const [i, t] of tops.entries())
        tallest = Math.max(
          tallest,
          (tops[i + 1] ?? top + drawn) - t,
          ...rows.filter((r) => r.offsetTop === t).map((r) => r.offsetHeight),
        );
      const more =
        whole === rows.length
          ? perLine * tops.length - rows.length + Math.floor((el.clientHeight - drawn) / tallest) * perLine
          : 0;
      if (whole < rows.length) tooMany = Math.min(tooMany, rows.length);
      setFit(Math.max(1, Math.min(maxRows, whole + more, tooMany - 1)));
    };
    // Measured again when the list's box changes, and when its rows do (new rows, fonts arriving, a
    // taller script): a list that only watched its own fixed box would never see its rows outgrow it.
    const observer = new ResizeObserver(measure);
    const watch = () => {
      observer.disconnect();
      observer.observe(el);
      for (const row of el.querySelectorAll(rowSelector)) observer.observe(row);
    };
    const rowsChanged = new MutationObserver(() => {
      watch();
      measure();
    });
    rowsChanged.observe(el, { childList: true });
    watch();
    measure();
    return () => {
      observer.disconnect();
      rowsChanged.disconnect();
    };
  }, [list, rowSelector, maxRows, content]);
  return fit;
}
