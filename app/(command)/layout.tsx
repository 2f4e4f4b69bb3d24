import type { ReactNode } from 'react';
import { readServerEnv } from '@/lib/server/env';
import { pageUser } from '@/lib/server/page-auth';
import { readWallConfig } from '@/lib/server/wall-config';
import { CommandShell } from '@/components/shell/command-shell';

export const dynamic = 'force-dynamic';

/** City, venue, zone and sensor pages share this layout, so the map and streams survive navigation. */
export default async function CommandLayout({ children }: { children: ReactNode }) {
  const user = await pageUser();
  // Only what the browser may see leaves the server.
  const { basemapUrl, wallConfigFile } = readServerEnv();
  return (
    <CommandShell basemapUrl={basemapUrl} user={user} wallConfig={readWallConfig(wallConfigFile)}>
      {children}
    </CommandShell>
  );
}
