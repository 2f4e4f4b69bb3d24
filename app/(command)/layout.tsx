import type { ReactNode } from 'react';
import { readServerEnv } from '@/lib/server/env';
import { CommandShell } from '@/components/shell/command-shell';

export const dynamic = 'force-dynamic';

/** City, venue, zone and sensor pages share this layout, so the map and streams survive navigation. */
export default function CommandLayout({ children }: { children: ReactNode }) {
  // Only what the browser may see leaves the server.
  const { basemapUrl } = readServerEnv();
  return <CommandShell basemapUrl={basemapUrl}>{children}</CommandShell>;
}
