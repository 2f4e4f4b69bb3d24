'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useMemo, type ReactNode } from 'react';
import type { SessionUser } from '@/lib/contracts/alerts';
import { UserProvider } from '@/components/auth/user-context';
import { StageMapLoader } from '@/components/map/stage-map-loader';
import { SituationProvider, useSituation } from '@/components/store/situation-provider';
import { SparklinesProvider } from '@/components/store/sparklines-provider';
import { useVenue, VenueProvider } from '@/components/store/venue-provider';
import { parseLevel, type Level } from './level';
import { MapLegend } from './map-legend';
import { ShellHeader } from './shell-header';

/** Carries the level and the connection phase of what is on screen, so stale data greys out together. */
function Frame({ level, children }: { level: Level; children: ReactNode }) {
  const cityPhase = useSituation((s) => s.phase);
  const venuePhase = useVenue((s) => s.phase);
  // `?kiosk`: a wall with no controls and no cursor (the URL is the wall's configuration).
  const kiosk = useSearchParams().has('kiosk');
  return (
    <div
      className="shell"
      data-level={level.kind}
      data-phase={level.kind === 'city' ? cityPhase : venuePhase}
      data-kiosk={kiosk ? '' : undefined}
    >
      {children}
    </div>
  );
}

/**
 * Everything that outlives a navigation: the streams, the header and the one map. The
 * level comes from the URL; only the stream of what is on screen is open (the city's at
 * the city level, one venue's below it). Pages supply the panels beside the map.
 */
export function CommandShell({
  basemapUrl,
  user,
  children,
}: {
  basemapUrl?: string | undefined;
  user: SessionUser;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const level = useMemo(() => parseLevel(pathname), [pathname]);
  const venueId = level.kind === 'city' ? null : level.venueId;
  return (
    <UserProvider user={user}>
      <SituationProvider active={level.kind === 'city'}>
        <VenueProvider venueId={venueId}>
          <SparklinesProvider venueId={venueId}>
            <Frame level={level}>
              <ShellHeader level={level} />
              <main className="shell-main">
                <section className="panel map-panel" aria-label={level.kind === 'city' ? 'City map' : 'Venue plan'}>
                  <StageMapLoader level={level} basemapUrl={basemapUrl} />
                  <MapLegend level={level} />
                </section>
                {children}
              </main>
            </Frame>
          </SparklinesProvider>
        </VenueProvider>
      </SituationProvider>
    </UserProvider>
  );
}
