import { readServerEnv } from '@/lib/server/env';
import { CityWall } from '@/components/wall/city-wall';

export const dynamic = 'force-dynamic';

export default function CityPage() {
  // Only what the browser may see leaves the server.
  const { basemapUrl } = readServerEnv();
  return <CityWall basemapUrl={basemapUrl} />;
}
