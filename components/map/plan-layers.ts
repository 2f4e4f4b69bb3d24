/**
 * The venue level of the map: the venue's zones as polygons coloured by crowd density
 * (level of service), live flow arrows at the gates, and every sensor as a point coloured
 * by status. Geometry is the venue's published plan in metres around its reference point,
 * drawn with deck.gl's METER_OFFSETS so no reprojection happens in JavaScript. Their words are page text
 * over the canvas (plan-labels.ts).
 */
import { COORDINATE_SYSTEM, type Layer, type PickingInfo } from '@deck.gl/core';
import { PathLayer, PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { PlanPointT } from '@/lib/contracts/payloads.schema';
import { crowdMeasure } from '@/lib/contracts/level-of-service';
import type { SensorLive, ZoneLive } from '@/lib/contracts/stream';
import { LOS_RGB, SENSOR_STATUS_KEY, sensorKindKey, STATUS_RGB, type Formatters } from '@/components/format/format';
import type { Translate } from '@/lib/i18n/translate';
import { STALE_RGB } from './city-layers';
import { keepNothing, type KeepData } from './kept-data';
import {
  gateArrows,
  planRadius,
  sensorDots,
  zoneShapes,
  type GateArrow,
  type PlanView,
  type SensorDot,
  type ZoneShape,
} from './plan-shapes';

type Rgba = [number, number, number, number];
const NO_COUNT: Rgba = [75, 85, 99, 160];
const ENTRY_RGB: Rgba = [56, 189, 248, 255];
const EXIT_RGB: Rgba = [192, 132, 252, 255];
/** Flow (people per minute) drawn with the widest arrow. */
const FLOW_FULL_WIDTH = 300;

export interface PlanLayerOptions {
  live: boolean;
  selectedZone: string | null;
  selectedSensor: string | null;
  pxScale: number;
  /** Keeps each layer's data while nothing drawn from it changed (stage-map's keeper). */
  keep?: KeepData;
}

export function planTooltip(info: PickingInfo, t: Translate, f: Formatters): string | null {
  const o = info.object as ZoneShape | SensorDot | undefined;
  if (!o) return null;
  if ('zone' in o) {
    const z = o.zone;
    const people = t('map.peopleOf', { n: f.int(z.occupancy), of: z.capacity });
    const m = crowdMeasure(z);
    const how = m.measure === 'walkway' ? t('map.los', { los: m.los }) : f.percent(m.percent);
    return `${z.name.en} ${z.name.zh}\n${people} · ${how}`;
  }
  const s = o.sensor;
  const name = s.name ? `${s.name.en} ${s.name.zh}` : t(sensorKindKey(s.kind));
  return `${name} (${s.id})\n${s.value === null ? '—' : f.num(s.value, 2)} ${s.unit} · ${t(SENSOR_STATUS_KEY[s.status])}`;
}

export function planLayers(v: PlanView, o: PlanLayerOptions): Layer[] {
  const common = {
    coordinateSystem: COORDINATE_SYSTEM.METER_OFFSETS,
    coordinateOrigin: [v.summary.lon, v.summary.lat, 0] as [number, number, number],
  };
  const shapes = zoneShapes(v);
  const radius = planRadius(v.plan);
  const dim = (id: string) => o.selectedZone !== null && id !== o.selectedZone;
  const zoneFill = (z: ZoneLive): Rgba => {
    if (!o.live) return [...STALE_RGB, 150];
    if (!z.lastSeen) return NO_COUNT;
    const m = crowdMeasure(z);
    if (m.measure === 'walkway') return [...LOS_RGB[m.los], dim(z.id) ? 70 : 190];
    // Seats and the field: grey, darker as they fill (in tenths: a few more people do not redraw the map);
    // amber only past capacity.
    if (m.over) return [...LOS_RGB.E, dim(z.id) ? 70 : 190];
    const shade = Math.round(190 - 9 * Math.floor(Math.min(100, m.percent) / 10));
    return [shade, shade + 6, shade + 14, dim(z.id) ? 70 : 190];
  };
  const sensorFill = (s: SensorLive): Rgba => {
    const rgb = o.live ? STATUS_RGB[s.status] : STALE_RGB;
    const faded = o.selectedZone !== null && s.zoneId !== o.selectedZone;
    return [...rgb, faded ? 80 : 255];
  };
  const keep = o.keep ?? keepNothing;
  const colour = (c: Rgba) => c.join(',');
  const arrowWidth = (d: GateArrow) => Math.round(2 * (2 + 5 * Math.min(1, d.flow / FLOW_FULL_WIDTH))) / 2;
  // What each layer draws of an item: the same strings keep the same data, and deck.gl redraws nothing.
  // Colours at once; figures and widths that move with the crowd at most once a second (the id alone is urgent).
  // A zone's kind of fill (its level of service, past capacity, no count) at once; a stand's shade as it fills, held.
  const fillKind = (z: ZoneLive) => {
    if (!o.live || !z.lastSeen) return `${o.live}|${Boolean(z.lastSeen)}`;
    const m = crowdMeasure(z);
    return m.measure === 'walkway' ? m.los : String(m.over);
  };
  const zones = keep(
    'plan-zones',
    shapes,
    (d) => `${d.zone.id}|${colour(zoneFill(d.zone))}`,
    (d) => `${d.zone.id}|${fillKind(d.zone)}|${dim(d.zone.id)}`,
  );
  const arrows = keep(
    'plan-gate-flow',
    o.live ? gateArrows(shapes, radius) : [],
    (d) => `${d.zoneId}|${d.kind}|${arrowWidth(d)}`,
    (d) => `${d.zoneId}|${d.kind}`,
  );
  const dots = keep('plan-sensors', sensorDots(v), (d) => `${d.sensor.id}|${colour(sensorFill(d.sensor))}`);
  const selectedSensor = o.selectedSensor ? v.plan.sensors[o.selectedSensor] : undefined;

  return [
    new PolygonLayer<ZoneShape>({
      ...common,
      id: 'plan-zones',
      data: zones,
      getPolygon: (d) => d.outline,
      getFillColor: (d) => zoneFill(d.zone),
      getLineColor: (d) => (d.zone.id === o.selectedZone ? [255, 255, 255, 255] : [7, 12, 22, 255]),
      getLineWidth: (d) => (d.zone.id === o.selectedZone ? 3 : 1),
      lineWidthUnits: 'pixels',
      lineWidthScale: o.pxScale,
      stroked: true,
      filled: true,
      pickable: true,
      updateTriggers: {
        getFillColor: [o.live, o.selectedZone],
        getLineColor: o.selectedZone,
        getLineWidth: o.selectedZone,
      },
    }),
    new PathLayer<GateArrow>({
      ...common,
      id: 'plan-gate-flow',
      data: arrows,
      getPath: (d) => d.path,
      getColor: (d) => (d.kind === 'in' ? ENTRY_RGB : EXIT_RGB),
      getWidth: arrowWidth,
      widthUnits: 'pixels',
      widthScale: o.pxScale,
      jointRounded: true,
      capRounded: true,
    }),
    new ScatterplotLayer<SensorDot>({
      ...common,
      id: 'plan-sensors',
      data: dots,
      getPosition: (d) => d.position,
      getRadius: 4,
      radiusUnits: 'pixels',
      radiusScale: o.pxScale,
      getFillColor: (d) => sensorFill(d.sensor),
      getLineColor: [7, 12, 22, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      pickable: true,
      updateTriggers: { getFillColor: [o.live, o.selectedZone] },
    }),
    new ScatterplotLayer<PlanPointT>({
      ...common,
      id: 'plan-selected-sensor',
      data: keep('plan-selected-sensor', selectedSensor ? [selectedSensor] : [], (d) => d.join(',')),
      getPosition: (d) => d,
      getRadius: 11,
      radiusUnits: 'pixels',
      radiusScale: o.pxScale,
      filled: false,
      stroked: true,
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
    }),
  ];
}
