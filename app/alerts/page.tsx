import type { Metadata } from 'next';
import { requestMessages } from '@/lib/server/locale';
import { pageUser } from '@/lib/server/page-auth';
import { UserProvider } from '@/components/auth/user-context';
import { AlertsView } from '@/components/alerts/alerts-view';

export const dynamic = 'force-dynamic';
export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestMessages();
  return { title: `${t('alerts.title')} · ${t('app.name')}` };
}

/** The responder's view (phone first): every alert this user may see, and what they may do about it. */
export default async function AlertsPage() {
  const user = await pageUser();
  return (
    <UserProvider user={user}>
      <AlertsView />
    </UserProvider>
  );
}
