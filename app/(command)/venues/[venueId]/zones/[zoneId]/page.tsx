import { notFound } from 'next/navigation';
import { ID_PATTERN } from '@/lib/contracts/topics';
import { venuePageUser } from '@/lib/server/page-auth';
import { ZonePanels } from '@/components/venue/zone-panels';

const ID = new RegExp(ID_PATTERN);

export default async function ZonePage({ params }: { params: Promise<{ venueId: string; zoneId: string }> }) {
  const { venueId, zoneId } = await params;
  if (!ID.test(venueId) || !ID.test(zoneId)) notFound();
  await venuePageUser(venueId);
  return <ZonePanels venueId={venueId} zoneId={zoneId} />;
}
