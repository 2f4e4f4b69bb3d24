import { CityWall } from '@/components/wall/city-wall';

export const dynamic = 'force-dynamic';

export default function CityPage() {
  return <CityWall />;
}
