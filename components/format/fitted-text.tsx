'use client';

import { useLayoutEffect, useRef, useState } from 'react';

/**
 * A one-line text that shows `full` where it fits its box and `short` (abbreviated deliberately) where it
 * does not, rather than an ellipsis wherever the box ends: "Hangzhou Olympic Sports Centre …" could be the
 * stadium, the gymnasium or the aquatics arena. The full text is the tooltip and what is read out; an ellipsis
 * is left only for a short form that does not fit either. The box must not size to its content (a grid track
 * of minmax(0, 1fr)), or the choice would change the width it is judged by.
 */
export function FittedText({ full, short, className }: { full: string; short: string; className: string }) {
  const box = useRef<HTMLSpanElement>(null);
  const [abbreviated, setAbbreviated] = useState(false);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || short === full) return setAbbreviated(false);
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) return;
    // Judged by the full text's drawn width in the box's font, not by its overflow: with the short form
    // shown there is no full text to measure.
    const judge = () => {
      const cs = getComputedStyle(el);
      ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      setAbbreviated(ctx.measureText(full).width > el.clientWidth + 0.5);
    };
    const resized = new ResizeObserver(judge);
    resized.observe(el);
    judge();
    // Measured again once the page's fonts are in: a fallback face is narrower or wider.
    let current = true;
    void document.fonts.ready.then(() => current && judge());
    return () => {
      current = false;
      resized.disconnect();
    };
  }, [full, short]);
  return (
    <span ref={box} className={className} title={full} data-abbreviated={abbreviated ? '' : undefined}>
      {abbreviated ? (
        <>
          <span aria-hidden="true">{short}</span>
          <span className="visually-hidden">{full}</span>
        </>
      ) : (
        full
      )}
    </span>
  );
}
