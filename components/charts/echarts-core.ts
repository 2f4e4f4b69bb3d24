/** ECharts, tree-shaken: only what the wall draws is registered, once, here. */
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  type GridComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type WallChartOption = echarts.ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption>;
export { echarts };
