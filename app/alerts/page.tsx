import type { Metadata } from 'next';
import { pageUser } from '@/lib/server/page-auth';
import { UserProvider } from '@/components/auth/user-context';
import { AlertsView } from '@/components/alerts/alerts-view';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Alerts · Venue Command Center' };

/** The responder's view (phone first): every alert this user may see, and what they may do about it. */
export default async function AlertsPage() {
  const user = await pageUser();
  return (
    <UserProvider user={user}>
      <AlertsView />
    </UserProvider>
  );
}
