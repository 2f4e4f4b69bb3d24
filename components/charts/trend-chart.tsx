'use client';

import { useEffect, useRef } from 'react';
import { useFormat, useLocale, useT } from '@/components/i18n/i18n-provider';
import { localeInfo } from '@/lib/i18n/locales';
import { useSituationStore } from '@/components/store/situation-provider';
import type { TrendPoint } from '@/lib/contracts/stream';
import { TREND_BUCKET_MS } from '@/lib/contracts/stream';
import { cityTrendGrid, cityTrendWindow } from '@/lib/charts/city-trend-option';

/** A resize settles before the chart is drawn again at the new size (a window dragged draws once). */
const RESIZE_SETTLE_MS = 250;

/**
 * People inside venues and open incidents over the last hour, live. ECharts draws it on the server
 * (GET /api/charts/city-trend, lib/server/city-trend-svg.ts) at this panel's size and language, once per
 * new point the page's stream brings; the page shows the SVG and reads the figures under a pointer from its
 * own store. (ECharts in the browser was 136 KB of the wall's compressed script for this one chart.)
 */
export function TrendChart() {
  const el = useRef<HTMLDivElement>(null);
  const drawingEl = useRef<HTMLDivElement>(null);
  const readoutEl = useRef<HTMLDivElement>(null);
  const store = useSituationStore();
  const t = useT();
  const f = useFormat();
  const locale = useLocale();
  const rtl = localeInfo(locale).dir === 'rtl';

  useEffect(() => {
    const box = el.current;
    const drawingBox = drawingEl.current;
    const readout = readoutEl.current;
    if (!box || !drawingBox || !readout) return;
    let size: { w: number; h: number } | null = null;
    /** What is on screen: its size and newest point, which the pointer readout maps against. */
    let shown: { key: string; w: number; to: number } | null = null;
    let asking: AbortController | null = null;
    let askedKey = '';
    let settle: ReturnType<typeof setTimeout> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let gone = false;

    const place = (text: string, w: number, to: number, key: string) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const svg = doc.documentElement;
      if (svg.nodeName !== 'svg' || doc.querySelector('parsererror')) return;
      svg.querySelectorAll('script, foreignObject').forEach((n) => n.remove());
      svg.setAttribute('aria-hidden', 'true');
      drawingBox.replaceChildren(document.importNode(svg, true));
      shown = { key, w, to };
    };

    /** Asks for the drawing the page needs now, one request at a time; the newest wish wins. */
    const draw = async () => {
      const to = store.getState().trend.at(-1)?.t;
      if (gone || asking || !size || to === undefined) return;
      const { w, h } = size;
      const key = `${w}x${h}|${locale}|${to}`;
      if (key === shown?.key || key === askedKey) return;
      askedKey = key;
      asking = new AbortController();
      try {
        const query = new URLSearchParams({ w: String(w), h: String(h), lang: locale, to: String(to) });
        const res = await fetch(`/api/charts/city-trend?${query}`, { signal: asking.signal, cache: 'no-store' });
        if (res.ok) place(await res.text(), w, to, key);
        else if (res.status === 429) {
          // Drawn too often (a window resized many times): the same wish again when allowed.
          const waitS = Number(res.headers.get('Retry-After')) || 5;
          retry = setTimeout(() => {
            askedKey = '';
            void draw();
          }, waitS * 1000);
        }
        // Any other answer (signed out, server restarting): the drawing on screen stays until the next point.
      } catch {
        // Offline or aborted: as above.
      } finally {
        asking = null;
      }
      void draw();
    };

    const resize = new ResizeObserver(([entry]) => {
      const w = Math.round(entry?.contentRect.width ?? 0);
      const h = Math.round(entry?.contentRect.height ?? 0);
      if (w < 120 || h < 80) return;
      const first = size === null;
      size = { w, h };
      clearTimeout(settle);
      if (first) void draw();
      else settle = setTimeout(() => void draw(), RESIZE_SETTLE_MS);
    });
    resize.observe(box);
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.trend !== prev.trend) void draw();
    });

    /** The figures at the pointer's time, from the page's own trend, in words and numbers. */
    const point = (trend: readonly TrendPoint[], at: number): TrendPoint | null => {
      let best: TrendPoint | null = null;
      for (const p of trend) if (!best || Math.abs(p.t - at) < Math.abs(best.t - at)) best = p;
      return best && Math.abs(best.t - at) <= TREND_BUCKET_MS ? best : null;
    };
    const hide = () => {
      readout.hidden = true;
    };
    const follow = (e: PointerEvent) => {
      if (!shown) return hide();
      const rect = box.getBoundingClientRect();
      const grid = cityTrendGrid(shown.w, rtl);
      const plotWidth = rect.width - grid.left - grid.right;
      const x = e.clientX - rect.left;
      if (plotWidth <= 0 || x < grid.left || x > rect.width - grid.right) return hide();
      const trend = store.getState().trend;
      const { min, max } = cityTrendWindow(
        trend.filter((p) => p.t <= shown!.to),
        shown.to,
      );
      const along = (x - grid.left) / plotWidth;
      const p = point(trend, min + (rtl ? 1 - along : along) * (max - min));
      if (!p) return hide();
      const [heading, people, incidents] = readout.children;
      heading!.textContent = f.clock(p.t);
      people!.textContent = `${t('trend.people')} ${f.int(p.occupancy)}`;
      incidents!.textContent = `${t('trend.incidents')} ${f.int(p.openIncidents)}`;
      readout.hidden = false;
      // Beside the pointer, on the side with room.
      const right = x < rect.width / 2;
      readout.style.left = right ? `${x + 12}px` : '';
      readout.style.right = right ? '' : `${rect.width - x + 12}px`;
      readout.style.top = `${grid.top}px`;
    };
    box.addEventListener('pointermove', follow);
    box.addEventListener('pointerleave', hide);

    return () => {
      gone = true;
      asking?.abort();
      clearTimeout(settle);
      clearTimeout(retry);
      unsubscribe();
      resize.disconnect();
      box.removeEventListener('pointermove', follow);
      box.removeEventListener('pointerleave', hide);
    };
  }, [store, t, f, locale, rtl]);

  return (
    <div ref={el} className="chart-canvas trend-chart" role="img" aria-label={t('trend.label')}>
      <div ref={drawingEl} className="trend-drawing" />
      <div ref={readoutEl} className="trend-readout" hidden>
        <strong />
        <span className="trend-readout-people" />
        <span className="trend-readout-incidents" />
      </div>
    </div>
  );
}
