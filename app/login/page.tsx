import { redirect } from 'next/navigation';
import { homeOf, safeNext } from '@/lib/auth/permissions';
import { optionalPageUser } from '@/lib/server/page-auth';
import { LoginForm } from '@/components/auth/login-form';
import { requestMessages } from '@/lib/server/locale';
import { LanguageSwitch } from '@/components/i18n/language-switch';

export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const target = typeof next === 'string' ? safeNext(next) : null;
  const user = await optionalPageUser();
  if (user) redirect(target ?? homeOf(user));
  const { t } = await requestMessages();
  return (
    <main className="login-page">
      <h1>
        {t('app.name')} <span className="brand-sub">{t('app.games')}</span>
      </h1>
      <p className="login-hint">{t('login.hint')}</p>
      <LoginForm next={target} />
      <LanguageSwitch />
    </main>
  );
}
