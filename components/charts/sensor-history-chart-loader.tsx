'use client';

import dynamic from 'next/dynamic';
import type { SensorHistoryChartProps } from './sensor-history-chart';

/** ECharts draws on a canvas: load it in the browser only. */
export const SensorHistoryChartLoader = dynamic<SensorHistoryChartProps>(() => import('./sensor-history-chart'), {
  ssr: false,
  loading: () => <div className="sensor-history-canvas" />,
});
