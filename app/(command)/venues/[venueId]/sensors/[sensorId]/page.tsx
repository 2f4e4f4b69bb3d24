import { notFound } from 'next/navigation';
import { ID_PATTERN } from '@/lib/contracts/topics';
import { venuePageUser } from '@/lib/server/page-auth';
import { SensorPanels } from '@/components/venue/sensor-panels';

const ID = new RegExp(ID_PATTERN);

export default async function SensorPage({ params }: { params: Promise<{ venueId: string; sensorId: string }> }) {
  const { venueId, sensorId } = await params;
  if (!ID.test(venueId) || !ID.test(sensorId)) notFound();
  await venuePageUser(venueId);
  return <SensorPanels venueId={venueId} sensorId={sensorId} />;
}
