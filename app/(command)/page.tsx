import { redirect } from 'next/navigation';
import { ID_PATTERN } from '@/lib/contracts/topics';
import { CityPanels } from '@/components/wall/city-panels';

export const dynamic = 'force-dynamic';

const VENUE_ID = new RegExp(ID_PATTERN);

export default async function CityPage({ searchParams }: { searchParams: Promise<{ venue?: string | string[] }> }) {
  // `/?venue=ID` starts a venue manager's tablet on their venue (until sign-in does it).
  const { venue } = await searchParams;
  if (typeof venue === 'string' && VENUE_ID.test(venue)) redirect(`/venues/${venue}`);
  return <CityPanels />;
}
