'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, type CSSProperties, type ReactNode } from 'react';
import type { SessionUser } from '@/lib/contracts/alerts';
import type { StreamSnapshot } from '@/lib/contracts/stream';
import { canViewCity } from '@/lib/auth/permissions';
import { roomType } from '@/lib/contracts/room-type';
import { PANELS_OF_VIEW, panelsOf, type ScreenGrid, type WallConfig, type WallViewKind } from '@/lib/contracts/wall';
import { UserProvider } from '@/components/auth/user-context';
import { useT } from '@/components/i18n/i18n-provider';
import { RenderedAt } from '@/components/format/use-now';
import { StageMapLoader } from '@/components/map/stage-map-loader';
import { SituationProvider, useSituation } from '@/components/store/situation-provider';
import { SparklinesProvider } from '@/components/store/sparklines-provider';
import { useVenue, VenueProvider } from '@/components/store/venue-provider';
import { useWatchdog } from '@/components/wall/use-watchdog';
import type { WatchdogBounds } from '@/components/wall/watchdog';
import { parseWallParams, type WallParams } from '@/components/wall/wall-params';
import { parseLevel, type Level } from './level';
import { MapLegend } from './map-legend';
import { ShellHeader } from './shell-header';

/** Carries the level and the connection phase of what is on screen, so stale data greys out together. */
function Frame({
  level,
  view,
  wall,
  panels,
  watchdog,
  children,
}: {
  level: Level;
  view: WallViewKind;
  wall: WallParams;
  panels: readonly string[];
  /** A wall's bounds for reloading itself; null elsewhere (never reload under someone's hands). */
  watchdog: WatchdogBounds | null;
  children: ReactNode;
}) {
  const cityPhase = useSituation((s) => s.phase);
  const venuePhase = useVenue((s) => s.phase);
  useWatchdog(level.kind === 'city' ? cityPhase : venuePhase, watchdog);
  return (
    <div
      className="shell"
      data-level={level.kind}
      data-view={view}
      data-phase={level.kind === 'city' ? cityPhase : venuePhase}
      data-kiosk={wall.kiosk ? '' : undefined}
      data-panels={panels.join(' ')}
      data-screen={wall.screen ? `${wall.screen.index}/${wall.screen.count}` : undefined}
    >
      {children}
    </div>
  );
}

function gridStyle(grid: ScreenGrid | null): CSSProperties | undefined {
  if (!grid) return undefined;
  const rows = grid.areas.length;
  const cols = grid.areas[0]!.trim().split(/\s+/).length;
  return {
    gridTemplateAreas: grid.areas.map((r) => `'${r}'`).join(' '),
    gridTemplateColumns: grid.columns ?? `repeat(${cols}, minmax(0, 1fr))`,
    gridTemplateRows: grid.rows ?? `repeat(${rows}, minmax(0, 1fr))`,
  };
}

const viewOf = (pathname: string, level: Level): WallViewKind =>
  level.kind !== 'city' ? 'venue' : pathname.replace(/\/$/, '') === '/incidents' ? 'incidents' : 'city';

/**
 * Everything that outlives a navigation: the streams, the header and the one map. The
 * level comes from the URL; only the stream of what is on screen is open (the city's at
 * the city level, one venue's below it), except on a wall (`?kiosk` or `?rotate`), which
 * keeps the city's open everywhere so its alarm and rotation hear every venue. Pages
 * supply the panels beside the map; a screen of a multi-screen wall places the ones its
 * configuration names.
 */
export function CommandShell({
  basemapUrl,
  user,
  wallConfig,
  cityPicture,
  renderedAt,
  children,
}: {
  basemapUrl?: string | undefined;
  user: SessionUser;
  wallConfig: WallConfig;
  /** The city as the server saw it when it rendered a city-level page; null elsewhere. */
  cityPicture: StreamSnapshot | null;
  /** The server's clock then (ages in the server's render and the hydration agree). */
  renderedAt: number;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const query = useSearchParams();
  const t = useT();
  const level = useMemo(() => parseLevel(pathname), [pathname]);
  const wall = useMemo(() => parseWallParams(query), [query]);
  const view = viewOf(pathname, level);
  const venueId = level.kind === 'city' ? null : level.venueId;
  const isWall = (wall.kiosk || wall.rotate) && canViewCity(user);

  const screen = wall.screen ? wallConfig.screens[String(wall.screen.count)]?.[wall.screen.index - 1] : undefined;
  const grid = screen ? screen[view] : null;
  const panels = grid ? panelsOf(grid) : PANELS_OF_VIEW[view];
  const showMap = panels.includes('map');

  const { reloadAfterDeadSeconds, maxHeapMb } = wallConfig.watchdog;
  const watchdog = useMemo(
    () =>
      isWall
        ? {
            reloadAfterDeadMs: reloadAfterDeadSeconds * 1000,
            maxHeapBytes: maxHeapMb * 2 ** 20,
            coolDownMs: 10 * 60_000,
          }
        : null,
    [isWall, reloadAfterDeadSeconds, maxHeapMb],
  );

  useEffect(() => {
    document.documentElement.style.setProperty('--wall-scale', String(wall.scale));
  }, [wall.scale]);

  // A named room sizes the words read from its back row (lib/contracts/room-type.ts), on every resize.
  const room = wall.room ? wallConfig.rooms[wall.room] : undefined;
  useEffect(() => {
    if (wall.room && !room) console.error(`?wall=${wall.room}: no such room in the wall's configuration`);
    if (!room) return;
    const root = document.documentElement;
    const apply = () => {
      const type = roomType(room, window.innerWidth, window.innerHeight);
      root.style.setProperty('--type-read', `${type.readFontPx}px`);
      root.style.setProperty('--type-glance', `${type.glanceFontPx}px`);
      root.dataset.room = wall.room!;
    };
    apply();
    window.addEventListener('resize', apply);
    return () => {
      window.removeEventListener('resize', apply);
      delete root.dataset.room;
    };
  }, [room, wall.room]);

  return (
    <RenderedAt.Provider value={renderedAt}>
      <UserProvider user={user}>
        <SituationProvider active={level.kind === 'city' || isWall} initial={cityPicture}>
          <VenueProvider venueId={venueId}>
            <SparklinesProvider venueId={venueId}>
              <Frame level={level} view={view} wall={wall} panels={panels} watchdog={watchdog}>
                <ShellHeader
                  level={level}
                  wall={isWall ? wall : null}
                  rotation={isWall && wall.rotate ? wallConfig.rotation.views : null}
                  screenName={screen?.name ?? null}
                />
                <main className="shell-main" style={gridStyle(grid)}>
                  {showMap ? (
                    <section
                      className="panel map-panel"
                      aria-label={t(level.kind === 'city' ? 'map.city' : 'map.plan')}
                    >
                      <StageMapLoader level={level} basemapUrl={basemapUrl} />
                      <MapLegend level={level} />
                    </section>
                  ) : null}
                  {children}
                </main>
              </Frame>
            </SparklinesProvider>
          </VenueProvider>
        </SituationProvider>
      </UserProvider>
    </RenderedAt.Provider>
  );
}
