'use client';

import { useEffect, useRef, useState } from 'react';
import { useFormat, useLocale, useT } from '@/components/i18n/i18n-provider';
import { localeInfo } from '@/lib/i18n/locales';
import { useVenueStore } from '@/components/store/venue-provider';
import type { VenueState } from '@/components/store/venue-store';
import { initChart, timeHeading, type WallChartOption } from './echarts-core';
import { brokenAtGaps, maxStepMs } from '@/lib/charts/line-gaps';
import { deadline } from '@/components/net/deadline';

/** How far back a chart looks: the live hour from the server's rings, or a span stored in the database. */
export type HistorySpan = 'hour' | 'day' | 'games';
export const HISTORY_SPANS: readonly HistorySpan[] = ['hour', 'day', 'games'];
/** The Games ran 16 days. */
export const SPAN_MS: Record<HistorySpan, number> = { hour: 3600_000, day: 24 * 3600_000, games: 16 * 24 * 3600_000 };
/** A stored span is fetched again this often (its newest bucket fills as the minutes are written). */
const STORED_REFRESH_MS = 60_000;

export interface HistoryChartProps {
  /** Answers `{ bucketMs, points: [t, mean][] }`: the server's bounded history. */
  url: string;
  /** What the chart shows, for screen readers and tests. */
  label: string;
  unit: string;
  /** The newest sample in the venue store, [time, value], to continue the line live. */
  live: (s: VenueState) => readonly [number, number] | null;
  /** A horizontal reference line, e.g. the zone's capacity. */
  limit?: { value: number; label: string } | undefined;
  /** @default 'hour' */
  span?: HistorySpan;
  /** After how long without a sample the source counts as silent (a sensor: 3 of its intervals); the line breaks there. */
  silentAfterMs?: number | undefined;
}

/** Means over fixed buckets, as the server keeps them. */
interface Bucket {
  t: number;
  sum: number;
  n: number;
}

/**
 * The last 60 minutes of a sensor or zone: the server's history, then live samples from
 * the venue stream folded into the same buckets, so it continues without refetching. A longer
 * span (a day, the Games) comes from the database, downsampled, and is fetched again each minute.
 */
export default function HistoryChart({
  url,
  label,
  unit,
  live,
  limit,
  span = 'hour',
  silentAfterMs,
}: HistoryChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const store = useVenueStore();
  const t = useT();
  const f = useFormat();
  // Right to left (Arabic): time runs leftwards and the scale stands on the right.
  const rtl = localeInfo(useLocale()).dir === 'rtl';
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [minutes, setMinutes] = useState(0);
  const [bucketS, setBucketS] = useState(60);
  const [points, setPoints] = useState(0);
  // The selector is read through a ref: a new function each render must not refetch.
  const liveRef = useRef(live);
  useEffect(() => {
    liveRef.current = live;
  }, [live]);
  const limitValue = limit?.value;
  const limitLabel = limit?.label;

  useEffect(() => {
    if (!el.current) return;
    const chart = initChart(el.current, undefined, { renderer: 'canvas' });
    const windowMs = SPAN_MS[span];
    const stored = span !== 'hour';
    // Type follows the page's (which scales with the screen): legible on a 4K wall too.
    const base = Math.round(parseFloat(getComputedStyle(document.documentElement).fontSize) * 0.85);
    chart.setOption<WallChartOption>({
      animation: false,
      // The page's own faces, so every language's script draws on the canvas too.
      textStyle: { fontFamily: getComputedStyle(el.current).fontFamily, fontSize: base },
      grid: {
        left: rtl ? base * 1.5 : base * 4.5,
        right: rtl ? base * 4.5 : base * 1.5,
        top: base * 2,
        bottom: base * 2,
      },
      // A mean of a bucket, written as the page writes a reading; a break in the line is no reading.
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${f.num(v, 2)} ${unit}` : '–') },
      xAxis: {
        type: 'time',
        inverse: rtl,
        ...timeHeading((t) => (span === 'games' ? `${f.dayMonth(t)} ${f.hm(t)}` : f.clock(t))),
        axisLabel: {
          color: '#94a3b8',
          fontSize: base,
          formatter: (v: number) => (span === 'games' ? f.dayMonth(v) : f.hm(v)),
        },
      },
      yAxis: {
        type: 'value',
        scale: true,
        name: unit,
        position: rtl ? 'right' : 'left',
        nameTextStyle: { color: '#94a3b8', fontSize: base },
        axisLabel: { color: '#94a3b8', fontSize: base },
        splitLine: { lineStyle: { color: 'rgba(148,163,184,0.15)' } },
      },
      series: [
        {
          id: 'history',
          type: 'line',
          showSymbol: false,
          lineStyle: { width: 3, color: '#38bdf8' },
          data: [],
          ...(limitValue !== undefined
            ? {
                markLine: {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: '#fbbf24', type: 'dashed', width: 2 },
                  label: { color: '#fbbf24', fontSize: base, formatter: limitLabel ?? '' },
                  data: [{ yAxis: limitValue }],
                },
              }
            : {}),
        },
      ],
    });

    let buckets: Bucket[] = [];
    let bucketMs = 60_000;
    let lastT = 0;
    const draw = () => {
      const newest = stored ? Date.now() : (buckets.at(-1)?.t ?? Date.now());
      chart.setOption<WallChartOption>(
        {
          xAxis: { min: newest - windowMs, max: newest + (stored ? 0 : bucketMs) },
          series: [
            {
              id: 'history',
              data: brokenAtGaps(
                buckets.map((b) => [b.t, b.sum / b.n] as const),
                maxStepMs(bucketMs, silentAfterMs),
              ),
            },
          ],
        },
        { lazyUpdate: true },
      );
      setMinutes(Math.round((buckets.length * bucketMs) / 60_000));
      setPoints(buckets.length);
    };
    const add = (ts: number, value: number) => {
      const t = Math.floor(ts / bucketMs) * bucketMs;
      const last = buckets.at(-1);
      if (last && last.t === t) {
        last.sum += value;
        last.n += 1;
      } else if (!last || t > last.t) {
        buckets.push({ t, sum: value, n: 1 });
        buckets = buckets.filter((b) => b.t > t - windowMs);
      }
    };

    const controller = new AbortController();
    let unsubscribe = () => {};
    let refresh: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      const now = Date.now();
      return fetch(stored ? `${url}?from=${now - windowMs}&to=${now}` : url, { signal: deadline(controller.signal) })
        .then((r) =>
          r.ok
            ? (r.json() as Promise<{ bucketMs: number; points: [number, number][] }>)
            : Promise.reject(new Error(String(r.status))),
        )
        .then((h) => {
          bucketMs = h.bucketMs;
          setBucketS(Math.round(bucketMs / 1000));
          buckets = h.points.map(([t, v]) => ({ t, sum: v, n: 1 }));
          setStatus('ready');
          draw();
        });
    };
    const failed = (e: unknown) => {
      if ((e as Error).name !== 'AbortError') setStatus('error');
    };
    if (stored) {
      const again = () => {
        refresh = setTimeout(() => void load().then(again, failed), STORED_REFRESH_MS);
      };
      load().then(again, failed);
    } else {
      load()
        .then(() => {
          lastT = liveRef.current(store.getState())?.[0] ?? 0;
          unsubscribe = store.subscribe((s) => {
            const sample = liveRef.current(s);
            if (!sample || sample[0] <= lastT) return;
            lastT = sample[0];
            add(sample[0], sample[1]);
            draw();
          });
        })
        .catch(failed);
    }

    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el.current);
    return () => {
      controller.abort();
      clearTimeout(refresh);
      unsubscribe();
      resize.disconnect();
      chart.dispose();
    };
  }, [store, url, unit, limitValue, limitLabel, f, span, rtl, silentAfterMs]);

  return (
    <div className="history">
      <p className="muted" aria-live="polite">
        {status === 'loading'
          ? t('history.loading')
          : status === 'error'
            ? t('history.unavailable')
            : span !== 'hour'
              ? t('history.summaryStored', { points, minutes: Math.round(bucketS / 60) })
              : t(bucketS === 60 ? 'history.summaryMinute' : 'history.summarySeconds', { minutes, seconds: bucketS })}
      </p>
      <div ref={el} className="history-canvas" role="img" aria-label={label} />
    </div>
  );
}
