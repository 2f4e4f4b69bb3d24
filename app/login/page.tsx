import { redirect } from 'next/navigation';
import { homeOf, safeNext } from '@/lib/auth/permissions';
import { optionalPageUser } from '@/lib/server/page-auth';
import { LoginForm } from '@/components/auth/login-form';

export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const target = typeof next === 'string' ? safeNext(next) : null;
  const user = await optionalPageUser();
  if (user) redirect(target ?? homeOf(user));
  return (
    <main className="login-page">
      <h1>
        Venue Command Center <span className="brand-sub">Hangzhou 2023 · 杭州亚运会</span>
      </h1>
      <p className="login-hint">Sign in with your command-center account.</p>
      <LoginForm next={target} />
    </main>
  );
}
