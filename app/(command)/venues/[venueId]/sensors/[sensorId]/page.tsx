import { notFound } from 'next/navigation';
import { ID_PATTERN } from '@/lib/contracts/topics';
import { SensorPanels } from '@/components/venue/sensor-panels';

const ID = new RegExp(ID_PATTERN);

export default async function SensorPage({ params }: { params: Promise<{ venueId: string; sensorId: string }> }) {
  const { venueId, sensorId } = await params;
  if (!ID.test(venueId) || !ID.test(sensorId)) notFound();
  return <SensorPanels venueId={venueId} sensorId={sensorId} />;
}
