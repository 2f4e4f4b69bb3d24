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
