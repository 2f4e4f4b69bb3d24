import { notFound } from 'next/navigation';
import { ID_PATTERN } from '@/lib/contracts/topics';
import { VenueView } from '@/components/venue/venue-view';

export const dynamic = 'force-dynamic';

const VENUE_ID = new RegExp(ID_PATTERN);

export default async function VenuePage({ params }: { params: Promise<{ venueId: string }> }) {
  const { venueId } = await params;
  if (!VENUE_ID.test(venueId)) notFound();
  return <VenueView venueId={venueId} />;
}
