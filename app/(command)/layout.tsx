import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import { readServerEnv } from '@/lib/server/env';
import { pagePicture } from '@/lib/server/city-picture';
import { pageUser } from '@/lib/server/page-auth';
import { PAGE_PATH_HEADER } from '@/lib/server/page-path';
import { readWallConfig } from '@/lib/server/wall-config';
import { CommandShell } from '@/components/shell/command-shell';
import { parseLevel } from '@/components/shell/level';

export const dynamic = 'force-dynamic';

/** City, venue, zone and sensor pages share this layout, so the map and streams survive navigation. */
export default async function CommandLayout({ children }: { children: ReactNode }) {
  const user = await pageUser();
  // Only what the browser may see leaves the server.
  const { basemapUrl, wallConfigFile } = readServerEnv();
  // A city-level page arrives with the city's picture in it, so its first paint has the figures
  // (the stream takes over once the scripts run). Only this layout's first render needs it: a
  // navigation inside it keeps the layout, and a venue page does not need the city's bytes.
  const pathname = ((await headers()).get(PAGE_PATH_HEADER) ?? '/').split('?')[0]!;
  const { cityPicture, renderedAt } = pagePicture(user, parseLevel(pathname).kind === 'city');
  return (
    <CommandShell
      basemapUrl={basemapUrl}
      user={user}
      wallConfig={readWallConfig(wallConfigFile)}
      cityPicture={cityPicture}
      renderedAt={renderedAt}
    >
      {children}
    </CommandShell>
  );
}
