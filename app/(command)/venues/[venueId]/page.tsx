import { notFound } from 'next/navigation';
import { ID_PATTERN } from '@/lib/contracts/topics';
import { venuePageUser } from '@/lib/server/page-auth';
import { VenuePanels } from '@/components/venue/venue-panels';

const ID = new RegExp(ID_PATTERN);

export default async function VenuePage({
  params,
  searchParams,
}: {
  params: Promise<{ venueId: string }>;
  searchParams: Promise<{ notYours?: string | string[] }>;
}) {
  const { venueId } = await params;
  if (!ID.test(venueId)) notFound();
  await venuePageUser(venueId);
  // Sent here from a venue this user may not see (lib/server/page-auth.ts): say so, by its id only.
  const { notYours } = await searchParams;
  const refused = typeof notYours === 'string' && ID.test(notYours) && notYours !== venueId ? notYours : undefined;
  return <VenuePanels venueId={venueId} notYours={refused} />;
}
