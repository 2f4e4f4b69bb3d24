/**
 * ECharts, tree-shaken: only what the wall draws is registered, once, here. Named imports, not the
 * `echarts/core` namespace: re-exporting the namespace keeps all of core's helpers (4 KB compressed).
 */
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  type GridComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use as register, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

register([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type WallChartOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption>;
export { init as initChart };

/**
 * An axis option whose tooltip heading writes the pointed time as the page does (Games time, the reader's
 * language): ECharts' own heading was a full date in the browser's zone ("2026-12-02 11:54:20" beside a wall
 * clock reading 19:54).
 */
export const timeHeading = (write: (t: number) => string) => ({
  axisPointer: { label: { formatter: (p: { value: unknown }) => write(Number(p.value)) } },
});
