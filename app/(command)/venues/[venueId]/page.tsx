import { notFound } from 'next/navigation';
import { ID_PATTERN } from '@/lib/contracts/topics';
import { venuePageUser } from '@/lib/server/page-auth';
import { VenuePanels } from '@/components/venue/venue-panels';

const ID = new RegExp(ID_PATTERN);

export default async function VenuePage({ params }: { params: Promise<{ venueId: string }> }) {
  const { venueId } = await params;
  if (!ID.test(venueId)) notFound();
  await venuePageUser(venueId);
  return <VenuePanels venueId={venueId} />;
}
