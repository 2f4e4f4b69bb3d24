import { redirect } from 'next/navigation';
import { canViewCity, homeOf } from '@/lib/auth/permissions';
import { ID_PATTERN } from '@/lib/contracts/topics';
import { pageUser } from '@/lib/server/page-auth';
import { CityPanels } from '@/components/wall/city-panels';

export const dynamic = 'force-dynamic';

const VENUE_ID = new RegExp(ID_PATTERN);

export default async function CityPage({ searchParams }: { searchParams: Promise<{ venue?: string | string[] }> }) {
  // `/?venue=ID` starts a tablet on one venue (the venue page checks it is theirs).
  const { venue } = await searchParams;
  if (typeof venue === 'string' && VENUE_ID.test(venue)) redirect(`/venues/${venue}`);
  const user = await pageUser();
  // The city wall shows every venue: a venue manager goes to their own.
  if (!canViewCity(user)) redirect(homeOf(user));
  return <CityPanels />;
}
