'use client';

import { useEffect, useRef, useState } from 'react';
import type { SensorHistory } from '@/lib/contracts/stream';
import { formatHm } from '@/components/format/format';
import { useVenueStore } from '@/components/store/venue-provider';
import { echarts, type WallChartOption } from './echarts-core';

const WINDOW_MS = 60 * 60_000;

export interface SensorHistoryChartProps {
  venueId: string;
  sensorId: string;
}

/** Per-minute means over the last hour, as the server keeps them. */
interface Bucket {
  t: number;
  sum: number;
  n: number;
}

/**
 * A sensor's last 60 minutes: the server's history, then the live readings from the
 * venue stream folded into the same per-minute buckets, so it continues without refetching.
 */
export default function SensorHistoryChart({ venueId, sensorId }: SensorHistoryChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const store = useVenueStore();
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [minutes, setMinutes] = useState(0);

  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const unit = store.getState().sensors[sensorId]?.unit ?? '';
    chart.setOption<WallChartOption>({
      animation: false,
      grid: { left: 56, right: 16, top: 24, bottom: 28 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'time', axisLabel: { color: '#94a3b8', formatter: (v: number) => formatHm(v) } },
      yAxis: {
        type: 'value',
        scale: true,
        name: unit,
        nameTextStyle: { color: '#94a3b8' },
        axisLabel: { color: '#94a3b8' },
        splitLine: { lineStyle: { color: 'rgba(148,163,184,0.15)' } },
      },
      series: [{ id: 'history', type: 'line', showSymbol: false, lineStyle: { width: 3, color: '#38bdf8' }, data: [] }],
    });

    let buckets: Bucket[] = [];
    let bucketMs = 60_000;
    let lastTs = 0;
    const draw = () => {
      const newest = buckets.at(-1)?.t ?? Date.now();
      chart.setOption<WallChartOption>(
        {
          xAxis: { min: newest - WINDOW_MS, max: newest + bucketMs },
          series: [{ id: 'history', data: buckets.map((b) => [b.t, b.sum / b.n]) }],
        },
        { lazyUpdate: true },
      );
      setMinutes(buckets.length);
    };
    const addReading = (ts: number, value: number) => {
      const t = Math.floor(ts / bucketMs) * bucketMs;
      const last = buckets.at(-1);
      if (last && last.t === t) {
        last.sum += value;
        last.n += 1;
      } else if (!last || t > last.t) {
        buckets.push({ t, sum: value, n: 1 });
        buckets = buckets.filter((b) => b.t > t - WINDOW_MS);
      }
    };

    const controller = new AbortController();
    let unsubscribe = () => {};
    fetch(`/api/venues/${encodeURIComponent(venueId)}/sensors/${encodeURIComponent(sensorId)}/history`, {
      signal: controller.signal,
    })
      .then((r) => (r.ok ? (r.json() as Promise<SensorHistory>) : Promise.reject(new Error(String(r.status)))))
      .then((h) => {
        bucketMs = h.bucketMs;
        buckets = h.points.map(([t, v]) => ({ t, sum: v, n: 1 }));
        lastTs = store.getState().sensors[sensorId]?.ts ?? 0;
        setStatus('ready');
        draw();
        // Continue live from the venue stream.
        unsubscribe = store.subscribe((s) => {
          const sensor = s.sensors[sensorId];
          if (!sensor || sensor.value === null || sensor.ts <= lastTs) return;
          lastTs = sensor.ts;
          addReading(sensor.ts, sensor.value);
          draw();
        });
      })
      .catch((e: unknown) => {
        if ((e as Error).name !== 'AbortError') setStatus('error');
      });

    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el.current);
    return () => {
      controller.abort();
      unsubscribe();
      resize.disconnect();
      chart.dispose();
    };
  }, [store, venueId, sensorId]);

  return (
    <div className="sensor-history">
      <p className="muted" aria-live="polite">
        {status === 'loading'
          ? 'Loading history…'
          : status === 'error'
            ? 'History unavailable'
            : `${minutes} minute${minutes === 1 ? '' : 's'} of history, per-minute means, live`}
      </p>
      <div
        ref={el}
        className="sensor-history-canvas"
        role="img"
        aria-label={`History of ${sensorId}, last 60 minutes`}
      />
    </div>
  );
}
