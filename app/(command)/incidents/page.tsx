import { redirect } from 'next/navigation';
import { canViewCity, homeOf } from '@/lib/auth/permissions';
import { pageUser } from '@/lib/server/page-auth';
import { IncidentsPanels } from '@/components/wall/incidents-panels';

export const dynamic = 'force-dynamic';

export default async function IncidentsPage() {
  const user = await pageUser();
  // Every venue's alerts: a venue manager sees theirs on their venue page.
  if (!canViewCity(user)) redirect(homeOf(user));
  return <IncidentsPanels />;
}
