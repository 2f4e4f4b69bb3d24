'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { Translate } from '@/lib/i18n/translate';
import type { Formatters } from '@/components/format/format';
import { useFormat, useLocale, useT } from '@/components/i18n/i18n-provider';
import { Deck, FlyToInterpolator, MapView, type Layer, type PickingInfo } from '@deck.gl/core';
import { levelKey, sensorHref, venueHref, zoneHref, type Level } from '@/components/shell/level';
import { useSituationStore } from '@/components/store/situation-provider';
import type { SituationStore } from '@/components/store/situation-store';
import { useVenueStore } from '@/components/store/venue-provider';
import type { VenueStore } from '@/components/store/venue-store';
import {
  basemapLayers,
  CITY_BOUNDS,
  CORE_BOUNDS,
  INSET_OUTLINE_BOUNDS,
  coreExtent,
  RADIUS_MAX,
  inCore,
  cityOutlines,
  markerRadius,
  CLUSTER_APART_PX,
  venueMarkers,
  venuePoints,
  venueTooltip,
  type CityFeature,
} from './city-layers';
import { clusterExtent, clusterZoom, groupsMemo, venueMarkersOf, type VenueMarker } from './venue-clusters';
import { ClusterCountOverlay, type ClusterCount } from './cluster-count-overlay';
import {
  drawsIn,
  fit,
  flightMs,
  INSET_MARKER_SCALE,
  insetBox,
  MAX_ZOOM,
  type Box,
  type Padding,
  type Target,
} from './camera';
import { planLayers, planTooltip } from './plan-layers';
import { clippedTo, lighterOutlines } from './city-shapes';
import { dataKeeper } from './kept-data';
import { CityNameOverlay } from './city-name-overlay';
import { GeographyUnderlay } from './geography-underlay';
import { planFocus, planRadius, zoneShapes, type SensorDot, type ZoneShape } from './plan-shapes';
import { planLabels } from './plan-labels';
import { PlanLabelOverlay } from './plan-label-overlay';
import { deadline } from '@/components/net/deadline';

export interface StageMapProps {
  level: Level;
  /**
   * Raster tile URL template of a site's own tile server ({z}/{x}/{y}).
   * @default undefined: city outlines from public/geo only, fully offline
   */
  basemapUrl?: string | undefined;
}

/** A number per object, for telling a new plan (a registry change) from the one drawn. */
const identities = new WeakMap<object, number>();
let nextIdentity = 1;
function identity(o: object): number {
  let n = identities.get(o);
  if (n === undefined) identities.set(o, (n = nextIdentity++));
  return n;
}

/**
 * On software GL (no GPU: a thin client, a browser in a VM) a frame costs the page's main thread 0.1-0.3 s
 * (docs/benchmarks.md): what only moves (a marker's size, a zone's density, a gate's flow) is drawn at
 * most this often there, instead of once a second; colours and alarms still at once.
 */
const SOFTWARE_GL_MOVES_MS = 3000;
function drawsInSoftware(info: { gpu: string; gpuType: string; renderer: string }): boolean {
  return (
    info.gpu === 'software' ||
    info.gpuType === 'cpu' ||
    /swiftshader|llvmpipe|softpipe|basic render/i.test(info.renderer)
  );
}

/** The cities' names, in CSS px before the map's scale for its screen (as deck.gl's labels were). */
const CITY_NAME_PX = 15;

/** A plan's labels, in CSS px before the plan's scale (as deck.gl drew them). */
const PLAN_LABEL_PX = 12;

/** A cluster's number, in CSS px before the map's scale: about the size of the cities' names. */
const CLUSTER_COUNT_PX = 13;
/** Never smaller than this in the inset, whose markers are half size. */
const INSET_COUNT_MIN_PX = 12;
/** How far in a click on a cluster zooms at most: its venues apart, with the streets around them. */
const CLUSTER_ZOOM_MAX = 15;

/** A press that moved further than this (px) was a pan, not a tap. */
const TAP_SLOP_PX = 8;

/** Where a tap on a picked object leads: the venue from the city, a zone or sensor from the plan. */
function hrefOf(level: Level, info: PickingInfo): string | null {
  const o = info.object as VenueMarker | ZoneShape | SensorDot | undefined;
  if (!o) return null;
  if (info.layer?.id.startsWith('venues')) {
    const m = o as VenueMarker;
    // A cluster opens by zooming in (stage-map's click handler), not by a page.
    return m.members.length === 1 ? venueHref(m.id) : null;
  }
  if (level.kind === 'city') return null;
  if (info.layer?.id === 'plan-zones') return zoneHref(level.venueId, (o as ZoneShape).zone.id);
  if (info.layer?.id === 'plan-sensors') return sensorHref(level.venueId, (o as SensorDot).sensor.id);
  return null;
}

/**
 * The figures under the pointer, read from the stores now: a layer's data is kept while nothing
 * drawn changed (kept-data.ts), so its objects may hold counts a little older than the store's.
 */
function tooltip(info: PickingInfo, t: Translate, f: Formatters, stores: { city: SituationStore; venue: VenueStore }) {
  const o = info.object as VenueMarker | ZoneShape | SensorDot | undefined;
  if (!o) return null;
  let text: string | null;
  if (info.layer?.id.startsWith('venues')) {
    const p = o as VenueMarker;
    const live = stores.city.getState().live;
    const members = p.members.map((m) => ({ ...m, occupancy: live[m.id]?.occupancy ?? m.occupancy }));
    text = venueTooltip({ ...p, members, occupancy: members.reduce((n, m) => n + m.occupancy, 0) }, t);
  } else {
    const v = stores.venue.getState();
    const p = o as ZoneShape | SensorDot;
    const now =
      'zone' in p ? { ...p, zone: v.zones[p.zone.id] ?? p.zone } : { ...p, sensor: v.sensors[p.sensor.id] ?? p.sensor };
    text = planTooltip({ ...info, object: now }, t, f);
  }
  return text ? { text } : null;
}

/**
 * The one map of the command center, from the whole Games down to a sensor. It lives in
 * the shell, so navigating between levels swaps its layers and flies the camera; the Deck
 * (and its WebGL context) is created once and never remounted.
 */
export default function StageMap({ level, basemapUrl }: StageMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const city = useSituationStore();
  const venue = useVenueStore();
  const router = useRouter();
  const t = useT();
  const f = useFormat();
  const locale = useLocale();
  // The Deck reads the current level, stores, router and language through a ref rather than being rebuilt.
  const current = useRef({ level, city, venue, router, t, f, locale });
  const renderRef = useRef<(() => void) | null>(null);
  // Back to the level's whole view after a person zoomed or panned (a wall must not stay zoomed in). A page
  // control beside the map, not inside it: the map is one image to assistive technology.
  const [moved, setMoved] = useState(false);
  const wholeMapRef = useRef<(() => void) | null>(null);

  useEffect(() => {
    current.current = { level, city, venue, router, t, f, locale };
    renderRef.current?.();
  }, [level, city, venue, router, t, f, locale]);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    // Marks and labels grow with the screen (read from across the room): city markers with the
    // map, which is most of the wall; plan labels with the page's type, as the plan shares the screen.
    // Measured when the map is laid out or resized, never per update.
    const pxScaleNow = () => Math.max(0.75, el.getBoundingClientRect().width / 1920) * 1.6;
    // Never under 13 px for a plan's 12 px labels: a tablet's and a phone's names were 10 px, too small to
    // read at arm's length while walking (a crowded small plan is what two fingers zoom for).
    const planScaleNow = () => Math.max(1.1, (window.innerWidth / 1920) * 1.4);
    let pxScale = pxScaleNow();
    let planScale = planScaleNow();
    // Each layer's data kept while nothing it draws changed: an update that moves nothing visible redraws nothing.
    const keeper = dataKeeper();
    const keep = keeper.keep;
    // The plan's words likewise, kept apart: a label's new figure rewrites a line of text, not the canvas.
    const labelKeeper = dataKeeper();
    /** What else the layers depend on; with it and their data unchanged, the map is not handed new layers. */
    let drawnWith = '';
    let draws = 0;
    /** A render due when changes held back (sizes, figures) may be drawn. */
    let heldRender: ReturnType<typeof setTimeout> | undefined;
    const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    /** How far up from the map's bottom the legend lies over it, px: a phone's covered the Wenzhou venues. */
    const legendOver = () => {
      const legend = el.parentElement?.querySelector('.legend');
      return legend
        ? Math.max(0, Math.round(el.getBoundingClientRect().bottom - legend.getBoundingClientRect().top))
        : 0;
    };
    let legendWas = 0;
    /** `pad` all round, and the legend kept clear at the bottom: what the map fits is never under it. */
    const clearOfLegend = (pad: number): Padding => {
      legendWas = legendOver();
      return { top: pad, right: pad, bottom: pad + legendWas, left: pad };
    };
    const cityTarget = () => fit(el.getBoundingClientRect(), [...CITY_BOUNDS], clearOfLegend(16))!;
    /** The outlines for the main map (lighter) and for the inset (cut to the core); see city-shapes.ts. */
    let cities: CityFeature[] = [];
    let coreCities: CityFeature[] = [];
    /** A site's basemap, once loaded: a tile layer for the main map and one for the inset. */
    let basemap: { main: Layer; inset: Layer } | null = null;
    let flownTo: string | null = null;
    // The inset (Hangzhou's core enlarged) at the city level: its box, the DOM frame that titles it.
    let inset: Box | null = null;
    // Its frame and title over the canvas; its ground under it, seen where the inset view clears the main map.
    const frame = document.createElement('div');
    frame.className = 'map-inset-frame';
    frame.hidden = true;
    // On its own ground, so no cluster's number in the inset runs into it.
    const frameTitle = document.createElement('span');
    frameTitle.className = 'map-inset-title';
    frame.append(frameTitle);
    const ground = document.createElement('div');
    ground.className = 'map-inset-ground';
    ground.hidden = true;
    // The cities under the canvas (geography-underlay.ts): the main map's, and the inset's on its ground.
    const underlay = new GeographyUnderlay();
    const insetUnderlay = new GeographyUnderlay();
    ground.appendChild(insetUnderlay.svg);
    /** The map's box changed (a panel appeared beside it, a tablet turned) and nobody moved the camera: fit again. */
    let refit = false;
    let userMoved = false;
    /** The camera goes back to the level's view by flying there (the reset button), not by a jump. */
    let flyBack = false;
    /** Camera moves so far, and the one flying now (0: none). */
    let moves = 0;
    let flying = 0;
    /** The inset's camera: Hangzhou's core fitted to its box (worked out when the box changes). */
    let insetView: Target | null = null;
    /** The zooms the main map's and the inset's venues are grouped at (venue-clusters.ts). */
    let mainZoom = cityTarget().zoom;
    let insetZoom = 0;
    /** Each view's groups, worked out again only for a new zoom, size or registry. */
    const mainGroups = groupsMemo();
    const insetGroups = groupsMemo();
    let laidOut = { width: 0, height: 0 };

    const mainView = new MapView({ id: 'main', repeat: false, controller: { dragRotate: false, touchRotate: false } });
    const viewsFor = (box: Box | null) =>
      box ? [mainView, new MapView({ id: 'inset', ...box, controller: false, clear: true })] : [mainView];
    const deck = new Deck<MapView[]>({
      parent: el,
      views: viewsFor(null),
      initialViewState: { main: { ...cityTarget(), minZoom: 5, maxZoom: MAX_ZOOM } },
      layerFilter: ({ layer, viewport }) => drawsIn(viewport.id, layer.id),
      // One finger scrolls the page up and down on a tablet; two fingers pinch the map.
      touchAction: 'pan-y',
      getTooltip: (info) => tooltip(info, current.current.t, current.current.f, current.current),
      onDeviceInitialized: (device) => {
        const software = drawsInSoftware(device.info);
        el.dataset.gl = software ? 'software' : 'gpu';
        if (software) {
          keeper.holdMovesFor(SOFTWARE_GL_MOVES_MS);
          labelKeeper.holdMovesFor(SOFTWARE_GL_MOVES_MS);
        }
      },
      // Frames drawn, for the browser test that the map draws on change only.
      onAfterRender: () => {
        el.dataset.draws = String(++draws);
        // The cities under the canvas follow the frame just drawn (a flight, a pan, a resize).
        const viewports = deck.getViewports();
        underlay.follow(viewports.find((v) => v.id === 'main'));
        names.follow(
          viewports.find((v) => v.id === 'main'),
          inset,
        );
        if (inset) insetUnderlay.follow(viewports.find((v) => v.id === 'inset'));
        planNames.follow(viewports.find((v) => v.id === 'main'));
        counts.follow(
          viewports.find((v) => v.id === 'main'),
          viewports.find((v) => v.id === 'inset'),
          inset,
        );
      },
      onViewStateChange: ({ viewId, viewState, interactionState }) => {
        if (viewId !== 'main') return;
        if (interactionState.isDragging || interactionState.isPanning || interactionState.isZooming) {
          userMoved = true;
          showReset();
        }
        const zoom = (viewState as Target).zoom;
        el.dataset.zoom = zoom.toFixed(2);
        // A person zooming: the clusters open or close at each half level. (A flight sets its end's zoom as it starts.)
        if (!interactionState.inTransition && clusterZoom(zoom) !== clusterZoom(mainZoom)) {
          mainZoom = zoom;
          if (current.current.level.kind === 'city') queueMicrotask(render);
        } else if (!interactionState.inTransition) mainZoom = zoom;
      },
      style: { position: 'absolute', inset: '0' },
    });
    // The cities' names as page text, in the page's language and fonts (city-name-overlay.ts).
    const names = new CityNameOverlay();
    // A plan's words over the canvas, on top of everything drawn (plan-label-overlay.ts).
    const planNames = new PlanLabelOverlay();
    // How many venues each cluster stands for, over its marker (cluster-count-overlay.ts).
    const counts = new ClusterCountOverlay();
    const showReset = () => setMoved(userMoved);
    wholeMapRef.current = () => {
      refit = true;
      flyBack = true;
      render();
    };
    // The core's frame on the main map, kept in the layer list while the inset is away (a wall's map changes size
    // as venues come to need someone, and the inset with it): a layer that leaves takes its compiled program with
    // it, and compiling it again stalled software GL's frames for about 2 s each time it came back.
    const extent = coreExtent();
    const extentAway = extent.clone({ visible: false });
    el.append(counts.element, planNames.element, frame);
    el.prepend(underlay.svg, ground);
    /**
     * The names under the canvas, over the cities, so a marker (a venue's status) is never hidden by one;
     * over a site's basemap, which the canvas draws and would hide them, above it.
     */
    const placeNames = (overBasemap: boolean) => {
      if (overBasemap && names.element.nextSibling !== frame) frame.before(names.element);
      else if (!overBasemap && names.element.previousSibling !== ground) ground.after(names.element);
    };

    /** Shows the inset in this box (or hides it), with its frame and ground; the layers follow on the next render. */
    const placeInset = (box: Box | null) => {
      if (JSON.stringify(box) === JSON.stringify(inset)) return;
      inset = box;
      insetView = inset ? fit(inset, [...CORE_BOUNDS], 12)! : null;
      if (insetView) insetZoom = insetView.zoom;
      deck.setProps({ views: viewsFor(inset) });
      for (const part of [frame, ground]) {
        part.hidden = !inset;
        if (inset)
          Object.assign(part.style, {
            left: `${inset.x}px`,
            top: `${inset.y}px`,
            width: `${inset.width}px`,
            height: `${inset.height}px`,
          });
      }
      // Drawn again with the core's frame on the main map, or without it.
      queueMicrotask(render);
    };

    const render = () => {
      const { level: lv, city: cityStore, venue: venueStore, locale, t, f } = current.current;
      // Below the city the whole map is the plan.
      if (lv.kind !== 'city') placeInset(null);
      const key = levelKey(lv);
      const overBasemap = basemap !== null;
      names.show(lv.kind === 'city', CITY_NAME_PX * pxScale, locale);
      placeNames(overBasemap);
      // Without a basemap the cities are SVG under the canvas; over one, outlines in deck.gl above its tiles.
      const layers: (Layer | null)[] = [basemap?.main ?? null];
      if (overBasemap) {
        layers.push(cityOutlines(cities, { overBasemap, stroked: true }));
        underlay.hide();
        insetUnderlay.hide();
      } else {
        underlay.show(cities, lv.kind === 'city');
        insetUnderlay.show(coreCities, true);
      }
      if (!inset) layers.push(extentAway);
      // The camera's target is worked out (and the element measured) only when the level changes.
      const arriving = flownTo !== key || refit;
      let target: Target | null = null;
      if (lv.kind === 'city') {
        const s = cityStore.getState();
        const live = s.phase === 'live';
        if (arriving) {
          target = cityTarget();
          mainZoom = target.zoom;
        }
        // Venues too close to tell apart at this zoom are one marker with their number (venue-clusters.ts).
        const points = venuePoints(s);
        const main = venueMarkersOf(points, mainGroups(points, clusterZoom(mainZoom), CLUSTER_APART_PX * pxScale));
        layers.push(venueMarkers(main, { live, pxScale, keep }));
        // The cities' names keep clear of the markers drawn over them (their outline ring included).
        names.avoid(main.map((m) => ({ position: m.position, radiusPx: (markerRadius(m) + 2) * pxScale })));
        const insetScale = pxScale * INSET_MARKER_SCALE;
        const inInset = inset
          ? venueMarkersOf(points, insetGroups(points, clusterZoom(insetZoom), CLUSTER_APART_PX * insetScale))
          : [];
        if (inset)
          layers.push(
            basemap?.inset ?? null,
            extent,
            overBasemap ? cityOutlines(coreCities, { overBasemap, stroked: true, id: 'cities-inset' }) : null,
            venueMarkers(inInset, { id: 'venues-inset', live, pxScale: insetScale, keep }),
          );
        const countOf = (view: ClusterCount['view']) => (m: VenueMarker) =>
          m.members.length > 1
            ? [
                {
                  key: `${view}|${m.id}`,
                  view,
                  position: m.position,
                  text: f.int(m.members.length),
                  // Dark figures on a bright marker (what is wrong), light on a grey one.
                  tone: live ? m.worst : 'stale',
                },
              ]
            : [];
        counts.show(
          [...main.flatMap(countOf('main')), ...inInset.flatMap(countOf('inset'))],
          CLUSTER_COUNT_PX * pxScale,
          Math.max(INSET_COUNT_MIN_PX, CLUSTER_COUNT_PX * insetScale),
        );
        el.dataset.clusters = String(main.filter((m) => m.members.length > 1).length);
        const n = s.venueOrder.filter((id) => {
          const v = s.venues[id];
          return v !== undefined && inCore([v.lon, v.lat]);
        }).length;
        const title = current.current.t('map.coreInset', { n });
        if (frameTitle.textContent !== title) frameTitle.textContent = title;
      } else {
        counts.show(null, 0, 0);
        const s = venueStore.getState();
        if (s.summary) {
          const view = { ...s, summary: s.summary };
          const selectedZone = lv.kind === 'zone' ? lv.zoneId : null;
          layers.push(
            ...planLayers(view, {
              live: s.phase === 'live',
              selectedZone,
              selectedSensor: lv.kind === 'sensor' ? lv.sensorId : null,
              pxScale: planScale,
              keep,
            }),
          );
          const labels = planLabels(zoneShapes(view), {
            origin: s.summary,
            radius: planRadius(s.plan),
            live: s.phase === 'live',
            selectedZone,
            locale,
            t,
            f,
          });
          planNames.show(
            labelKeeper.keep(
              'plan-labels',
              labels,
              (l) => `${l.id}|${l.rank}|${l.at.join(',')}|${l.lines.join('/')}`,
              // A new language at once; a figure that moved with the crowd at most once a second.
              (l) => `${l.id}|${l.rank}|${l.at.join(',')}|${locale}`,
            ),
            PLAN_LABEL_PX * planScale,
          );
          const focus =
            lv.kind === 'zone' ? { zoneId: lv.zoneId } : lv.kind === 'sensor' ? { sensorId: lv.sensorId } : {};
          if (arriving)
            target = fit(
              el.getBoundingClientRect(),
              planFocus(view, focus),
              clearOfLegend(lv.kind === 'venue' ? 24 : 80),
            );
        }
      }
      // deck.gl draws a frame for every new layer list: hand it one only when something drawn changed.
      const dataChanged = keeper.takeChanged();
      const live = (lv.kind === 'city' ? cityStore.getState().phase : venueStore.getState().phase) === 'live';
      const plan = lv.kind === 'city' ? 0 : identity(venueStore.getState().plan);
      const withNow = [key, live, plan, pxScale, planScale, basemap !== null, cities.length, layers.length].join('|');
      if (dataChanged || withNow !== drawnWith || arriving) deck.setProps({ layers });
      drawnWith = withNow;
      if (lv.kind === 'city' || !venueStore.getState().summary) planNames.show(null, PLAN_LABEL_PX * planScale);
      const heldFor = [keeper.takeHeldFor(), labelKeeper.takeHeldFor()].reduce<number | null>(
        (a, b) => (a === null ? b : b === null ? a : Math.min(a, b)),
        null,
      );
      if (heldFor !== null && heldRender === undefined) {
        heldRender = setTimeout(() => {
          heldRender = undefined;
          render();
        }, heldFor);
      }
      if (target && arriving) {
        const { width, height } = el.getBoundingClientRect();
        // The first view of a page is placed at once; every later one is flown to.
        // A refit while a flight is under way (the wall's layout changes with the level, so the map's box does as
        // the camera leaves) flies on to the new view from where the camera is, rather than jumping there.
        const flies =
          flownTo !== null && (flownTo !== key || flyBack || flying !== 0) && !reducedMotion && deck.isInitialized;
        const from = flies
          ? (deck.getViewports().find((v) => v.id === 'main') as unknown as Target | undefined)
          : undefined;
        const flight = from ? flightMs(from, target, width, height) : 0;
        const fly = flight > 0;
        flownTo = key;
        refit = false;
        flyBack = false;
        userMoved = false;
        showReset();
        // The inset only at the city level, placed for this size of map.
        if (lv.kind === 'city') placeInset(insetBox(width, height, target, RADIUS_MAX * pxScale));
        moveCamera(target, fly ? flight : 0);
        el.dataset.level = key;
      }
    };
    /** The main camera to `target`, flown for `flightMs` (0: placed at once); the inset stays on the core. */
    const moveCamera = (target: Target, flight: number) => {
      // This move's number: a flight it interrupts reports its end after this one has begun.
      const move = ++moves;
      const arrived = () => {
        if (move !== moves) return;
        flying = 0;
        el.dataset.settled = 'true';
      };
      deck.setProps({
        initialViewState: {
          ...(insetView ? { inset: { ...insetView, minZoom: 5, maxZoom: MAX_ZOOM } } : {}),
          main: {
            ...target,
            pitch: 0,
            bearing: 0,
            minZoom: 5,
            maxZoom: MAX_ZOOM,
            ...(flight > 0
              ? {
                  transitionDuration: flight,
                  transitionInterpolator: new FlyToInterpolator(),
                  onTransitionEnd: arrived,
                  onTransitionInterrupt: arrived,
                }
              : {}),
          },
        },
      });
      // Whether the camera has arrived: screenshots and tests wait for it.
      flying = flight > 0 ? move : 0;
      el.dataset.settled = String(flight === 0);
      el.dataset.zoom = target.zoom.toFixed(2);
    };
    /** A cluster clicked: the camera flies in around its venues, which open up as it arrives. */
    const openCluster = (marker: VenueMarker) => {
      const box = el.getBoundingClientRect();
      const around = fit(box, clusterExtent(marker), Math.min(box.width, box.height) / 4);
      if (!around) return;
      const to = { ...around, zoom: Math.min(around.zoom, CLUSTER_ZOOM_MAX) };
      const from = deck.getViewports().find((v) => v.id === 'main') as unknown as Target | undefined;
      userMoved = true;
      showReset();
      mainZoom = to.zoom;
      moveCamera(to, from && !reducedMotion ? flightMs(from, to, box.width, box.height) : 0);
      render();
    };
    renderRef.current = render;

    // A tap or click on a marker, zone or sensor drills down to it. Handled here rather than by
    // deck's click recogniser, which never reported clicks in this setup (deck.gl 9.4). A press
    // that moved is a pan. No time limit: on a loaded wall PC a quick click can take 0.5 s.
    let press: { x: number; y: number } | null = null;
    const onPointerDown = (e: PointerEvent) => {
      press = e.isPrimary ? { x: e.clientX, y: e.clientY } : null;
    };
    const onPointerUp = (e: PointerEvent) => {
      const p = press;
      press = null;
      if (!p || !e.isPrimary || Math.hypot(e.clientX - p.x, e.clientY - p.y) > TAP_SLOP_PX) return;
      const box = el.getBoundingClientRect();
      const info = deck.pickObject({ x: e.clientX - box.left, y: e.clientY - box.top, radius: 6 });
      const cluster = info?.layer?.id.startsWith('venues') ? (info.object as VenueMarker | undefined) : undefined;
      if (cluster && cluster.members.length > 1) return openCluster(cluster);
      const href = info ? hrefOf(current.current.level, info) : null;
      if (href) current.current.router.push(href);
    };
    el.addEventListener('pointerdown', onPointerDown);
    el.addEventListener('pointerup', onPointerUp);

    const controller = new AbortController();
    let outlineRetry: ReturnType<typeof setTimeout> | undefined;
    const loadOutlines = () =>
      fetch('/geo/zhejiang.geojson', { signal: deadline(controller.signal) })
        .then((r) =>
          r.ok
            ? (r.json() as Promise<GeoJSON.FeatureCollection<GeoJSON.MultiPolygon, CityFeature['properties']>>)
            : Promise.reject(new Error(String(r.status))),
        )
        .then((g) => {
          cities = lighterOutlines(g.features);
          coreCities = clippedTo(g.features, INSET_OUTLINE_BOUNDS);
          render();
        })
        .catch(() => {
          // The venues still draw without outlines meanwhile; a wall up for weeks gets them once the server answers.
          if (!controller.signal.aborted) outlineRetry = setTimeout(loadOutlines, 15_000);
        });
    void loadOutlines();
    if (basemapUrl) {
      void basemapLayers(basemapUrl).then((loaded) => {
        basemap = loaded;
        render();
      });
    }
    const resize = new ResizeObserver(() => {
      const { width, height } = el.getBoundingClientRect();
      if (laidOut.width > 0 && (width !== laidOut.width || height !== laidOut.height) && !userMoved) refit = true;
      // The legend grew or shrank over the map (another language, a wrap): fit again, clear of it.
      if (laidOut.width > 0 && legendOver() !== legendWas && !userMoved) refit = true;
      laidOut = { width, height };
      pxScale = pxScaleNow();
      planScale = planScaleNow();
      render();
    });
    resize.observe(el);
    const legend = el.parentElement?.querySelector('.legend');
    if (legend) resize.observe(legend);
    render();
    return () => {
      renderRef.current = null;
      wholeMapRef.current = null;
      el.removeEventListener('pointerdown', onPointerDown);
      el.removeEventListener('pointerup', onPointerUp);
      controller.abort();
      clearTimeout(outlineRetry);
      clearTimeout(heldRender);
      resize.disconnect();
      deck.finalize();
      names.element.remove();
      planNames.element.remove();
      counts.element.remove();
    };
  }, [basemapUrl]);

  // Redraw when what the current level shows changes; each store is read only while on screen.
  useEffect(
    () =>
      city.subscribe((s, prev) => {
        if (current.current.level.kind !== 'city') return;
        if (
          s.live !== prev.live ||
          s.venueOrder !== prev.venueOrder ||
          s.phase !== prev.phase ||
          s.alerts !== prev.alerts
        )
          renderRef.current?.();
      }),
    [city],
  );
  useEffect(
    () =>
      venue.subscribe((s, prev) => {
        if (current.current.level.kind === 'city') return;
        if (
          s.zones !== prev.zones ||
          s.sensors !== prev.sensors ||
          s.plan !== prev.plan ||
          s.summary !== prev.summary ||
          s.phase !== prev.phase
        )
          renderRef.current?.();
      }),
    [venue],
  );

  return (
    <>
      <div
        ref={container}
        className="map-canvas"
        role="img"
        aria-label={t(level.kind === 'city' ? 'map.cityLabel' : 'map.planLabel')}
      />
      <button type="button" className="map-reset" hidden={!moved} onClick={() => wholeMapRef.current?.()}>
        {t('map.resetView')}
      </button>
    </>
  );
}
